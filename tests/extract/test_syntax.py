"""The shared tree tests of :mod:`attribution.extract.syntax`, on hand-built parses."""

import pytest
import spacy
from spacy.tokens import Doc

from attribution.extract.syntax import to_infinitive

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case) without a model


def _parse(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags)


@pytest.mark.parametrize(
    ("words", "heads", "deps", "tags", "verb", "expected"),
    [
        # "asked to leave": the marker as tagged
        (["asked", "to", "leave"], [0, 2, 0], ["ROOT", "aux", "xcomp"], ["VBD", "TO", "VB"], 2, True),
        # "gonna leave": the tagger tags the "na" of "gonna" TO
        (["gon", "na", "leave"], [0, 2, 0], ["ROOT", "aux", "xcomp"], ["VBG", "TO", "VB"], 2, True),
        # "sought to outdo": a marker the tagger took for a preposition, the parser for a marker
        (["sought", "to", "outdo"], [0, 2, 0], ["ROOT", "aux", "xcomp"], ["VBD", "IN", "VB"], 2, True),
        # "will leave": an auxiliary, no marker
        (["will", "leave"], [1, 1], ["aux", "ROOT"], ["MD", "VB"], 1, False),
        # "spoke to Trump": a preposition
        (["spoke", "to", "Trump"], [0, 0, 1], ["ROOT", "prep", "pobj"], ["VBD", "IN", "NNP"], 0, False),
    ],
)
def test_to_infinitive(words, heads, deps, tags, verb, expected) -> None:
    doc = _parse(words, heads, deps, tags)
    assert to_infinitive(doc[verb]) is expected
