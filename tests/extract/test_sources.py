"""The ``attribution.sources.v1`` step: descriptors, anonymity, groups, coreference, byline.

The step is tested on its own, on documents whose claims are built by hand from the
parsed text (a claim per speaker phrase), so that what is judged is the source logic,
not claim extraction; a few tests then run the whole extractor.
"""

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.extract import analyze, load_pipeline
from attribution.extract.sources import find_byline
from attribution.extract.sources import describe
from attribution.extract.sources import make_sources
from attribution.extract.sources.binding import binds
from attribution.model import AttributedDocument, Claim, CountQualifier, SourceKind, Span


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(steps=[])


def with_claims(nlp, text, speakers):
    """The parsed Doc and a document with one claim per speaker phrase.

    ``speakers`` are ``(phrase, occurrence)`` pairs, or phrases (first occurrence);
    each claim's content is the sentence holding the phrase.
    """
    doc = nlp(text)
    claims = []
    for number, speaker in enumerate(speakers, 1):
        phrase, occurrence = speaker if isinstance(speaker, tuple) else (speaker, 0)
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        sentence = doc.char_span(start, start + len(phrase), alignment_mode="expand").sent
        claims.append(
            Claim(
                id=f"c{number}",
                source=f"p{number}",
                source_mention=Span.of(text, start, start + len(phrase)),
                content=Span.of(text, sentence.start_char, sentence.end_char),
                mode="indirect",
            )
        )
    from attribution.model import Source

    provisional = [Source(id=c.id.replace("c", "p"), mentions=[c.source_mention]) for c in claims]
    return doc, AttributedDocument(id="t", text=text, claims=claims, sources=provisional)


def run(nlp, text, speakers):
    doc, partial = with_claims(nlp, text, speakers)
    return make_sources(nlp)(doc, partial)


def source_of(document, claim_id):
    return document.source(document.claim(claim_id).source)


def test_anonymous_official_with_seniority_and_nationality(nlp):
    text = "A senior Pakistani official told reporters that the talks had stalled."
    document = run(nlp, text, ["A senior Pakistani official"])
    source = source_of(document, "c1")
    assert source.kind is SourceKind.PERSON
    assert source.anonymous and source.name is None
    assert attrs.astuple(source.descriptors) == ("official", "senior", None, "Pakistani")


def test_title_is_a_role_and_the_rest_the_name(nlp):
    text = "President Donald Trump said the wall would be built. Trump added that Mexico would pay."
    document = run(nlp, text, ["President Donald Trump", "Trump"])
    source = source_of(document, "c1")
    assert (source.name, source.descriptors.role, source.anonymous) == ("Donald Trump", "President", False)
    assert document.claim("c2").source == source.id, "the surname joins the full name"
    assert [m.text for m in source.mentions] == ["President Donald Trump", "Trump"]


def test_affiliation_after_of_and_before_the_head(nlp):
    text = (
        "The group is weakened, according to Bill Roggio of FDD’s Long War Journal. "
        "Senior U.S. administration officials said the pressure would continue."
    )
    document = run(nlp, text, ["Bill Roggio of FDD’s Long War Journal", "Senior U.S. administration officials"])
    roggio, officials = source_of(document, "c1"), source_of(document, "c2")
    assert (roggio.name, roggio.descriptors.affiliation, roggio.anonymous) == ("Bill Roggio", "FDD’s Long War Journal", False)
    assert officials.kind is SourceKind.GROUP and officials.anonymous
    assert officials.descriptors.affiliation == "U.S. administration"
    assert officials.descriptors.seniority == "senior"


@pytest.mark.parametrize(
    ("phrase", "count", "qualifier"),
    [
        ("Two Pakistani officials", 2, CountQualifier.EXACT),
        ("More than a dozen lawmakers", 12, CountQualifier.AT_LEAST),
        ("About 30 protesters", 30, CountQualifier.ABOUT),
        ("Fewer than five diplomats", 5, CountQualifier.AT_MOST),
        ("Officials", None, None),
    ],
)
def test_group_counts(nlp, phrase, count, qualifier):
    text = f"{phrase} said the vote would be delayed until March."
    source = source_of(run(nlp, text, [phrase]), "c1")
    assert source.kind is SourceKind.GROUP
    assert (source.count, source.count_qualifier) == (count, qualifier)


@pytest.mark.parametrize(
    "phrase",
    ["officials familiar with the matter", "a person close to the negotiations", "Sources", "A spokeswoman for the campaign"],
)
def test_never_named_sources_are_anonymous(nlp, phrase):
    text = f"{phrase[0].upper() + phrase[1:]} said the deal was nearly done."
    source = source_of(run(nlp, text, [phrase[0].upper() + phrase[1:]]), "c1")
    assert source.anonymous and source.name is None


@pytest.mark.parametrize(
    ("phrase", "kind", "name"),
    [
        ("The CIA", SourceKind.ORGANIZATION, "CIA"),
        ("The State Department", SourceKind.ORGANIZATION, "State Department"),
        ("Sen. Elizabeth Warren", SourceKind.PERSON, "Elizabeth Warren"),
    ],
)
def test_named_people_and_organizations_are_not_anonymous(nlp, phrase, kind, name):
    text = f"{phrase} said the report was accurate."
    source = source_of(run(nlp, text, [phrase]), "c1")
    assert (source.kind, source.name, source.anonymous) == (kind, name, False)


def test_one_of_the_officials_is_a_member_of_the_group(nlp):
    text = (
        "Two Pakistani officials said the militants had been handed over. "
        "“We did what was asked,” one of the officials said."
    )
    document = run(nlp, text, ["Two Pakistani officials", "one of the officials"])
    group, member = source_of(document, "c1"), source_of(document, "c2")
    assert member.member_of == group.id and group.kind is SourceKind.GROUP
    assert member.kind is SourceKind.PERSON and member.anonymous
    assert member.descriptors.nationality == "Pakistani", "a member shares its group's descriptors"
    assert "the officials" in [m.text for m in group.mentions]
    assert [c.id for c in document.claims_by(group.id)] == ["c1", "c2"]


def test_explicit_qualifier_beats_recency(nlp):
    text = (
        "Senior U.S. officials said the aid would be cut. "
        "Two Pakistani officials said that would be a mistake. "
        "The U.S. officials said the decision was final. "
        "The officials said they were disappointed."
    )
    document = run(nlp, text, ["Senior U.S. officials", "Two Pakistani officials", "The U.S. officials", ("The officials", 0)])
    us, pk = source_of(document, "c1"), source_of(document, "c2")
    assert us.id != pk.id
    assert document.claim("c3").source == us.id, "the U.S. qualifier wins over the nearer Pakistani group"
    assert document.claim("c4").source == us.id, "no qualifier: the most recent group"


def test_demonym_and_pronoun_resolve_to_the_group(nlp):
    text = (
        "Two Pakistani officials said the list was old. "
        "They said the targets had left. The Pakistanis complained about the delays."
    )
    document = run(nlp, text, ["Two Pakistani officials", "They", "The Pakistanis"])
    assert {c.source for c in document.claims} == {document.claims[0].source}
    group = source_of(document, "c1")
    assert [m.text for m in group.mentions] == ["Two Pakistani officials", "They", "The Pakistanis"]


def test_singular_pronoun_goes_to_a_person_not_a_group(nlp):
    text = (
        "Senator Mary Jones said the bill would pass. Several aides said it would not. "
        "She said the votes were there."
    )
    document = run(nlp, text, ["Senator Mary Jones", "Several aides", "She"])
    assert document.claim("c3").source == document.claim("c1").source


def test_definite_description_does_not_take_a_named_person_with_another_role(nlp):
    text = "President Donald Trump said the deal was done. The official said talks would go on."
    document = run(nlp, text, ["President Donald Trump", "The official"])
    assert document.claim("c2").source != document.claim("c1").source


def test_byline_is_the_author_not_a_source(nlp):
    text = "By Jane Doe\nThe mayor said the bridge would reopen on Monday."
    document = run(nlp, text, ["The mayor"])
    assert document.metadata["author"] == "Jane Doe"
    assert all(m.start > text.index("\n") for s in document.sources for m in s.mentions)


def test_speaker_phrase_inside_the_byline_is_dropped(nlp):
    text = "KIMBERLY DOZIER\nThe talks have stalled, officials said."
    doc, partial = with_claims(nlp, text, ["KIMBERLY DOZIER", "officials"])
    document = make_sources(nlp)(doc, partial)
    assert document.metadata["author"] == "KIMBERLY DOZIER"
    assert document.claim("c1").source is None and document.claim("c1").source_mention is None
    assert [s.mentions[0].text for s in document.sources] == ["officials"]


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("KIMBERLY DOZIER\nThe talks stalled.", "KIMBERLY DOZIER"),
        ("By Jane Doe\nThe talks stalled.", "Jane Doe"),
        ("Talks Stall Over Aid\nThe talks stalled.", None),
        ("The talks stalled, officials said.", None),
    ],
)
def test_find_byline(text, author):
    byline = find_byline(text)
    assert (byline.author if byline else None) == author


def test_provisional_ids_are_replaced_and_claims_repointed(nlp):
    text = "A senior official said the talks would resume. The official said they would start Monday."
    doc, partial = with_claims(nlp, text, ["A senior official", "The official"])
    document = make_sources(nlp)(doc, partial)
    assert len(document.sources) == 1
    assert {c.source for c in document.claims} == {document.sources[0].id}


def test_unknown_configuration_is_rejected(nlp):
    with pytest.raises(TypeError, match="byline"):
        make_sources(nlp, colour="red")


# -- properties over the whole extractor ----------------------------------------------

_SPEAKERS = [
    "A senior official", "Two Pakistani officials", "The officials", "one of the officials", "They", "He",
    "President Donald Trump", "Trump", "The CIA", "Sources", "The U.S. officials", "More than a dozen lawmakers",
    "A spokeswoman for the campaign", "The Pakistanis", "She",
]
_CLAUSES = [
    "the talks would resume", "the aid would be cut", "the militants had been handed over",
    "the deal was nearly done", "the list was out of date",
]
_TAILS = [
    "", " The CIA declined to comment.", " All of the officials spoke on condition of anonymity.",
    " The embassy did not respond to requests for comment.",
]


@st.composite
def articles(draw):
    lines = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["JANE DOE", "By John Roe"])))
    for _ in range(draw(st.integers(1, 5))):
        speaker = draw(st.sampled_from(_SPEAKERS))
        clause = draw(st.sampled_from(_CLAUSES))
        if draw(st.booleans()):
            lines.append(f"{speaker} said {clause}.")
        else:
            lines.append(f"“{clause[0].upper() + clause[1:]},” {speaker[0].lower() + speaker[1:] if speaker not in ('President Donald Trump', 'Trump', 'The CIA', 'The U.S. officials', 'The Pakistanis') else speaker} said.")
    return "\n".join(lines) + draw(st.sampled_from(_TAILS))


@pytest.fixture(scope="module")
def full_nlp():
    return load_pipeline()


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles())
def test_extracted_documents_keep_the_source_invariants(full_nlp, text):
    document = analyze(text, nlp=full_nlp)
    ids = {s.id for s in document.sources}
    by_id = {s.id: s for s in document.sources}
    for claim in document.claims:
        assert claim.source is None or claim.source in ids
    for source in document.sources:
        for mention in source.mentions:
            assert 0 <= mention.start <= mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
        assert list(source.mentions) == sorted(source.mentions, key=lambda m: (m.start, m.end))
        seen, current = set(), source
        while current.member_of is not None:
            assert current.id not in seen
            seen.add(current.id)
            current = by_id[current.member_of]
            assert current.kind is SourceKind.GROUP
        assert not (source.anonymous and source.name)
    for condition in document.anonymity_conditions:
        assert set(condition.sources) <= ids
    for response in document.non_responses:
        assert response.source in ids
    author = document.metadata.get("author")
    if author:
        assert all(author not in m.text for s in document.sources for m in s.mentions)


def test_describe_reports_the_phrase_offsets(nlp):
    text = "The officials, who declined to be named, said the talks were over."
    doc = nlp(text)
    mention = describe(doc, 0, len("The officials"))
    assert (mention.start, mention.end, mention.text) == (0, 13, "The officials")
    assert mention.plural and mention.reference == "definite"


def test_office_holder_described_by_title_is_not_anonymous(nlp):
    text = "The president said the economy was strong. Nevada's governor said the state would sue."
    document = run(nlp, text, ["The president", "Nevada's governor"])
    president, governor = source_of(document, "c1"), source_of(document, "c2")
    assert not president.anonymous and president.descriptors.role == "president"
    assert not governor.anonymous and governor.descriptors.affiliation == "Nevada"


def test_name_in_apposition(nlp):
    text = "His oldest friend, Bruce Turner, said the senator had not changed."
    source = source_of(run(nlp, text, ["His oldest friend, Bruce Turner"]), "c1")
    assert (source.name, source.anonymous) == ("Bruce Turner", False)


def test_description_of_a_thing_does_not_join_a_person(nlp):
    text = "A senior official said the plan was ready. The statement said the plan would cost more."
    document = run(nlp, text, ["A senior official", "The statement"])
    assert document.claim("c1").source != document.claim("c2").source
    assert source_of(document, "c2").kind is SourceKind.DOCUMENT


def test_named_source_labels_hold_offsets_and_labels_only():
    import json
    from pathlib import Path

    path = Path(__file__).parents[1] / "data" / "polnear_dev_named_sources.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len([r for r in records if r["label"] == "named"]) >= 50
    for record in records:
        assert set(record) == {"doc", "source", "label"}, "no article text in the project"
        assert record["label"] in {"named", "unnamed", "other"}
        start, end = record["source"]
        assert 0 <= start < end


def test_role_from_an_apposition_after_the_name(nlp):
    text = "Maria Lopez, a senior analyst at the Brookings Institution, said the plan would fail."
    source = source_of(run(nlp, text, ["Maria Lopez, a senior analyst at the Brookings Institution"]), "c1")
    assert source.name == "Maria Lopez" and not source.anonymous
    assert (source.descriptors.role, source.descriptors.seniority, source.descriptors.affiliation) == (
        "analyst", "senior", "Brookings Institution",
    )


@pytest.mark.parametrize(
    ("bound", "name", "expected"),
    [
        ({"Leon Marsh"}, "Leon Marsh", True),
        ({"Marsh"}, "Leon Marsh", True),
        ({"Leon Marsh"}, "Marsh", True),
        ({"Leon Marsh"}, "Councilman Leon Marsh", True),
        ({"Donald Reed"}, "Tom Reed", False),  # relatives share a surname, not a name
        ({"Marsh"}, "Ramsh", False),
        (set(), "Leon Marsh", False),
    ],
)
def test_a_pronoun_is_not_a_person_its_clause_names(bound, name, expected):
    assert binds(frozenset(bound), name) is expected


def test_describe_records_the_names_a_pronoun_is_bound_from(nlp):
    doc = nlp("He said Leon Marsh had stalled the vote for a year, and Marsh's aides agreed.")
    assert describe(doc, 0, 2).bound == frozenset({"Leon Marsh"})  # not the conjoined clause's Marsh
