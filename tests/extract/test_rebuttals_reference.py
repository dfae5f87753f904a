"""The rebuttals of the reference article (examples/cipher_brief_pakistan.txt).

The careful reader's table (tests/data/cipher_brief_pakistan.expected.md) lists five:

| rebutting claim | target | kind |
| 14 "cannot verify Pakistani claims"  | 7  | cannot_verify |
| 15 "rounded up Afghan refugees"      | 7  | counterclaim  |
| 17 "robust bilateral consultations"  | 13 (and 1) | dispute |
| 16 "We are confident that Pakistan"  | 10 | counterclaim  |
| 2  "In response, ..."                | 1  | response      |

Two ways in: the step alone on the article's claims and sources as that table gives
them (so the step is judged apart from claim extraction), and the whole extractor.
"""

from pathlib import Path

import pytest
import spacy

from attribution.extract.rebuttals import make_rebuttals
from attribution.model import AttributedDocument, Claim, Descriptors, Source, Span

ARTICLE = Path(__file__).parents[2] / "examples" / "cipher_brief_pakistan.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")

#: (rebutting claim, accepted targets, kind), by the numbers of the expected table.
EXPECTED = [
    (14, {7}, "cannot_verify"),
    (15, {7}, "counterclaim"),
    (17, {13, 1}, "dispute"),
    (16, {10}, "counterclaim"),
    (2, {1}, "response"),
]

#: Claim number -> a substring of its content that identifies it.
CLAIM_TEXT = {
    1: "The Trump administration has given Pakistan",
    2: "Washington has asked Pakistan",
    3: "Pakistan’s intelligence service and military have failed",
    4: "We have seen Pakistan take some modest steps",
    5: "They are doing the minimum necessary",
    6: "Pakistan has shown “nothing but lies and deceit”",
    7: "Islamabad has turned over more than two-dozen militants",
    8: "That includes the senior leaders",
    9: "Siraj Haqqani is at the top of that list",
    10: "they don’t believe the high-level targets",
    11: "the U.S. won’t share coordinates",
    12: "Pakistan has “offered to fly U.S. operatives",
    13: "while the U.S. ambassador in Pakistan is afforded meetings",
    14: "cannot verify Pakistani claims",
    15: "has at times rounded up Afghan refugees",
    16: "We are confident that Pakistan knows",
    17: "robust bilateral consultations continue",
}


def _span(text: str, after: int = 0) -> Span:
    start = TEXT.index(text, after)
    return Span.of(TEXT, start, start + len(text))


# (number, source, source mention, cue, content, mode); each piece located in order.
_CLAIMS = [
    (1, "PK1", "a senior Pakistani official", "tells",
     "The Trump administration has given Pakistan a new “hit list” of nearly a dozen top militants to detain, to show its willingness to fight terrorism, but the U.S. won’t share intelligence that would help lead to their capture, and has snubbed Pakistani requests to meet CIA chief Mike Pompeo in Washington", "indirect"),
    (2, "US", "senior U.S. administration officials", "would only say",
     "Washington has asked Pakistan to take “specific” action against the Taliban and the Haqqani network, which have been blamed for recent violent attacks in Kabul, Afghanistan", "mixed"),
    (3, "US", "The officials", "tell",
     "Pakistan’s intelligence service and military have failed to sever ties with either militant group and continue to protect their top leaders within Pakistani territory", "indirect"),
    (4, "US1", "one of the officials", "said",
     "We have seen Pakistan take some modest steps that appear to be responsive to some of our concerns, but we haven’t seen the decisive action against the Taliban and Haqqani network", "direct"),
    (5, "US1", None, "said", "They are doing the minimum necessary to alleviate the pressure.", "direct"),
    (6, "TRUMP", "President Donald Trump", "tweeting",
     "Pakistan has shown “nothing but lies and deceit” in return for U.S. aid", "mixed"),
    (7, "PK2", "Two Pakistani officials", "say",
     "since that tweet, Islamabad has turned over more than two-dozen militants to Afghanistan who were on an earlier list of militants the U.S. asked Pakistan to “lawfully detain.”", "mixed"),
    (8, "PK1", "the official", "said", "That includes the senior leaders of the Haqqani network", "indirect"),
    (9, "ROGGIO", "Bill Roggio of FDD’s Long War Journal", "according to",
     "Siraj Haqqani is at the top of that list, as he’s wanted by the FBI for his roles in running military operations for both the Haqqani network and the Taliban", "indirect"),
    (10, "PK2", "The officials", "said",
     "they don’t believe the high-level targets on the new U.S. list are in Pakistan", "indirect"),
    (11, "PK2", "they", "griped",
     "the U.S. won’t share coordinates of where the high-level targets are, even though Pakistan has “offered to fly U.S. operatives anywhere in Pakistan and bomb whatever they tell us to bomb,”", "indirect"),
    (12, "PK21", "one of the officials", "said",
     "Pakistan has “offered to fly U.S. operatives anywhere in Pakistan and bomb whatever they tell us to bomb,”", "mixed"),
    (13, "PK2", "The Pakistanis", "complained",
     "while the U.S. ambassador in Pakistan is afforded meetings with top Pakistani government, military and intelligence officials, the Trump administration has refused to host Pakistani officials at CIA headquarters since taking office", "indirect"),
    (14, "US", "The U.S. officials", "say",
     "they “cannot verify Pakistani claims to have turned over Taliban or Haqqani militants to Afghan custody,”", "mixed"),
    (15, "US", None, "adding",
     "Pakistan “has at times rounded up Afghan refugees for deportation, rather than actual Taliban or Haqqani members.”", "mixed"),
    (16, "US1", "one of the officials", "said",
     "We are confident that Pakistan knows the locations of senior Taliban and Haqqani militants on its soil, and could take action against them, if it chose to do so", "direct"),
    (17, "US", "the U.S. officials", "said",
     "“robust bilateral consultations continue,” with Pakistan, including with the “Department of Defense and the intelligence community.”", "mixed"),
]


def _sources() -> list[Source]:
    def mentions(*texts: str) -> list[Span]:
        return [_span(t) for t in texts]

    return [
        Source(id="PK1", kind="person", anonymous=True, mentions=mentions("a senior Pakistani official"),
               descriptors=Descriptors(role="official", seniority="senior", nationality="Pakistani")),
        Source(id="US", kind="group", anonymous=True, mentions=mentions("senior U.S. administration officials"),
               descriptors=Descriptors(role="officials", seniority="senior", affiliation="U.S. administration")),
        Source(id="US1", kind="person", anonymous=True, member_of="US", mentions=mentions("one of the officials")),
        Source(id="TRUMP", kind="person", name="Donald Trump", mentions=mentions("President Donald Trump"),
               descriptors=Descriptors(role="President")),
        Source(id="PK2", kind="group", anonymous=True, count=2, count_qualifier="exact",
               mentions=mentions("Two Pakistani officials", "The Pakistanis"),
               descriptors=Descriptors(role="officials", nationality="Pakistani")),
        Source(id="PK21", kind="person", anonymous=True, member_of="PK2"),
        Source(id="ROGGIO", kind="person", name="Bill Roggio", mentions=mentions("Bill Roggio of FDD’s Long War Journal"),
               descriptors=Descriptors(affiliation="FDD’s Long War Journal")),
    ]


def reference_document() -> AttributedDocument:
    """The article with the claims and sources of the expected table, and no rebuttals."""
    claims, position = [], 0
    for number, source, mention, cue, content, mode in _CLAIMS:
        content_span = _span(content, position)
        near = max(0, TEXT.rfind("\n", 0, content_span.start))
        cue_span = _span(cue, near) if cue else None
        mention_span = _span(mention, near) if mention else None
        claims.append(Claim(id=f"c{number}", source=source, source_mention=mention_span, cue=cue_span,
                            content=content_span, mode=mode))
        position = content_span.start + 1
    return AttributedDocument(id="cipher_brief_pakistan", text=TEXT, sources=_sources(), claims=claims)


def _number(document: AttributedDocument, claim_id: str) -> int | None:
    content = document.claim(claim_id).content.text
    found = [n for n, snippet in CLAIM_TEXT.items() if snippet in content]
    # A claim holding another's content (11 holds 12) is the one whose snippet starts earliest.
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
    verify = by_claim["c14"]
    assert verify.evidence is not None and "verify" in verify.evidence.text
    assert verify.reference is not None and verify.reference.text.startswith("Pakistani claims to have turned over")
    complaint = by_claim["c17"]
    assert complaint.evidence is not None and complaint.evidence.text == "As for"
    assert complaint.reference is not None and complaint.reference.text.startswith("the complaint that the CIA chief")
    assert by_claim["c2"].evidence.text == "In response"


def test_a_higher_threshold_drops_the_implicit_counterclaim(parsed: spacy.tokens.Doc) -> None:
    loose = make_rebuttals(None, threshold=0.0)(parsed, reference_document())
    strict = make_rebuttals(None, threshold=1.0)(parsed, reference_document())
    assert ("c16", "c10") in {(r.claim, r.target) for r in loose.rebuttals}
    assert ("c16", "c10") not in {(r.claim, r.target) for r in strict.rebuttals}
    assert {r.claim for r in strict.rebuttals} >= {"c2", "c14", "c17"}


def test_the_whole_extractor_finds_the_rebuttals_of_the_reference_article(nlp: spacy.language.Language) -> None:
    pytest.importorskip("attribution.extract.claims")
    from attribution.extract import analyze

    document = analyze(TEXT, nlp=nlp, id="cipher_brief_pakistan")
    found, false = score(document)
    assert found >= 4, [(r.claim, r.target, r.kind.value) for r in document.rebuttals]
    assert false == []
