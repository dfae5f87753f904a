"""Names and roles in apposition to a speaker phrase, and relative clauses cut off it.

Wire copy names a speaker twice over: "The mayor's press secretary, Colin Abara, said"
(a role, then the name), "Irene Vogt, the transport minister, said" (a name, then the
role), "A military spokesman, Lt. Col. Omar Haddad, said". The claims step's speaker
phrase stops before the comma; :func:`read_apposition` reads the apposition the parser
hangs on the phrase's head and returns what the two say together:

* a role phrase followed by a name: the speaker phrase runs on to the end of the name,
  and the source is that named person with the role ("press secretary", "spokesman");
* a name followed by a role phrase: the phrase stays the name, and the role, seniority,
  affiliation and nationality come from the apposition.

:func:`without_relative_clause` cuts a relative clause off the end of a speaker phrase
("A spokesman for the Interior Ministry, who declined to give his name").
"""

import attrs
from spacy.tokens import Doc, Span as SpacySpan

from ...model import SourceKind
from .._doctext import doc_text
from ..lexicon import word_set
from .descriptors import STATED_FIELDS, Mention, describe

__all__ = ["read_apposition", "without_relative_clause"]

def _phrase(doc: Doc, start: int, end: int) -> SpacySpan | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def without_relative_clause(doc: Doc, start: int, end: int) -> int:
    """Where the speaker phrase ``doc.text[start:end]`` ends without a relative clause
    set off by a comma ("..., who declined to give his name")."""
    span = _phrase(doc, start, end)
    if span is None:
        return end
    for token in span[1:]:
        if token.lower_ in word_set("sources.relative_clause") and token.i > span.start and doc[token.i - 1].text == ",":
            previous = doc[token.i - 2] if token.i - 2 >= span.start else None
            if previous is not None:
                return previous.idx + len(previous.text)
    return end


def read_apposition(doc: Doc, start: int, end: int, mention: Mention) -> tuple[int, Mention] | None:
    """What an apposition right after the speaker phrase adds to ``mention``.

    Returns:
        The new end of the speaker phrase and the combined mention, or ``None`` when
        there is no apposition that names or describes a person.
    """
    span = _phrase(doc, start, end)
    if span is None or span.end >= len(doc) or doc[span.end].text != ",":
        return None
    head = span.root
    appositions = [c for c in head.children if c.dep_ == "appos" and c.i > span.end]
    if not appositions:
        return None
    apposition = appositions[0]
    first = apposition.left_edge.i
    last = apposition.right_edge.i
    while last > first and (doc[last].is_punct and doc[last].text != "."):
        last -= 1
    if first != span.end + 1:
        return None
    a_start, a_end = doc[first].idx, doc[last].idx + len(doc[last].text)
    added = describe(doc, a_start, a_end)
    if mention.name is None and added.reference == "name" and added.name and added.kind in (
        SourceKind.PERSON, SourceKind.UNKNOWN
    ) and mention.kind in (SourceKind.PERSON, SourceKind.UNKNOWN) and mention.describes:
        # "The mayor's press secretary, Colin Abara": the named person, with the role.
        values = {f: getattr(mention, f) or getattr(added, f) for f in STATED_FIELDS}
        combined = attrs.evolve(
            mention, end=a_end, text=doc_text(doc)[start:a_end], name=added.name, kind=SourceKind.PERSON,
            reference="name", plural=False, **values,
        )
        return a_end, combined
    if mention.name is not None and mention.reference == "name" and added.describes and not added.name and not added.plural:
        # "Irene Vogt, the transport minister": the role of the person named.
        values = {f: getattr(mention, f) or getattr(added, f) for f in STATED_FIELDS}
        kind = SourceKind.PERSON if added.kind is SourceKind.PERSON else mention.kind
        return end, attrs.evolve(mention, kind=kind, **values)
    return None
