"""``--min-confidence`` and ``min_confidence=``: fewer, surer claims."""

import json
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.extract import analyze
from attribution.model import AttributedDocument, Claim, ClaimMode, Rebuttal, RebuttalKind, Span, with_min_confidence
from attribution.serialize import from_dict

EXAMPLE = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.txt"
TEXT = "Aaaa bbbb. Cccc dddd. Eeee ffff."


def _claim(id, start, end, confidence, parent=None):
    return Claim(
        id=id,
        content=Span.of(TEXT, start, end),
        mode=ClaimMode.INDIRECT,
        confidence=confidence,
        parent=parent,
    )


def _document():
    return AttributedDocument(
        id="d",
        text=TEXT,
        claims=(_claim("c1", 0, 9, 0.9), _claim("c2", 11, 20, 0.5), _claim("c3", 13, 17, 0.8, parent="c2")),
        rebuttals=(
            Rebuttal(id="r1", claim="c2", target="c1", kind=RebuttalKind.DENIAL),
            Rebuttal(id="r2", claim="c3", target="c1", kind=RebuttalKind.DENIAL),
        ),
    )


def test_drops_unsure_claims_and_their_links():
    kept = with_min_confidence(_document(), 0.6)
    assert [c.id for c in kept.claims] == ["c1", "c3"]
    assert kept.claims[1].parent is None  # its parent was dropped
    assert [r.id for r in kept.rebuttals] == ["r2"]


def test_zero_keeps_everything_and_bad_thresholds_are_refused():
    document = _document()
    assert with_min_confidence(document, 0.0) is document
    for bad in (-0.1, 1.5, float("nan"), "0.5", True):
        with pytest.raises(ValueError, match="min_confidence"):
            with_min_confidence(document, bad)


def test_analyze_keeps_only_confident_claims():
    text = EXAMPLE.read_text(encoding="utf-8")
    everything = analyze(text)
    threshold = sorted({c.confidence for c in everything.claims})[1]
    sure = analyze(text, min_confidence=threshold)
    assert 0 < len(sure.claims) < len(everything.claims)
    assert all(c.confidence >= threshold for c in sure.claims)
    assert {c.id for c in sure.claims} <= {c.id for c in everything.claims}


def test_cli_flag(capsys):
    assert main(["extract", str(EXAMPLE), "--quiet"]) == 0
    (everything,) = json.loads(capsys.readouterr().out)
    assert main(["extract", str(EXAMPLE), "--quiet", "--min-confidence", "0.85"]) == 0
    (sure,) = json.loads(capsys.readouterr().out)
    confidences = [c.confidence for c in from_dict(sure).claims]
    assert confidences and min(confidences) >= 0.85
    assert len(confidences) < len(everything["claims"])


@pytest.mark.parametrize("value", ["-1", "2", "nan", "high"])
def test_cli_refuses_a_bad_threshold(value, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["extract", str(EXAMPLE), "--min-confidence", value])
    assert exit.value.code == 2
    assert "expected a number from 0 to 1" in capsys.readouterr().err
