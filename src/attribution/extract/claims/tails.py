"""What a claim's content leaves off at its end: pieces the parse hangs on it that say something else.

Used by the claims step (:mod:`attribution.extract.claims.step`) once a cue's content is
read off the tree: :func:`without_occasion` takes the content part ``(start, end)`` of an
object cue ("criticized X as Y", "called for X") and gives it back without the time, place
and medium of the speech, or as it was.
"""

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .._doctext import doc_text
from ..lexicon import word_set
from .quotes import Quote
from .spans import WHEN_ENTITIES, in_quote, trim

__all__ = ["without_occasion"]

#: Dependency labels of a node the phrase may not hang on: a clause of its own says it.
_OWN_CLAUSE = frozenset({"relcl", "ccomp", "advcl", "pcomp", "conj"})


def _speech_day(words: Iterable[Token]) -> bool:
    """Whether ``words`` name a day near the speech ("Tuesday", "last week"), not a date ("April 4")."""
    words = list(words)
    if not words or any(w.ent_type_ not in WHEN_ENTITIES or w.lower_ == "of" for w in words):
        return False
    days = word_set("claims.speech_days")
    return any(w.lower_ in days for w in words)


def _occasion(token: Token, mediums: dict[int, tuple[int, str]]) -> bool:
    """Whether ``token`` opens the speech's medium, day or occasion ("in a statement", "Tuesday", "at a rally")."""
    if token.i in mediums:
        return True
    if token.dep_ == "npadvmod":
        return _speech_day(token.subtree)
    if token.dep_ != "prep" or token.lower_ not in word_set("claims.occasion_prepositions"):
        return False
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    return _speech_day(obj.subtree) or obj.lemma_.lower() in word_set("claims.occasion_nouns")


def _on_object(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs on the cue ``head``, or on its object or complement ("called *it* “rigged”").

    Not on a clause of its own: in "accused X of hacking computers at two agencies" the
    phrase is part of what was said, and a relative clause or a verb with a subject is its own.
    """
    node = token.head
    for _ in range(3):
        if node.i == head.i:
            return True
        if node.dep_ in _OWN_CLAUSE or any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return False
        node = node.head
    return False


def without_occasion(
    doc: Doc, head: Token, part: tuple[int, int], mediums: dict[int, tuple[int, str]], quotes: list[Quote]
) -> tuple[int, int]:
    """``part``, an object cue's content, without the time, place and medium of the speech that end it.

    "criticized the plan as a “giveaway” *on his radio show*", "called for more buses *in a
    statement on Thursday*", "defended the chief as “a fine officer” *Tuesday*": the parser
    hangs the phrase on the object or its complement, but it says when, where and how the
    speaker ``head`` spoke. Only a phrase that ends the content, outside quotation marks, and
    only a day near the speech ("Tuesday", "last week"), not a date ("on April 4").
    ``mediums``: the medium phrases by their first token.
    """
    start, end = part
    text = doc_text(doc)
    for _ in range(4):  # "in a statement on Thursday": the day, then the medium
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 3:
            break
        last = span[-1]
        while last.i > span.start and (last.is_punct or last.is_space):
            last = doc[last.i - 1]
        found = next(
            (
                t
                for t in span[1:]
                if t.right_edge.i == last.i and t.left_edge.i == t.i and _on_object(t, head) and _occasion(t, mediums)
            ),
            None,
        )
        if found is None or in_quote(found.idx, quotes):
            break
        cut = trim(text, start, found.idx)
        if cut[1] <= cut[0]:
            break
        start, end = cut
    return (start, end)
