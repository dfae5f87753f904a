"""Names and roles in apposition: what a phrase and its apposition say together.

Wire copy names a speaker twice over: "The mayor's press secretary, Colin Abara, said"
(a role, then the name), "Irene Vogt, the transport minister, said" (a name, then the
role), "A military spokesman, Lt. Col. Omar Haddad, said". Every rule for such pairs is
here; describing each phrase is :mod:`.descriptors`' job. An apposition reaches these
rules in two ways:

* inside one phrase, after a comma (:func:`role_from_apposition`,
  :func:`name_from_apposition`, called while the phrase is described): "Kerr Putney,
  the police chief" takes the role; "his best friend at Lehigh, Bruce Turry" the name;
* after the speaker phrase, where the parser hangs it on the phrase's head
  (:func:`apposition_after` finds it, :func:`read_apposition` combines): a role phrase
  followed by a name runs on to the end of the name, and the source is that named person
  with the role ("press secretary", "spokesman"); a name followed by a role phrase stays
  the name, and the role, seniority, affiliation and nationality come from the
  apposition.

:func:`without_relative_clause` cuts a relative clause off the end of a speaker phrase
("A spokesman for the Interior Ministry, who declined to give his name").
"""

import attrs
from spacy.tokens import Doc, Span as SpacySpan, Token

from ...model import SourceKind
from .._doctext import doc_text
from ..lexicon import word_set
from ._mention import STATED_FIELDS, Mention

__all__ = [
    "apposition_after",
    "name_from_apposition",
    "read_apposition",
    "role_from_apposition",
    "without_relative_clause",
]


def _stated(mention: Mention, other: Mention) -> dict[str, object]:
    """The stated fields of ``mention``, each taken from ``other`` where ``mention`` has none."""
    return {f: getattr(mention, f) or getattr(other, f) for f in STATED_FIELDS}


# -- inside one phrase -----------------------------------------------------------------


def role_from_apposition(mention: Mention, appositive: Mention) -> None:
    """A named person's role from the phrase after its comma ("Kerr Putney, *the police chief*")."""
    if appositive.name is None and appositive.kind is SourceKind.PERSON:
        for field, value in _stated(mention, appositive).items():
            setattr(mention, field, value)


def name_from_apposition(doc: Doc, tokens: list[Token], mention: Mention) -> None:
    """A name after the comma of a role phrase ("his best friend at Lehigh, *Bruce Turry*")."""
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if tokens and all(t.ent_type_ == "PERSON" for t in tokens) and tokens[0].ent_iob_ == "B":
        mention.name = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        mention.reference = "name"
        if mention.kind in (SourceKind.UNKNOWN, SourceKind.PERSON):
            mention.kind = SourceKind.PERSON


# -- after the speaker phrase ----------------------------------------------------------


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


def apposition_after(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The character span of the apposition right after the phrase ``doc.text[start:end]``
    (its comma between), as the parser hangs it on the phrase's head; ``None`` if none."""
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
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def read_apposition(doc: Doc, start: int, end: int, mention: Mention, added: Mention) -> tuple[int, Mention] | None:
    """What the apposition ``added`` (described from :func:`apposition_after`'s span)
    adds to ``mention``, the phrase ``doc.text[start:end]``.

    Returns:
        The new end of the speaker phrase and the combined mention, or ``None`` when the
        apposition neither names nor describes a person.
    """
    if mention.name is None and added.reference == "name" and added.name and added.kind in (
        SourceKind.PERSON, SourceKind.UNKNOWN
    ) and mention.kind in (SourceKind.PERSON, SourceKind.UNKNOWN) and mention.describes:
        # "The mayor's press secretary, Colin Abara": the named person, with the role.
        combined = attrs.evolve(
            mention, end=added.end, text=doc_text(doc)[start : added.end], name=added.name, kind=SourceKind.PERSON,
            reference="name", plural=False, **_stated(mention, added),
        )
        return added.end, combined
    if mention.name is not None and mention.reference == "name" and added.describes and not added.name and not added.plural:
        # "Irene Vogt, the transport minister": the role of the person named.
        kind = SourceKind.PERSON if added.kind is SourceKind.PERSON else mention.kind
        return end, attrs.evolve(mention, kind=kind, **_stated(mention, added))
    return None
