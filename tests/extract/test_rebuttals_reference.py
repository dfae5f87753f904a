"""The rebuttals of the reference article (examples/cipher_brief_pakistan.txt).

The careful reader's table (tests/data/cipher_brief_pakistan.expected.md) lists five:

| rebutting claim | target | kind |
| 13 "cannot verify Pakistani claims"  | 6  | cannot_verify |
| 14 "rounded up Afghan refugees"      | 6  | counterclaim  |
| 16 "robust bilateral consultations"  | 12 (and 1) | dispute |
| 15 "We are confident that Pakistan"  | 9  | counterclaim  |
| 2  "In response, ..."                | 1  | response      |

Two ways in: the step alone on the hand-annotated claims and sources
(examples/cipher_brief_pakistan.json without its rebuttals, so the step is judged apart
from claim extraction), and the whole extractor.
"""

from pathlib import Path

import attrs
import pytest
import spacy

from attribution.extract.rebuttals import make_rebuttals
from attribution.model import AttributedDocument
from attribution.serialize import from_json

EXAMPLES = Path(__file__).parents[2] / "examples"
TEXT = (EXAMPLES / "cipher_brief_pakistan.txt").read_text(encoding="utf-8")
EXAMPLE = EXAMPLES / "cipher_brief_pakistan.json"

#: (rebutting claim, accepted targets, kind), by the numbers of the expected table.
EXPECTED = [
    (13, {6}, "cannot_verify"),
    (14, {6}, "counterclaim"),
    (16, {12, 1}, "dispute"),
    (15, {9}, "counterclaim"),
    (2, {1}, "response"),
]

#: Claim number -> a substring of its content that identifies it.
CLAIM_TEXT = {
    1: "The Trump administration has given Pakistan",
    2: "Washington has asked Pakistan",
    3: "Pakistan’s intelligence service and military have failed",
    4: "We have seen Pakistan take some modest steps",
    5: "Pakistan has shown “nothing but lies and deceit”",
    6: "Islamabad has turned over more than two-dozen militants",
    7: "That includes the senior leaders",
    8: "Siraj Haqqani is at the top of that list",
    9: "they don’t believe the high-level targets",
    10: "the U.S. won’t share coordinates",
    11: "Pakistan has “offered to fly U.S. operatives",
    12: "while the U.S. ambassador in Pakistan is afforded meetings",
    13: "cannot verify Pakistani claims",
    14: "has at times rounded up Afghan refugees",
    15: "We are confident that Pakistan knows",
    16: "robust bilateral consultations continue",
}


def reference_document() -> AttributedDocument:
    """The hand-annotated article (examples/cipher_brief_pakistan.json) without its rebuttals."""
    document = from_json(EXAMPLE.read_text(encoding="utf-8"))
    return attrs.evolve(document, rebuttals=())


def _number(document: AttributedDocument, claim_id: str) -> int | None:
    content = document.claim(claim_id).content.text
    found = [n for n, snippet in CLAIM_TEXT.items() if snippet in content]
    # A claim holding another's content (10 holds 11) is the one whose snippet starts earliest.
    return min(found, key=lambda n: content.index(CLAIM_TEXT[n])) if found else None


def score(document: AttributedDocument) -> tuple[int, list[tuple[int | None, int | None, str]]]:
    """How many expected rebuttals were found, and the links that match none."""
    links = [(_number(document, r.claim), _number(document, r.target), r.kind.value) for r in document.rebuttals]
    found = sum(any(c == claim and t in targets and k == kind for c, t, k in links) for claim, targets, kind in EXPECTED)
    false = [
        (c, t, k) for c, t, k in links
        if not any(c == claim and t in targets and k == kind for claim, targets, kind in EXPECTED)
    ]
    return found, false


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """The default pipeline with the attribution components (module-scoped)."""
    from attribution.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def parsed(nlp: spacy.language.Language) -> spacy.tokens.Doc:
    from attribution.extract import load_pipeline

    pipeline = load_pipeline(nlp=nlp)
    with pipeline.select_pipes(disable=["attribution"]):
        return pipeline(TEXT)


def test_the_step_finds_the_rebuttals_of_the_reference_article(parsed: spacy.tokens.Doc) -> None:
    document = make_rebuttals(None)(parsed, reference_document())
    found, false = score(document)
    assert found >= 4, [(r.claim, r.target, r.kind.value) for r in document.rebuttals]
    assert false == []


def test_reference_rebuttals_carry_evidence_and_reference(parsed: spacy.tokens.Doc) -> None:
    document = make_rebuttals(None)(parsed, reference_document())
    by_claim = {r.claim: r for r in document.rebuttals}
    verify = by_claim["c13"]
    assert verify.evidence is not None and "verify" in verify.evidence.text
    assert verify.reference is not None and verify.reference.text.startswith("Pakistani claims to have turned over")
    complaint = by_claim["c16"]
    assert complaint.evidence is not None and complaint.evidence.text == "As for"
    assert complaint.reference is not None and complaint.reference.text.startswith("the complaint that the CIA chief")
    assert by_claim["c2"].evidence.text == "In response"


def test_a_higher_threshold_drops_the_implicit_counterclaim(parsed: spacy.tokens.Doc) -> None:
    loose = make_rebuttals(None, threshold=0.0)(parsed, reference_document())
    strict = make_rebuttals(None, threshold=1.0)(parsed, reference_document())
    assert ("c15", "c9") in {(r.claim, r.target) for r in loose.rebuttals}
    assert ("c15", "c9") not in {(r.claim, r.target) for r in strict.rebuttals}
    assert {r.claim for r in strict.rebuttals} >= {"c2", "c13", "c16"}


def test_the_whole_extractor_finds_the_rebuttals_of_the_reference_article(nlp: spacy.language.Language) -> None:
    pytest.importorskip("attribution.extract.claims")
    from attribution.extract import analyze

    document = analyze(TEXT, nlp=nlp, id="cipher_brief_pakistan")
    found, false = score(document)
    assert found >= 4, [(r.claim, r.target, r.kind.value) for r in document.rebuttals]
    assert false == []
