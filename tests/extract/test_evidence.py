"""Polls, surveys and records as claim sources (:mod:`attribution.extract.claims.evidence`).

The shapes themselves are checked on wire-style articles (``tests/data/wire/evidence.jsonl``);
these tests hold the lexicon and the step's options to them.
"""

import pytest

from attribution.extract.claims import ClaimsExtractor
from attribution.extract.lexicon import load_lexicon, word_set
from attribution.model import AttributedDocument

POLL = "In the Harbor Ledger poll, Ortiz's lead over Hale remained in double digits."
SHOWN = "Polls in the county show Judge Amy Park with a wide lead over her challenger."


def _claims(nlp, step, text):
    with nlp.select_pipes(disable=["attribution"]):
        doc = nlp(text)
    return step(doc, AttributedDocument(id="doc", text=text)).claims


def test_every_evidence_noun_names_a_document_source():
    """A poll or a record that speaks is a ``document`` source, as the sources step describes it."""
    documents = set()
    for entry in load_lexicon("roles"):
        if entry["kind"] == "document":
            documents.update(w for w in (entry["role"], entry.get("plural")) if w)
    missing = (word_set("claims.evidence_nouns") | word_set("claims.poll_nouns")) - documents
    assert not missing, f"evidence nouns without a document role in roles.jsonl: {sorted(missing)}"


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (POLL, "In", "the Harbor Ledger poll", "Ortiz's lead over Hale remained in double digits"),
        (SHOWN, "show", "Polls in the county", "Judge Amy Park with a wide lead over her challenger"),
    ],
)
def test_the_poll_is_the_source(nlp, text, cue, speaker, content):
    (claim,) = _claims(nlp, ClaimsExtractor(nlp), text)
    assert (claim.cue.text, claim.source_mention.text, claim.content.text) == (cue, speaker, content)
    assert claim.mode.value == "indirect" and claim.medium is None


@pytest.mark.parametrize("text", [POLL, SHOWN, "A Courier poll has Park leading Wells by six points."])
def test_without_the_evidence_class_a_poll_says_nothing(nlp, text):
    assert _claims(nlp, ClaimsExtractor(nlp, classes=("speech", "writing")), text) == ()
