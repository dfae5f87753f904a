"""A cue in a relative clause with no relative word: the noun it modifies is part of what is said.

"just the sort of judge many senators feared the governor would appoint", "the cleanup
goal the port pledged to meet", "a strike the union expects to run through the winter": the
cue's content lacks a word (the object of "appoint" or "meet", the subject of "run") that the
noun before the relative clause stands for. The content alone ("the governor would
appoint") says nothing; PolNeAR marks the noun phrase and the rest as one content in two
parts. With a relative word ("which they say will fail", "the man who said ..."),
the content is left as it is.
"""

from spacy.tokens import Doc, Token

from .spans import Draft

__all__ = ["with_antecedent"]

#: Tags of relative words ("which", "who", "that", "whose", "where", "when").
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: A content verb with one of these children has the object it needs.
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def _gap_noun(doc: Doc, draft: Draft) -> tuple[int, int] | None:
    """Characters of the noun phrase the draft's content leaves a gap for, or ``None``."""
    if draft.cue is None or draft.how not in ("clause", "infinitive"):
        return None
    head = doc[draft.cue.head]
    if head.dep_ != "relcl" or head.head.pos_ not in _NOUNS:
        return None
    subjects = [c for c in head.children if c.dep_ in _SUBJECTS]
    opening = head.left_edge.i
    if not subjects or opening == 0 or doc[opening - 1].is_punct:
        return None  # "the plan, which he says ...": set apart by a comma
    if any(t.tag_ in _RELATIVE_TAGS for t in doc[opening : head.i]):
        return None  # "which they say will fail": the relative word stands in the content
    content = doc.char_span(draft.start, draft.end, alignment_mode="expand")
    if content is None:
        return None
    verb: Token = content.root
    has_subject = any(c.dep_ in _SUBJECTS for c in verb.children)
    has_object = any(c.dep_ in _COMPLEMENTS for c in verb.children)
    if draft.how == "infinitive" and (has_subject or has_object):
        return None  # "the ads the campaign hopes to show voters": complete
    if draft.how == "clause" and has_subject and has_object:
        return None  # "the week the mayor said the plant would close": complete
    noun = head.head
    start = noun.left_edge.idx
    last = doc[opening - 1]
    end = last.idx + len(last)
    if not start < end <= draft.start:
        return None
    return start, end


def with_antecedent(doc: Doc, drafts: list[Draft]) -> None:
    """Open each content that leaves a gap for the noun before its relative clause with that noun."""
    for draft in drafts:
        noun = _gap_noun(doc, draft)
        if noun is not None:
            draft.parts = [noun, *draft.parts]
