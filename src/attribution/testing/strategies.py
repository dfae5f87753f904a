"""Hypothesis strategies that build valid attribution models.

Every strategy returns models that satisfy all invariants: spans are real slices of the
text, references resolve, ``member_of`` points only at group sources and is acyclic,
``on_behalf_of`` is acyclic,
no rebuttal targets its own claim. Texts come from ``st.text()``, so they hold
arbitrary Unicode.

Requires hypothesis (``pip install attribution[test]``).

Example:
    >>> from hypothesis import given
    >>> from attribution.testing import strategies as ats
    >>> @given(ats.documents(max_claims=3))
    ... def test_documents_serialize(doc): ...
"""

from collections.abc import Sequence
from typing import Any

import hypothesis.strategies as st

from ..model import (
    AnonymityCondition,
    AnonymityKind,
    AttributedDocument,
    Claim,
    ClaimMode,
    CountQualifier,
    Descriptors,
    NonResponse,
    NonResponseKind,
    Rebuttal,
    RebuttalKind,
    Source,
    SourceKind,
    Span,
)

__all__ = [
    "claims",
    "descriptors",
    "documents",
    "ids",
    "metadata",
    "sources",
    "spans",
]

_names = st.text(min_size=1, max_size=12)
_confidences = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def ids() -> st.SearchStrategy[str]:
    """Strategy generating ids: non-empty strings of any characters.

    Requires hypothesis.
    """
    return st.text(min_size=1, max_size=8)


def spans(text: str, *, min_length: int = 0) -> st.SearchStrategy[Span]:
    """Strategy generating spans of ``text``: ``Span.of(text, start, end)``.

    Requires hypothesis.

    Args:
        text: The text the spans point into.
        min_length: The fewest characters a span covers; at most ``len(text)``.
    """
    if min_length > len(text):
        raise ValueError(f"min_length {min_length} is more than the text's {len(text)} characters")
    return _spans(text, min_length)


@st.composite
def _spans(draw: st.DrawFn, text: str, min_length: int) -> Span:
    start = draw(st.integers(min_value=0, max_value=len(text) - min_length))
    end = draw(st.integers(min_value=start + min_length, max_value=len(text)))
    return Span.of(text, start, end)


def descriptors() -> st.SearchStrategy[Descriptors]:
    """Strategy generating :class:`~attribution.model.Descriptors`, any field possibly null.

    Requires hypothesis.
    """
    text = st.none() | _names
    return st.builds(Descriptors, role=text, seniority=text, affiliation=text, nationality=text)


def metadata() -> st.SearchStrategy[dict[str, Any]]:
    """Strategy generating free JSON metadata that survives a JSON round trip.

    Requires hypothesis.
    """
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**53), max_value=2**53)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=10)
    )
    values = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=8,
    )
    return st.dictionaries(st.text(max_size=8), values, max_size=3)


def sources(
    text: str,
    *,
    source_id: str | st.SearchStrategy[str] | None = None,
    group_ids: Sequence[str] = (),
    principal_ids: Sequence[str] = (),
) -> st.SearchStrategy[Source]:
    """Strategy generating a :class:`~attribution.model.Source` mentioned in ``text``.

    Requires hypothesis.

    Args:
        text: The text its mentions point into.
        source_id: Its id, or a strategy for it; by default any id.
        group_ids: Ids of group sources it may be a member of (its own id is never used).
        principal_ids: Ids of sources it may act on behalf of (its own id is never used).
    """
    return _sources(text, _id_strategy(source_id), tuple(group_ids), tuple(principal_ids))


def _id_strategy(value: str | st.SearchStrategy[str] | None) -> st.SearchStrategy[str]:
    if value is None:
        return ids()
    return value if isinstance(value, st.SearchStrategy) else st.just(value)


@st.composite
def _sources(
    draw: st.DrawFn,
    text: str,
    id_strategy: st.SearchStrategy[str],
    group_ids: tuple[str, ...],
    principal_ids: tuple[str, ...],
) -> Source:
    own_id = draw(id_strategy)
    kind = draw(st.sampled_from(SourceKind))
    anonymous = draw(st.booleans())
    counted = kind is SourceKind.GROUP and draw(st.booleans())
    others = [g for g in group_ids if g != own_id]
    principals = [p for p in principal_ids if p != own_id]
    return Source(
        id=own_id,
        kind=kind,
        name=None if anonymous else draw(st.none() | _names),
        anonymous=anonymous,
        mentions=draw(st.lists(spans(text), max_size=3)),
        descriptors=draw(descriptors()),
        count=draw(st.integers(min_value=1, max_value=10_000)) if counted else None,
        count_qualifier=draw(st.sampled_from(CountQualifier)) if counted else None,
        member_of=draw(st.none() | st.sampled_from(others)) if others else None,
        on_behalf_of=draw(st.none() | st.sampled_from(principals)) if principals else None,
    )


def claims(
    text: str,
    *,
    claim_id: str | st.SearchStrategy[str] | None = None,
    source_ids: Sequence[str] = (),
    parent_ids: Sequence[str] = (),
) -> st.SearchStrategy[Claim]:
    """Strategy generating a :class:`~attribution.model.Claim` about ``text``.

    Requires hypothesis.

    Args:
        text: The text its spans point into.
        claim_id: Its id, or a strategy for it; by default any id.
        source_ids: Ids its ``source`` may take (it may also be unattributed).
        parent_ids: Ids its ``parent`` may take (its own id is never used).
    """
    return _claims(text, _id_strategy(claim_id), tuple(source_ids), tuple(parent_ids))


@st.composite
def _claims(
    draw: st.DrawFn,
    text: str,
    id_strategy: st.SearchStrategy[str],
    source_ids: tuple[str, ...],
    parent_ids: tuple[str, ...],
) -> Claim:
    optional_span = st.none() | _spans(text, 0)
    own_id = draw(id_strategy)
    content = draw(spans(text))
    cuts = sorted(draw(st.lists(st.integers(content.start, content.end), max_size=4)))
    parts = [Span.of(text, a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    parents = [p for p in parent_ids if p != own_id]
    return Claim(
        id=own_id,
        source=draw(st.none() | st.sampled_from(source_ids)) if source_ids else None,
        source_mention=draw(optional_span),
        content=content,
        content_parts=parts,
        cue=draw(optional_span),
        mode=draw(st.sampled_from(ClaimMode)),
        recipient=draw(optional_span),
        medium=draw(st.none() | _names),
        parent=draw(st.none() | st.sampled_from(parents)) if parents else None,
        confidence=draw(_confidences),
    )


def documents(
    *, min_sources: int = 0, max_sources: int = 4, min_claims: int = 0, max_claims: int = 5
) -> st.SearchStrategy[AttributedDocument]:
    """Strategy generating valid :class:`~attribution.model.AttributedDocument` objects.

    Sources may be members of earlier group sources, claims may have earlier claims as
    parents (so neither forms a cycle); rebuttals, anonymity conditions and
    non-responses are drawn when there are claims or sources to refer to.

    Requires hypothesis.

    Args:
        min_sources: The fewest sources.
        max_sources: The most sources.
        min_claims: The fewest claims.
        max_claims: The most claims.
    """
    return _documents(min_sources, max_sources, min_claims, max_claims)


@st.composite
def _documents(
    draw: st.DrawFn, min_sources: int, max_sources: int, min_claims: int, max_claims: int
) -> AttributedDocument:
    text = draw(st.text())
    source_ids = draw(st.lists(ids(), min_size=min_sources, max_size=max_sources, unique=True))
    built_sources: list[Source] = []
    for source_id in source_ids:
        groups = [s.id for s in built_sources if s.kind is SourceKind.GROUP]
        earlier = [s.id for s in built_sources]
        built_sources.append(
            draw(sources(text, source_id=source_id, group_ids=groups, principal_ids=earlier))
        )
    claim_ids = draw(st.lists(ids(), min_size=min_claims, max_size=max_claims, unique=True))
    built_claims = [
        draw(claims(text, claim_id=claim_id, source_ids=source_ids, parent_ids=claim_ids[:i]))
        for i, claim_id in enumerate(claim_ids)
    ]
    rebuttals: list[Rebuttal] = []
    if len(claim_ids) >= 2:
        pairs = st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True)
        for i, (claim, target) in enumerate(draw(st.lists(pairs, max_size=3))):
            rebuttals.append(
                Rebuttal(
                    id=f"r{i}",
                    claim=claim,
                    target=target,
                    kind=draw(st.sampled_from(RebuttalKind)),
                    evidence=draw(st.none() | spans(text)),
                    reference=draw(st.none() | spans(text)),
                    confidence=draw(_confidences),
                )
            )
    conditions: list[AnonymityCondition] = []
    non_responses: list[NonResponse] = []
    if source_ids:
        for i in range(draw(st.integers(0, 2))):
            conditions.append(
                AnonymityCondition(
                    id=f"a{i}",
                    sources=draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=3)),
                    kind=draw(st.sampled_from(AnonymityKind)),
                    evidence=draw(spans(text)),
                    reason=draw(st.none() | spans(text)),
                )
            )
        for i in range(draw(st.integers(0, 2))):
            non_responses.append(
                NonResponse(
                    id=f"n{i}",
                    source=draw(st.sampled_from(source_ids)),
                    kind=draw(st.sampled_from(NonResponseKind)),
                    evidence=draw(spans(text)),
                )
            )
    return AttributedDocument(
        id=draw(ids()),
        text=text,
        sources=built_sources,
        claims=built_claims,
        rebuttals=rebuttals,
        anonymity_conditions=conditions,
        non_responses=non_responses,
        metadata=draw(metadata()),
    )
