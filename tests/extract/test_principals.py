"""Spokespersons: the sources step ties a spokesperson to the source it speaks for."""

import pytest

from attribution.extract import analyze
from attribution.extract.sources import link_principals
from attribution.extract.sources.principals import speaking_roles
from attribution.model import AttributedDocument, Descriptors, Source, Span


def principal(document: AttributedDocument, phrase: str) -> Source | None:
    (spokesperson,) = [s for s in document.sources if any(m.text == phrase for m in s.mentions)]
    return document.source(spokesperson.on_behalf_of) if spokesperson.on_behalf_of else None


@pytest.mark.parametrize(
    ("text", "phrase", "principal_text"),
    [
        ("“We will not comment on rumours,” a spokeswoman for Hargrove said on Tuesday.",
         "a spokeswoman for Hargrove", "Hargrove"),
        ("The governor's spokesman said the bill would be signed.", "The governor's spokesman", "governor"),
        ("A State Department spokesperson said the talks were productive.",
         "A State Department spokesperson", "State Department"),
        ("An attorney for the company said it would appeal.", "An attorney for the company", "company"),
    ],
)  # fmt: skip
def test_a_spokesperson_acts_on_behalf_of_the_source_named_in_the_phrase(nlp, text, phrase, principal_text):
    document = analyze(text, nlp=nlp)
    found = principal(document, phrase)
    assert found is not None and [m.text for m in found.mentions] == [principal_text]


def test_the_principal_is_the_existing_source_when_the_text_already_has_it(nlp):
    text = (
        "Hargrove said the plan was sound. “The senator stands by every word,” "
        "a spokeswoman for Hargrove said later."
    )
    document = analyze(text, nlp=nlp)
    hargrove = next(s for s in document.sources if s.name == "Hargrove")
    assert principal(document, "a spokeswoman for Hargrove") == hargrove
    assert any(c.source == hargrove.id for c in document.claims)


def test_other_roles_and_unaffiliated_spokespeople_act_for_no_one(nlp):
    document = analyze("A senior official for the ministry said talks continue. A spokesman said no.", nlp=nlp)
    assert all(s.on_behalf_of is None for s in document.sources)


def test_the_roles_that_speak_for_others_come_from_the_lexicon():
    assert {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "lawyer", "attorney"} <= speaking_roles()
    assert "official" not in speaking_roles()


def test_link_principals_keeps_links_already_made():
    text = "a spokeswoman for Hargrove"
    document = AttributedDocument(
        id="d",
        text=text,
        sources=[
            Source(id="a", kind="person", name="Hargrove"),
            Source(id="b", kind="person", anonymous=True, mentions=[Span.of(text, 0, len(text))],
                   descriptors=Descriptors(role="spokeswoman", affiliation="Hargrove"), on_behalf_of="a"),
        ],
    )

    def never(*args):
        raise AssertionError("no source to resolve")

    assert link_principals(None, document, never) == document
