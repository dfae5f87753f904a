"""Typed, immutable models of attributed claims.

This package is pure attrs: it imports neither spaCy nor anything that does I/O, so
validating and exchanging claim JSON stays cheap.

Character offsets are Python string indices (Unicode code points) into
:attr:`AttributedDocument.text`, end exclusive, like the ``start``/``end`` of
:class:`Span`.

Each class checks what it can check alone (an offset is not negative, a confidence
lies in 0..1). What needs the whole document (references resolve, spans lie inside the
text and equal its slice, ids are unique, ``member_of`` and ``on_behalf_of`` are not
cyclic) is checked when an :class:`AttributedDocument` is built, and every problem is
reported at once with its JSON pointer in an :class:`~attribution.errors.InvariantError`.

Modules, bottom up: ``_kinds`` (schema versions and enums), ``_fields`` (shared field
definitions), ``_parts`` (spans, sources, claims, rebuttals, anonymity conditions,
non-responses), ``_document`` (:class:`AttributedDocument`, :func:`check_document`,
:func:`with_min_confidence`, :func:`deferred_checks`). Import from ``attribution.model``.
"""

from ._document import AttributedDocument, check_document, deferred_checks, with_min_confidence
from ._kinds import (
    READABLE_VERSIONS,
    SCHEMA_VERSION,
    AnonymityKind,
    ClaimMode,
    CountQualifier,
    NonResponseKind,
    RebuttalKind,
    SourceKind,
)
from ._parts import AnonymityCondition, Claim, Descriptors, NonResponse, Rebuttal, Source, Span

__all__ = [
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "AnonymityCondition",
    "AnonymityKind",
    "AttributedDocument",
    "Claim",
    "ClaimMode",
    "CountQualifier",
    "Descriptors",
    "NonResponse",
    "NonResponseKind",
    "Rebuttal",
    "RebuttalKind",
    "Source",
    "SourceKind",
    "Span",
    "check_document",
    "deferred_checks",
    "with_min_confidence",
]
