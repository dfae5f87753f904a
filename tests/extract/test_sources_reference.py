"""Sources, anonymity and non-responses of the reference article.

The careful reader's table (tests/data/cipher_brief_pakistan.expected.md) lists seven
sources: PK1 "a senior Pakistani official" (later "the official"), US "senior U.S.
administration officials" (a group with members "one of the officials"), TRUMP
"President Donald Trump", PK2 "Two Pakistani officials" (a group of two, with a member,
"they", "The Pakistanis"), ROGGIO "Bill Roggio of FDD's Long War Journal", and the
organizations CIA and EMBASSY that did not answer; one anonymity condition covers PK1, US
and PK2; the byline "KIMBERLY DOZIER" is the author.

Two ways in: the sources step alone on claims built by hand at the article's speaker
phrases (so that the source logic is judged apart from claim extraction), and the whole
extractor.
"""

import attrs
import pytest

from attribution.extract import analyze, load_pipeline
from attribution.extract.sources import make_sources
from attribution.model import AttributedDocument, Claim, CountQualifier, SourceKind, Span

#: The speaker phrase of each claim of the expected table, as (phrase, occurrence, anchor):
#: the phrase's ``occurrence``-th appearance after the first appearance of ``anchor``.
SPEAKERS = [
    ("a senior Pakistani official", 0, ""),
    ("senior U.S. administration officials", 0, ""),
    ("The officials", 0, "The officials tell"),
    ("one of the officials", 0, "modest steps"),
    ("President Donald Trump", 0, ""),
    ("Two Pakistani officials", 0, ""),
    ("the official", 0, "the official said"),
    ("Bill Roggio of FDD’s Long War Journal", 0, ""),
    ("The officials", 0, "The officials said they"),
    ("they", 0, "they griped"),
    ("one of the officials", 0, "bomb whatever"),
    ("The Pakistanis", 0, ""),
    ("The U.S. officials", 0, ""),
    ("one of the officials", 0, "We are confident"),
    ("the U.S. officials", 0, "As for the complaint"),
]


def expected_sources(document):
    """The article's sources found by the reader's descriptions, by reader id."""

    def one(predicate, what):
        found = [s for s in document.sources if predicate(s)]
        assert len(found) == 1, f"{what}: {[attrs.asdict(s) for s in found]}"
        return found[0]

    first = lambda s: s.mentions[0].text if s.mentions else ""
    return {
        "PK1": one(lambda s: first(s) == "a senior Pakistani official", "PK1"),
        "US": one(lambda s: first(s) == "senior U.S. administration officials", "US"),
        "TRUMP": one(lambda s: s.name == "Donald Trump", "TRUMP"),
        "PK2": one(lambda s: first(s) == "Two Pakistani officials", "PK2"),
        "ROGGIO": one(lambda s: s.name == "Bill Roggio", "ROGGIO"),
        "CIA": one(lambda s: s.name == "CIA", "CIA"),
        "EMBASSY": one(lambda s: s.name == "Afghan embassy in Washington", "EMBASSY"),
    }


def check_sources(document):
    found = expected_sources(document)
    pk1, us, trump, pk2, roggio = (found[k] for k in ("PK1", "US", "TRUMP", "PK2", "ROGGIO"))
    assert (pk1.kind, pk1.anonymous, pk1.name) == (SourceKind.PERSON, True, None)
    assert attrs.astuple(pk1.descriptors) == ("official", "senior", None, "Pakistani")
    assert [m.text for m in pk1.mentions] == ["a senior Pakistani official", "the official"]

    assert (us.kind, us.anonymous, us.count) == (SourceKind.GROUP, True, None)
    assert (us.descriptors.role, us.descriptors.seniority, us.descriptors.affiliation) == (
        "official", "senior", "U.S. administration",
    )
    assert [m.text for m in us.mentions] == [
        "senior U.S. administration officials", "The officials", "the officials",
        "The U.S. officials", "the officials", "the U.S. officials",
    ]
    assert (trump.kind, trump.anonymous, trump.descriptors.role) == (SourceKind.PERSON, False, "President")

    assert (pk2.kind, pk2.anonymous, pk2.count, pk2.count_qualifier) == (SourceKind.GROUP, True, 2, CountQualifier.EXACT)
    assert pk2.descriptors.nationality == "Pakistani"
    assert [m.text for m in pk2.mentions] == ["Two Pakistani officials", "The officials", "they", "the officials", "The Pakistanis"]

    assert (roggio.kind, roggio.anonymous, roggio.descriptors.affiliation) == (
        SourceKind.PERSON, False, "FDD’s Long War Journal",
    )
    us_members = [m for m in document.sources if m.member_of == us.id]
    pk2_members = [m for m in document.sources if m.member_of == pk2.id]
    assert len(us_members) == 2 and len(pk2_members) == 1
    assert all(m.kind is SourceKind.PERSON and m.anonymous for m in us_members + pk2_members)
    assert [m.mentions[0].start for m in us_members] == [
        m.start - len("one of ") for m in us.mentions if m.text == "the officials"
    ]
    return found


def test_step_alone_on_the_speaker_phrases(reference_text):
    text = reference_text
    nlp = load_pipeline(steps=[])
    doc = nlp(text)
    claims = []
    for number, (phrase, occurrence, anchor) in enumerate(SPEAKERS, 1):
        start = text.index(anchor) - 1 if anchor else -1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        sentence = doc.char_span(start, start + len(phrase), alignment_mode="expand").sent
        claims.append(
            Claim(
                id=f"c{number}", source_mention=Span.of(text, start, start + len(phrase)),
                content=Span.of(text, sentence.start_char, sentence.end_char), mode="indirect",
            )
        )
    document = make_sources(nlp)(doc, AttributedDocument(id="ref", text=text, claims=claims))
    assert document.metadata["author"] == "KIMBERLY DOZIER"
    non_members = [s for s in document.sources if s.member_of is None]
    assert len(non_members) == 5, "PK1, US, TRUMP, PK2, ROGGIO (the CIA and the embassy make no claim)"
    speakers = {
        "PK1": "a senior Pakistani official", "US": "senior U.S. administration officials",
        "PK2": "Two Pakistani officials",
    }
    for reader_id, phrase in speakers.items():
        assert any(s.mentions[0].text == phrase for s in non_members), reader_id
    # The organizations make no claim: they are checked end to end.
    by_first = {s.mentions[0].text: s for s in document.sources}
    pk1, us, pk2 = by_first["a senior Pakistani official"], by_first["senior U.S. administration officials"], by_first["Two Pakistani officials"]
    assert [m.text for m in pk1.mentions] == ["a senior Pakistani official", "the official"]
    assert [m.text for m in pk2.mentions] == ["Two Pakistani officials", "The officials", "they", "the officials", "The Pakistanis"]
    assert [m.text for m in us.mentions][-2:] == ["the officials", "the U.S. officials"]
    assert len([s for s in document.sources if s.member_of == us.id]) == 2
    assert len([s for s in document.sources if s.member_of == pk2.id]) == 1


@pytest.fixture(scope="module")
def extracted(nlp, reference_text):
    return analyze(reference_text, nlp=nlp, id="cipher_brief_pakistan")


def test_end_to_end_exactly_the_seven_sources(extracted):
    found = check_sources(extracted)
    seven = {s.id for s in found.values()}
    members = {s.id for s in extracted.sources if s.member_of in seven}
    nested_only = {
        s.id for s in extracted.sources
        if s.id not in seven | members
        and all(c.parent is not None for c in extracted.claims if c.source == s.id)
        and not any(n.source == s.id for n in extracted.non_responses)
    }
    # Besides the seven and their members, only sources of nested claims (claims inside
    # another claim's content: "Pakistan has offered to fly U.S. operatives...") may
    # appear; the reader's table lists the sources of the article's own claims.
    extra = {s.id for s in extracted.sources} - seven - members
    assert extra <= nested_only
    assert all(extracted.source(i).kind is not SourceKind.GROUP for i in nested_only)
    # The one nested claim the reader lists is Pakistan's offer; a request inside a claim
    # ("Washington has asked Pakistan to take action") is not a claim, so has no source.
    assert sorted(extracted.source(i).name for i in extra) == ["Pakistan"]
    assert len(members) == 3


def test_end_to_end_one_anonymity_condition_over_pk1_us_pk2(extracted):
    found = expected_sources(extracted)
    (condition,) = extracted.anonymity_conditions
    assert condition.kind.value == "condition_of_anonymity"
    assert set(condition.sources) == {found["PK1"].id, found["US"].id, found["PK2"].id}
    assert condition.evidence.text.startswith("on condition of anonymity")
    assert condition.reason is None


def test_end_to_end_both_non_responses(extracted):
    found = expected_sources(extracted)
    got = [(n.source, n.kind.value) for n in extracted.non_responses]
    assert got == [(found["CIA"].id, "declined_to_comment"), (found["EMBASSY"].id, "did_not_respond")]
    for key in ("CIA", "EMBASSY"):
        assert (found[key].kind, found[key].anonymous) == (SourceKind.ORGANIZATION, False)


def test_end_to_end_author_is_metadata_not_a_source(extracted):
    assert extracted.metadata["author"] == "KIMBERLY DOZIER"
    byline_end = extracted.text.index("\n")
    assert all(m.start > byline_end for s in extracted.sources for m in s.mentions)
    assert all(c.source_mention is None or c.source_mention.start > byline_end for c in extracted.claims)


def test_end_to_end_claims_go_to_the_reader_sources(extracted):
    found = expected_sources(extracted)
    by_content = {c.content.text[:30]: c for c in extracted.claims}

    def source_for(prefix):
        claim = next(c for key, c in by_content.items() if key.startswith(prefix))
        source = extracted.source(claim.source)
        return source.member_of or source.id

    assert source_for("The Trump administration has g") == found["PK1"].id
    assert source_for("“We have seen Pakistan") == found["US"].id
    assert source_for("“We are confident") == found["US"].id
    assert source_for("That includes") == found["PK1"].id
    assert source_for("Siraj Haqqani") == found["ROGGIO"].id
