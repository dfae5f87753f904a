"""The ``attribution.non_responses.v1`` step: who did not answer, and how."""

import pytest

from attribution.extract import analyze
from attribution.extract.non_responses import make_non_responses
from attribution.model import NonResponseKind, SourceKind


def responses(nlp, text):
    document = analyze(text, nlp=nlp)
    return document, [(document.source(n.source), n) for n in document.non_responses]


@pytest.mark.parametrize(
    ("text", "kind", "evidence", "who"),
    [
        ("The CIA declined to comment.", NonResponseKind.DECLINED_TO_COMMENT, "declined to comment", "The CIA"),
        (
            "The Afghan embassy in Washington did not immediately respond to requests for comment Thursday.",
            NonResponseKind.DID_NOT_RESPOND,
            "did not immediately respond to requests for comment",
            "The Afghan embassy in Washington",
        ),
        (
            "The governor's office could not be reached for comment on Friday.",
            NonResponseKind.COULD_NOT_BE_REACHED,
            "could not be reached",
            "The governor's office",
        ),
        (
            "A spokesman for the agency did not return calls seeking comment.",
            NonResponseKind.DID_NOT_RESPOND,
            "did not return calls",
            "A spokesman for the agency",
        ),
        ("Mr. Smith was unavailable for comment.", NonResponseKind.UNAVAILABLE, "was unavailable for comment", "Mr. Smith"),
    ],
)
def test_phrases_kinds_and_subjects(nlp, text, kind, evidence, who):
    _, [(source, response)] = responses(nlp, text)
    assert response.kind is kind
    assert response.evidence.text == evidence
    assert source.mentions[0].text == who


def test_organizations_that_did_not_answer_are_named_sources(nlp):
    text = (
        "The CIA declined to comment, and the Afghan embassy in Washington did not immediately "
        "respond to requests for comment Thursday."
    )
    _, found = responses(nlp, text)
    assert [(s.kind, s.name, s.anonymous) for s, _ in found] == [
        (SourceKind.ORGANIZATION, "CIA", False),
        (SourceKind.ORGANIZATION, "Afghan embassy in Washington", False),
    ]


def test_agency_does_not_comment_reported_by_a_spokesperson(nlp):
    text = "A Justice Department spokesperson said the department does not comment on ongoing investigations."
    _, [(source, response)] = responses(nlp, text)
    assert response.kind is NonResponseKind.DECLINED_TO_COMMENT
    # "the department" is the Justice Department the spokesperson speaks for.
    assert "the department" in [m.text for m in source.mentions] and source.kind is SourceKind.ORGANIZATION
    assert source.name == "Justice Department"


def test_a_speaker_who_later_declines_is_the_same_source(nlp):
    text = "Senator Mary Jones said the bill would pass. Jones declined to comment on the vote count."
    document, [(source, _)] = responses(nlp, text)
    assert source.name == "Mary Jones"
    assert document.claims and document.claims[0].source == source.id
    assert len([s for s in document.sources if s.name == "Mary Jones"]) == 1


def test_pronoun_goes_to_the_person_mentioned_before(nlp):
    text = "Senator Mary Jones said the bill would pass. She did not respond to a request for comment on Monday."
    document, [(source, _)] = responses(nlp, text)
    assert source.name == "Mary Jones"


def test_nothing_without_a_non_response(nlp):
    assert responses(nlp, "The CIA said it would comment later.")[1] == []


def test_configuration_is_rejected(nlp):
    with pytest.raises(TypeError):
        make_non_responses(nlp, strict=True)


def test_sources_without_mentions_survive_a_new_non_response(nlp):
    from attribution.model import AttributedDocument, Claim, Source, Span

    text = "The report said costs would rise. The CIA declined to comment."
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name != "attribution":
            doc = component(doc)
    partial = AttributedDocument(
        id="t",
        text=text,
        sources=[Source(id="x", kind="document")],
        claims=[Claim(id="c1", source="x", content=Span.of(text, 16, 32), mode="indirect")],
    )
    result = make_non_responses(nlp)(doc, partial)
    assert result.source("x").kind is SourceKind.DOCUMENT
    assert result.source(result.non_responses[0].source).name == "CIA"
