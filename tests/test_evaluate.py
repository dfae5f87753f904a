"""Tests of the claim scorer (attribution.evaluate) and ``attribution evaluate`` errors."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attribution.cli import main
from attribution.errors import InputError
from attribution.evaluate import (
    GoldAttribution,
    GoldDocument,
    Prediction,
    Scorer,
    align,
    evaluate_batched,
    evaluate_documents,
    jaccard,
    normalize_segments,
    parse_gold,
    predictions_from_document,
    read_gold,
)
from attribution.model import AttributedDocument, Claim, ClaimMode, Source, Span

EVAL_DIR = Path(__file__).parents[1].parent / "shared" / "eval"
DEV = EVAL_DIR / "polnear_dev.jsonl"

# A made-up article: offsets are computed from it, never typed in.
TEXT = (
    '"We will not back down," the mayor said on Tuesday.\n\n'
    "Council members said that the budget was balanced, according to a memo.\n\n"
    'The governor called the plan "reckless and cruel" in a statement.'
)


def at(fragment: str, text: str = TEXT) -> tuple[int, int]:
    """The (start, end) of the only occurrence of ``fragment`` in ``text``."""
    start = text.index(fragment)
    assert text.count(fragment) == 1, fragment
    return start, start + len(fragment)


def gold(fragment: str, mode: str, source: str | None = None) -> GoldAttribution:
    return GoldAttribution(content=[at(fragment)], mode=mode, source=[at(source)] if source else [])


def pred(fragment: str, mode: str, source: str | None = None) -> Prediction:
    start, end = at(fragment)
    return Prediction(start=start, end=end, mode=mode, source=at(source) if source else None)


DIRECT = gold('"We will not back down,"', "direct", "the mayor")
INDIRECT = gold("that the budget was balanced", "indirect", "Council members")
MIXED = gold('the plan "reckless and cruel"', "mixed", "The governor")
GOLD_DOC = GoldDocument(id="made-up", text=TEXT, attributions=[DIRECT, INDIRECT, MIXED])


# -- normalisation and Jaccard ----------------------------------------------------------


def test_normalisation_strips_quotes_punctuation_and_whitespace_at_both_ends() -> None:
    (span,) = normalize_segments(TEXT, [at('"We will not back down," ')])
    assert TEXT[span[0] : span[1]] == "We will not back down"


def test_normalisation_keeps_inner_punctuation_and_leading_that() -> None:
    text = 'He said that "it is, truly, over."'
    (span,) = normalize_segments(text, [at('that "it is, truly, over."', text)])
    assert text[span[0] : span[1]] == 'that "it is, truly, over'


def test_normalisation_merges_touching_parts_and_falls_back_when_empty() -> None:
    text = "abcdef ghi"
    assert normalize_segments(text, [(0, 3), (3, 6)]) == ((0, 6),)
    assert normalize_segments(text, [(0, 7), (7, 10)]) == ((0, 6), (7, 10))
    assert normalize_segments('x ".," y', [(2, 5)]) == ((2, 5),)


def test_jaccard_of_segments() -> None:
    assert jaccard([(0, 10)], [(0, 10)]) == 1.0
    assert jaccard([(0, 10)], [(5, 15)]) == pytest.approx(5 / 15)
    assert jaccard([(0, 4), (6, 10)], [(0, 10)]) == pytest.approx(8 / 10)
    assert jaccard([(0, 5)], [(5, 10)]) == 0.0
    assert jaccard([], []) == 0.0


# -- exact vs overlap -------------------------------------------------------------------


def test_exact_match_ignores_quote_marks_and_trailing_comma() -> None:
    # The prediction leaves out the quote marks and comma that the gold content includes.
    result = Scorer()
    result.add(GOLD_DOC, [pred("We will not back down", "direct", "the mayor")])
    evaluation = result.result()
    assert evaluation.exact.overall.tp == 1
    assert evaluation.overlap.overall.tp == 1


def test_partial_span_matches_by_overlap_but_not_exactly() -> None:
    scorer = Scorer()
    scorer.add(GOLD_DOC, [pred("the budget was balanced", "indirect", "Council members")])
    evaluation = scorer.result()
    assert (evaluation.exact.overall.tp, evaluation.exact.overall.fp) == (0, 1)
    assert (evaluation.overlap.overall.tp, evaluation.overlap.overall.fp) == (1, 0)
    assert evaluation.overlap.overall.fn == 2
    assert evaluation.overlap.overall.precision == 1.0
    assert evaluation.overlap.overall.recall == pytest.approx(1 / 3)
    assert evaluation.overlap.overall.f1 == pytest.approx(0.5)


@pytest.mark.parametrize(("predicted_length", "matched"), [(10, True), (9, False)])
def test_jaccard_threshold_is_inclusive_at_one_half(predicted_length: int, matched: bool) -> None:
    text = "a" * 40
    gold_attrs = [GoldAttribution(content=[(0, 20)], mode="indirect")]
    prediction = Prediction(start=0, end=predicted_length, mode="indirect")
    # 10 of 20 characters: Jaccard exactly 0.5, a match; 9 of 20: 0.45, no match.
    assert jaccard(gold_attrs[0].content, prediction.content) == predicted_length / 20
    alignment = align(text, gold_attrs, [prediction], matching="overlap")
    assert bool(alignment.matches) is matched


def test_threshold_edge_from_the_other_side() -> None:
    # Prediction longer than gold: gold 10 characters inside a 20-character prediction.
    text = "b" * 30
    gold_attr = [GoldAttribution(content=[(5, 15)], mode="direct")]
    assert align(text, gold_attr, [Prediction(start=0, end=20, mode="direct")]).matches
    assert not align(text, gold_attr, [Prediction(start=0, end=21, mode="direct")]).matches


def test_custom_threshold_is_used() -> None:
    scorer = Scorer(threshold=0.9)
    scorer.add(GOLD_DOC, [pred("the budget was balanced", "indirect")])
    assert scorer.result().overlap.overall.tp == 0
    with pytest.raises(ValueError):
        Scorer(threshold=0)


# -- one-to-one -------------------------------------------------------------------------


def test_duplicate_predictions_count_once() -> None:
    scorer = Scorer()
    scorer.add(GOLD_DOC, [pred('"We will not back down,"', "direct"), pred("We will not back down", "direct")])
    overall = scorer.result().exact.overall
    assert (overall.tp, overall.fp, overall.fn) == (1, 1, 2)


def test_each_gold_takes_its_best_prediction() -> None:
    text = "x" * 100
    gold_attrs = [
        GoldAttribution(content=[(0, 20)], mode="indirect"),
        GoldAttribution(content=[(20, 40)], mode="indirect"),
    ]
    # Prediction 0 overlaps gold 0 with Jaccard 0.6 and prediction 1 matches it exactly;
    # prediction 0 also fits gold 1 (Jaccard 8/32 = 0.25, too low).
    predictions = [Prediction(start=8, end=28, mode="indirect"), Prediction(start=0, end=20, mode="indirect")]
    alignment = align(text, gold_attrs, predictions)
    assert [(m.gold, m.prediction) for m in alignment.matches] == [(0, 1)]
    assert alignment.unmatched_predictions == (0,)
    assert alignment.unmatched_gold == (1,)


def test_one_prediction_cannot_match_two_gold() -> None:
    text = "y" * 40
    gold_attrs = [
        GoldAttribution(content=[(0, 10)], mode="direct"),
        GoldAttribution(content=[(10, 20)], mode="direct"),
    ]
    # Jaccard exactly 0.5 with both gold spans: one is matched, the other is missed.
    alignment = align(text, gold_attrs, [Prediction(start=0, end=20, mode="direct")])
    assert len(alignment.matches) == 1
    assert len(alignment.unmatched_gold) == 1


# -- discontinuous content --------------------------------------------------------------


DISCONTINUOUS_TEXT = '"We are ready," the coach said, "and we are hungry."'


def test_discontinuous_gold_scored_over_the_union_of_parts() -> None:
    text = DISCONTINUOUS_TEXT
    parts = [at('"We are ready,"', text), at('"and we are hungry."', text)]
    gold_doc = GoldDocument(
        id="d",
        text=text,
        attributions=[GoldAttribution(content=parts, mode="direct", source=[at("the coach", text)])],
    )
    whole = Prediction(start=parts[0][0], end=parts[1][1], mode="direct")
    exact_parts = Prediction(start=parts[0][0], end=parts[1][1], mode="direct", parts=parts)
    scorer = Scorer()
    scorer.add(gold_doc, [whole])
    evaluation = scorer.result()
    # The whole stretch also covers the narration between the parts: not exact, but
    # Jaccard 29/49 >= 0.5.
    assert jaccard(normalize_segments(text, parts), normalize_segments(text, whole.content)) == 29 / 49
    assert evaluation.exact.overall.tp == 0
    assert evaluation.overlap.overall.tp == 1
    scorer = Scorer()
    scorer.add(gold_doc, [exact_parts])
    assert scorer.result().exact.overall.tp == 1


def test_first_part_alone_is_below_threshold() -> None:
    text = DISCONTINUOUS_TEXT
    parts = [at('"We are ready,"', text), at('"and we are hungry."', text)]
    only_first = Prediction(start=parts[0][0], end=parts[0][1], mode="direct")
    # "We are ready" is 12 of the gold's 29 normalised characters: Jaccard 12/29 < 0.5.
    assert jaccard(normalize_segments(text, parts), normalize_segments(text, only_first.content)) == 12 / 29
    alignment = align(text, [GoldAttribution(content=parts, mode="direct")], [only_first])
    assert not alignment.matches


# -- per-mode counts --------------------------------------------------------------------


def test_per_mode_recall_by_gold_mode_and_precision_by_predicted_mode() -> None:
    scorer = Scorer()
    scorer.add(
        GOLD_DOC,
        [
            # Matches the mixed gold but is labelled direct.
            pred('the plan "reckless and cruel"', "direct", "The governor"),
            # Matches the indirect gold with the right mode.
            pred("that the budget was balanced", "indirect", "Council members"),
            # A false positive labelled indirect.
            pred("according to a memo", "indirect"),
        ],
    )
    by_mode = scorer.result().exact.by_mode
    direct, indirect, mixed = by_mode[ClaimMode.DIRECT], by_mode[ClaimMode.INDIRECT], by_mode[ClaimMode.MIXED]
    assert (direct.tp_gold, direct.tp_predicted, direct.fp, direct.fn) == (0, 1, 0, 1)
    assert (indirect.tp_gold, indirect.tp_predicted, indirect.fp, indirect.fn) == (1, 1, 1, 0)
    assert (mixed.tp_gold, mixed.tp_predicted, mixed.fp, mixed.fn) == (1, 0, 0, 0)
    assert direct.precision == 1.0 and direct.recall == 0.0
    assert indirect.precision == 0.5 and indirect.recall == 1.0
    assert mixed.recall == 1.0 and mixed.precision == 0.0
    overall = scorer.result().exact.overall
    assert (overall.tp, overall.fp, overall.fn) == (2, 1, 1)
    confusion = scorer.result().exact.mode_confusion
    assert confusion[ClaimMode.MIXED][ClaimMode.DIRECT] == 1
    assert scorer.result().exact.mode_accuracy == 0.5


# -- speaker accuracy -------------------------------------------------------------------


def test_speaker_accuracy_on_matched_pairs() -> None:
    no_source = gold("according to a memo", "indirect")
    doc = GoldDocument(id="s", text=TEXT, attributions=[DIRECT, INDIRECT, MIXED, no_source])
    scorer = Scorer()
    scorer.add(
        doc,
        [
            pred('"We will not back down,"', "direct", "mayor"),  # overlaps "the mayor": right
            pred("that the budget was balanced", "indirect", "a memo"),  # wrong speaker
            pred('the plan "reckless and cruel"', "mixed"),  # no speaker predicted: wrong
            pred("according to a memo", "indirect", "Council members"),  # gold has no source
            pred("on Tuesday", "direct", "the mayor"),  # unmatched: not scored
        ],
    )
    speaker = scorer.result().overlap.speaker
    assert (speaker.scored, speaker.correct, speaker.gold_without_source) == (3, 1, 1)
    assert speaker.accuracy == pytest.approx(1 / 3)


# -- predictions from models, API entry points ------------------------------------------


def make_document(text: str, claims: list[tuple[str, str, str | None]]) -> AttributedDocument:
    sources, built = [], []
    for i, (content, mode, speaker) in enumerate(claims):
        mention = None
        source_id = None
        if speaker:
            mention = Span.of(text, *at(speaker, text))
            source_id = f"s{i}"
            sources.append(Source(id=source_id, mentions=[mention]))
        built.append(
            Claim(
                id=f"c{i}",
                content=Span.of(text, *at(content, text)),
                mode=mode,
                source=source_id,
                source_mention=mention,
            )
        )
    return AttributedDocument(id="doc", text=text, sources=sources, claims=built)


def test_attributed_documents_are_scored_through_their_claims() -> None:
    document = make_document(TEXT, [('"We will not back down,"', "direct", "the mayor")])
    (prediction,) = predictions_from_document(document)
    assert prediction.content == (at('"We will not back down,"'),)
    assert prediction.source == at("the mayor")
    evaluation = evaluate_documents(
        [GOLD_DOC], lambda text: make_document(text, [('"We will not back down,"', "direct", "the mayor")])
    )
    assert evaluation.exact.overall.tp == 1
    assert evaluation.exact.speaker.correct == 1
    assert evaluation.documents == 1 and evaluation.gold == 3 and evaluation.predicted == 1


def test_plain_tuples_are_accepted_as_predictions() -> None:
    start, end = at("that the budget was balanced")
    evaluation = evaluate_documents([GOLD_DOC], lambda text: [(start, end, "indirect", None)])
    assert evaluation.exact.overall.tp == 1


def test_document_with_other_text_is_rejected() -> None:
    other = make_document("Something else entirely.", [])
    with pytest.raises(ValueError, match="text differs"):
        evaluate_documents([GOLD_DOC], lambda text: other)


def test_batched_evaluation_streams_and_checks_lengths() -> None:
    seen = []

    def predict_many(texts):
        for text in texts:
            seen.append(text)
            yield [pred("that the budget was balanced", "indirect")]

    evaluation = evaluate_batched([GOLD_DOC, GOLD_DOC], predict_many)
    assert evaluation.documents == 2 and evaluation.overlap.overall.tp == 2
    assert seen == [TEXT, TEXT]
    with pytest.raises(ValueError):
        evaluate_batched([GOLD_DOC, GOLD_DOC], lambda texts: iter([[]]))


def test_results_serialise_to_json_and_a_table() -> None:
    scorer = Scorer()
    scorer.add(GOLD_DOC, [pred("that the budget was balanced", "indirect")])
    evaluation = scorer.result()
    data = json.loads(json.dumps(evaluation.to_dict()))
    assert data["overlap"]["overall"]["tp"] == 1
    assert data["overlap"]["by_mode"]["indirect"]["recall"] == 1.0
    table = evaluation.format_table(title="made up")
    assert table.startswith("made up")
    assert "| overlap  | indirect |" in table


# -- reading gold JSONL -----------------------------------------------------------------


def gold_line(**overrides) -> str:
    start, end = at("that the budget was balanced")
    data = {
        "id": "g1",
        "text": TEXT,
        "split": "dev",
        "quotes": [
            {
                "content": [start, end],
                "source": list(at("Council members")),
                "cue": None,
                "type": "indirect",
                "content_parts": [[start, end]],
                "source_parts": [list(at("Council members"))],
                "cue_parts": [],
                "kind": "Attribution",
                "flags": [],
                "brat_event": "E1",
            }
        ],
    }
    data.update(overrides)
    return json.dumps(data)


def test_parse_gold_line() -> None:
    document = parse_gold(gold_line())
    assert document.id == "g1" and document.metadata == {"split": "dev"}
    (attribution,) = document.attributions
    assert attribution.mode is ClaimMode.INDIRECT
    assert attribution.source == (at("Council members"),)
    assert attribution.id == "E1"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (gold_line(text=None), "'text'"),
        (gold_line(quotes=[{"content": [0, 5], "type": "quoted"}]), "expected one of direct, indirect, mixed"),
        (gold_line(quotes=[{"content": [0, 99999], "type": "direct"}]), "outside the text"),
        (gold_line(quotes=[{"content": "0-5", "type": "direct"}]), "pair of integers"),
    ],
)
def test_malformed_gold_names_file_and_line(line: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        parse_gold(line, source="gold.jsonl", line_number=7)
    assert str(info.value).startswith("gold.jsonl:7: ")


def test_read_gold_streams_skips_blank_lines_and_limits(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n\n" + gold_line(id="g2") + "\n" + gold_line(id="g3") + "\n", encoding="utf-8")
    assert [d.id for d in read_gold(path)] == ["g1", "g2", "g3"]
    assert [d.id for d in read_gold(path, limit=2)] == ["g1", "g2"]
    stream = read_gold(path)
    assert next(stream).id == "g1"  # lazily, one line at a time


def test_read_gold_reports_the_line_of_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(gold_line().encode() + b"\n" + b'{"id": "\xff"}\n')
    with pytest.raises(InputError, match=r"gold\.jsonl:2: not UTF-8"):
        list(read_gold(path))


@pytest.mark.skipif(not DEV.exists(), reason=f"PolNeAR evaluation data not found at {EVAL_DIR}")
def test_first_real_gold_document_reads_and_scores_perfectly_against_itself() -> None:
    document = next(read_gold(DEV))
    assert document.text and document.attributions
    for attribution in document.attributions:
        for start, end in attribution.content:
            assert 0 <= start < end <= len(document.text)
    predictions = [
        Prediction(
            start=a.content[0][0],
            end=a.content[-1][1],
            parts=a.content,
            mode=a.mode,
            source=a.source[0] if a.source else None,
        )
        for a in document.attributions
    ]
    evaluation = evaluate_documents([document], lambda text: predictions)
    for scores in (evaluation.exact, evaluation.overlap):
        assert scores.overall.f1 == 1.0
        assert scores.speaker.accuracy == 1.0
    assert evaluation.overlap.speaker.scored + evaluation.overlap.speaker.gold_without_source == len(
        document.attributions
    )


# -- command-line errors ----------------------------------------------------------------


def test_cli_missing_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "absent.jsonl"
    assert main(["evaluate", str(missing)]) == 1
    err = capsys.readouterr().err
    assert str(missing) in err and "Traceback" not in err


def test_cli_only_malformed_lines_fail_before_extraction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "x", "text": 3}\n' + "[1, 2]\n", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "no gold documents" in err and "Traceback" not in err
    assert out == ""


HOSTILE_LINES = {
    "a 5,000-digit integer": '{"id": "n", "text": "x", "quotes": [], "n": ' + "9" * 5000 + "}",
    "100k-deep nesting": "[" * 100_000 + "]" * 100_000,
    "a lone surrogate": '{"id": "s", "text": "bad \\ud800 text", "quotes": []}',
    "text that is not a string": '{"id": "x", "text": 3}',
    "broken JSON": '{"id": "x", ',
}


@pytest.mark.parametrize("bad", list(HOSTILE_LINES.values()), ids=list(HOSTILE_LINES))
def test_cli_reports_each_bad_gold_line_and_scores_the_rest(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    extract = pytest.importorskip("attribution.extract")
    seen = []

    def fake_analyze_many(texts, **options):
        for text in texts:
            seen.append(text)
            yield make_document(text, [("that the budget was balanced", "indirect", "Council members")])

    monkeypatch.setattr(extract, "analyze_many", fake_analyze_many)
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n" + bad + "\n" + gold_line(id="g3") + "\n", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert f"{path}:2:" in err and "skipped" in err and "Traceback" not in err
    assert err.count(f"{path}:") == 1
    assert "2 documents, 2 gold attributions, 2 predictions" in out
    assert len(seen) == 2


def test_read_gold_raises_or_reports_by_choice(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n" + HOSTILE_LINES["a lone surrogate"] + "\n" + gold_line(id="g3") + "\n")
    with pytest.raises(InputError, match="surrogate"):
        list(read_gold(path))
    errors: list[InputError] = []
    assert [g.id for g in read_gold(path, on_error=errors.append)] == ["g1", "g3"]
    assert [e.line for e in errors] == [2]


def test_cli_no_gold_attributions_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "Nothing said.", "quotes": []}\n', encoding="utf-8")
    assert main(["evaluate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "no gold attributions" in err and out == ""


def test_gold_in_the_projects_own_format(tmp_path: Path) -> None:
    from attribution.serialize import from_json, to_dict

    example = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.json"
    document = from_json(example.read_bytes())
    whole = list(read_gold(example))
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(to_dict(document)) + "\n", encoding="utf-8")
    lines = list(read_gold(path))
    assert whole == lines and len(whole) == 1
    gold = whole[0]
    assert len(gold.attributions) == len(document.claims) > 0
    claim = document.claims[0]
    first = gold.attributions[0]
    assert first.mode is claim.mode and first.id == claim.id
    parts = claim.content_parts or (claim.content,)
    assert first.content == tuple((p.start, p.end) for p in parts)
    # A document scored against itself is perfect.
    evaluation = evaluate_documents(whole, lambda text: document)
    assert evaluation.exact.overall.f1 == 1.0


def test_a_json_array_of_documents_and_a_bad_element(tmp_path: Path) -> None:
    from attribution.serialize import from_json, to_dict

    example = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.json"
    data = to_dict(from_json(example.read_bytes()))
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([data, {"id": "x", "text": "t", "claims": [{"bogus": 1}]}]), encoding="utf-8")
    errors: list[InputError] = []
    assert len(list(read_gold(path, on_error=errors.append))) == 1
    assert len(errors) == 1 and "/1" in str(errors[0])


def test_cli_empty_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 1
    assert "no gold documents" in capsys.readouterr().err


def test_cli_bad_limit_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["evaluate", str(tmp_path / "x.jsonl"), "--limit", "0"])
    assert info.value.code == 2


def test_cli_scores_the_extractor_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wiring only: a stand-in for attribution.extract.analyze_many, so no model is needed.
    extract = pytest.importorskip("attribution.extract")
    calls = {}

    def fake_analyze_many(texts, **options):
        calls.update(options)
        for text in texts:
            yield make_document(text, [("that the budget was balanced", "indirect", "Council members")])

    monkeypatch.setattr(extract, "analyze_many", fake_analyze_many)
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line() + "\n" + gold_line(id="g2") + "\n" + gold_line(id="g3") + "\n", encoding="utf-8")

    assert main(["evaluate", str(path), "--limit", "2", "--model", "my_model", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 2 and data["model"] == "my_model"
    assert data["exact"]["overall"]["tp"] == 2 and data["exact"]["speaker"]["correct"] == 2
    assert calls["model"] == "my_model"

    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 documents, 3 gold attributions, 3 predictions" in out
    assert "| overlap  | all      |" in out



@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_cli_scores_gold_in_the_projects_own_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    from attribution.serialize import from_json, to_dict

    extract = pytest.importorskip("attribution.extract")
    example = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.json"
    document = from_json(example.read_bytes())
    monkeypatch.setattr(extract, "analyze_many", lambda texts, **options: (document for _ in texts))
    path = tmp_path / f"gold{suffix}"
    path.write_text(json.dumps(to_dict(document)) + "\n", encoding="utf-8")
    assert main(["evaluate", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["documents"], data["gold"]) == (1, len(document.claims))
    assert data["exact"]["overall"]["f1"] == 1.0


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_cli_own_format_without_claims_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    from attribution.model import AttributedDocument
    from attribution.serialize import to_json

    path = tmp_path / f"gold{suffix}"
    path.write_text(to_json(AttributedDocument(id="d1", text="Nothing said here.")) + "\n", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "no gold attributions in 1 document" in err and out == ""

# -- properties -------------------------------------------------------------------------

segment_lists = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1])), max_size=4
)


@given(segment_lists, segment_lists)
def test_jaccard_is_symmetric_and_bounded(a, b) -> None:
    score = jaccard(a, b)
    assert score == jaccard(b, a)
    assert 0.0 <= score <= 1.0
    if any(e > s for s, e in a):
        assert jaccard(a, a) == 1.0


@given(
    st.lists(st.tuples(st.integers(0, 90), st.integers(1, 30), st.sampled_from(list(ClaimMode))), max_size=6),
    st.lists(st.tuples(st.integers(0, 90), st.integers(0, 30), st.sampled_from(list(ClaimMode))), max_size=6),
)
def test_counts_add_up_and_overlap_finds_at_least_the_exact_matches(gold_items, predicted_items) -> None:
    text = "w" * 130
    document = GoldDocument(
        id="p", text=text, attributions=[GoldAttribution(content=[(s, s + n)], mode=m) for s, n, m in gold_items]
    )
    predictions = [Prediction(start=s, end=s + n, mode=m) for s, n, m in predicted_items]
    scorer = Scorer()
    scorer.add(document, predictions)
    evaluation = scorer.result()
    for scores in (evaluation.exact, evaluation.overlap):
        overall = scores.overall
        assert overall.tp + overall.fn == len(gold_items)
        assert overall.tp + overall.fp == len(predicted_items)
        assert sum(c.tp_gold for c in scores.by_mode.values()) == overall.tp
        assert sum(c.tp_predicted for c in scores.by_mode.values()) == overall.tp
    assert evaluation.overlap.overall.tp >= evaluation.exact.overall.tp
