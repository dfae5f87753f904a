"""Claim extraction never fails on odd text, and what it returns always validates."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from attribution.extract import load_pipeline
from attribution.extract.claims import QUOTE_CHARACTERS
from attribution.model import AttributedDocument, check_document
from attribution.schema import validate
from attribution.serialize import to_dict

FRAGMENTS = [
    "The officials said that",
    " he said",
    ", she added, ",
    "according to Bill Roggio of FDD’s Long War Journal",
    "They griped that the U.S. won’t share it",
    " told reporters: ",
    "“We will win,”",
    "one of the officials said.",
    "Il a dit «nous gagnerons».",
    "Er sagte „wir gewinnen“.",
    "‹oui›",
    "''quoted,''",
    "don’t",
    "’90s",
    "Путин сказал, что",
    "习近平说",
    "قال المسؤول إن",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\x00",
    "\x0b\x0c\r",
    "\u200b\u00a0",
    "…",
    "—",
    "🙂",
    *sorted(QUOTE_CHARACTERS),
]

texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(sorted(QUOTE_CHARACTERS) + list("ab .,\n")), max_size=80),
)


@pytest.fixture(scope="module")
def claims_nlp():
    """A pipeline running only the claims step."""
    return load_pipeline(steps=["attribution.claims.v1"])


def check(nlp, text):
    doc = nlp(text)
    document = doc._.attribution
    assert document is not None
    result = validate(document)
    assert isinstance(result, AttributedDocument)
    assert result.text == text
    assert check_document(result) == []
    for claim in result.claims:
        for span in (claim.content, claim.cue, claim.source_mention, claim.recipient, *claim.content_parts):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
        assert claim.source is None or claim.source in {s.id for s in result.sources}
    validate(to_dict(result))
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
@example(text="")
@example(text="   \n\n\t ")
@example(text="“")
@example(text="”“”“‘’’‘«»»«‹›„“\"'")
@example(text="“Unclosed quote said the official\n“and another paragraph")
@example(text="He said “a ‘b “c” d’ e” and “f ‘g” h’.")
# Two claims, each inside the other's envelope with its cue: once a parent cycle.
@example(text=" he saidaccording to Bill Roggio of FDD’s Long War Journal, she added,  he said\x00, she added,"
         " according to Bill Roggio of FDD’s Long War Journalaccording to Bill Roggio of FDD’s Long War Journal")
def test_never_raises_and_always_validates(claims_nlp, text):
    check(claims_nlp, text)


def test_long_text(claims_nlp):
    paragraph = (
        "“We have seen some modest steps,” one of the officials said. Two Pakistani officials say "
        "that since that tweet, Islamabad has turned over militants, according to the ministry. "
        "The officials said they don’t believe it, and they griped that the U.S. won’t help.\n"
    )
    text = paragraph * 200
    result = check(claims_nlp, text)
    assert len(result.claims) >= 400
    assert len({c.id for c in result.claims}) == len(result.claims)
