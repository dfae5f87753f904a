"""The document, its invariants across objects, and the confidence filter."""

import contextlib
import contextvars
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from attrs import validators as v

from ..errors import InvariantError, Problem
from ._fields import id_field
from ._kinds import SCHEMA_VERSION, SourceKind
from ._parts import AnonymityCondition, Claim, NonResponse, Rebuttal, Source, Span

#: Whether building a document skips the whole-document check (see :func:`deferred_checks`).
_DEFERRED: "contextvars.ContextVar[bool]" = contextvars.ContextVar("attribution_deferred_checks", default=False)


@contextlib.contextmanager
def deferred_checks(defer: bool = True) -> Iterator[None]:
    """Build documents without checking the invariants across objects, for a while.

    Inside ``with deferred_checks():``, building an :class:`AttributedDocument` (directly or
    with :func:`attrs.evolve`) runs each field's own checks but not :func:`check_document`.
    It is for code that builds a document in many steps and checks only the last one: the
    extraction pipeline checks each finished document once, not every intermediate result.
    Whoever defers the check owns it: call :func:`check_document` on what leaves the block.
    ``deferred_checks(False)`` turns the check back on inside (for code that is not trusted
    to build valid documents, such as plugin steps).

    Example:
        >>> with deferred_checks():  # doctest: +SKIP
        ...     draft = attrs.evolve(draft, claims=claims)
        >>> problems = check_document(draft)  # doctest: +SKIP
    """
    token = _DEFERRED.set(defer)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def _metadata_converter(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@attrs.frozen(kw_only=True)
class AttributedDocument:
    """A text with everything attributed in it.

    Building one checks every document invariant (see :func:`check_document`) and raises
    :class:`~attribution.errors.InvariantError` listing every problem (unless the check is
    deferred: see :func:`deferred_checks`).

    Attributes:
        schema_version: The version of the JSON form; :data:`SCHEMA_VERSION`.
        id: The document's identifier.
        text: The full text that every span points into.
        sources: Who makes claims, declines to answer or is granted anonymity.
        claims: What they are reported to have said.
        rebuttals: Which claims answer which.
        anonymity_conditions: Conditions under which sources are unnamed.
        non_responses: Sources that did not answer.
        metadata: Free JSON-compatible data (author, publisher, date, extractor, ...).
    """

    schema_version: str = attrs.field(default=SCHEMA_VERSION, validator=v.in_((SCHEMA_VERSION,)))
    id: str = id_field()
    text: str = attrs.field(validator=v.instance_of(str))
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(Source))
    )
    claims: tuple[Claim, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(Claim))
    )
    rebuttals: tuple[Rebuttal, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(Rebuttal))
    )
    anonymity_conditions: tuple[AnonymityCondition, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(AnonymityCondition))
    )
    non_responses: tuple[NonResponse, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(NonResponse))
    )
    metadata: dict[str, Any] = attrs.field(
        factory=dict, converter=_metadata_converter, hash=False
    )

    def __attrs_post_init__(self) -> None:
        if _DEFERRED.get():
            return
        problems = check_document(self)
        if problems:
            raise InvariantError(problems)

    # -- lookups and views -------------------------------------------------------------

    def source(self, source_id: str) -> Source:
        """The source with id ``source_id``.

        Raises:
            KeyError: There is none.
        """
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def claim(self, claim_id: str) -> Claim:
        """The claim with id ``claim_id``.

        Raises:
            KeyError: There is none.
        """
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def claims_by(self, source_id: str, *, members: bool = True) -> tuple[Claim, ...]:
        """The claims of a source, and with ``members`` those of its members too."""
        ids = {source_id}
        if members:
            ids |= {s.id for s in self.sources if _is_member(self, s, source_id)}
        return tuple(c for c in self.claims if c.source in ids)

    def rebuttals_of(self, claim_id: str) -> tuple[Rebuttal, ...]:
        """The rebuttals whose target is ``claim_id``."""
        return tuple(r for r in self.rebuttals if r.target == claim_id)

    def rebuttals_by(self, claim_id: str) -> tuple[Rebuttal, ...]:
        """The rebuttals made by the claim ``claim_id``."""
        return tuple(r for r in self.rebuttals if r.claim == claim_id)


def _is_member(doc: AttributedDocument, source: Source, group_id: str) -> bool:
    seen: set[str] = set()
    current: Source | None = source
    while current is not None and current.member_of is not None and current.id not in seen:
        seen.add(current.id)
        if current.member_of == group_id:
            return True
        current = next((s for s in doc.sources if s.id == current.member_of), None)  # type: ignore[union-attr]
    return False


# -- document invariants ---------------------------------------------------------------


def _spans(obj: Any, pointer: str) -> Iterator[tuple[str, Span]]:
    """Every span directly held by ``obj`` (in a field or a tuple field), with its pointer."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, Span):
            yield f"{pointer}/{field.name}", value
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, Span):
                    yield f"{pointer}/{field.name}/{i}", item


def check_document(doc: AttributedDocument) -> list[Problem]:
    """Every invariant ``doc`` breaks, as problems with JSON pointers.

    The invariants: ids are unique within each collection; every reference (a claim's
    source and parent, a source's member_of and on_behalf_of, a rebuttal's claim and target, the sources
    of an anonymity condition and of a non-response) resolves; ``member_of`` points at a
    group and is not cyclic; ``parent`` and ``on_behalf_of`` are not cyclic; no rebuttal targets its own claim;
    every span lies inside ``text`` and its ``text`` equals that slice.
    """
    if not (doc.sources or doc.claims or doc.rebuttals or doc.anonymity_conditions or doc.non_responses):
        return []  # a text with nothing in it breaks no invariant
    problems: list[Problem] = []
    collections = {
        "sources": doc.sources,
        "claims": doc.claims,
        "rebuttals": doc.rebuttals,
        "anonymity_conditions": doc.anonymity_conditions,
        "non_responses": doc.non_responses,
    }
    ids: dict[str, dict[str, int]] = {}
    for name, items in collections.items():
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    Problem(
                        pointer=f"/{name}/{i}/id",
                        message=f"duplicate id {item.id!r} (first used at /{name}/{seen[item.id]})",
                        rule="unique-id",
                    )
                )
            else:
                seen[item.id] = i
        ids[name] = seen

    def resolve(pointer: str, ref: str | None, collection: str) -> None:
        if ref is not None and ref not in ids[collection]:
            known = ", ".join(sorted(ids[collection])) or "none"
            problems.append(
                Problem(
                    pointer=pointer,
                    message=f"{ref!r} is not the id of any of the {collection} (known: {known})",
                    rule="dangling-reference",
                )
            )

    for i, source in enumerate(doc.sources):
        resolve(f"/sources/{i}/member_of", source.member_of, "sources")
        resolve(f"/sources/{i}/on_behalf_of", source.on_behalf_of, "sources")
        if source.member_of in ids["sources"]:
            group = doc.sources[ids["sources"][source.member_of]]
            if group.kind is not SourceKind.GROUP:
                problems.append(
                    Problem(
                        pointer=f"/sources/{i}/member_of",
                        message=f"member_of {group.id!r} is of kind {group.kind.value!r}, not 'group'",
                        rule="member-of-group",
                    )
                )
    for i, claim in enumerate(doc.claims):
        resolve(f"/claims/{i}/source", claim.source, "sources")
        resolve(f"/claims/{i}/parent", claim.parent, "claims")
    for i, rebuttal in enumerate(doc.rebuttals):
        resolve(f"/rebuttals/{i}/claim", rebuttal.claim, "claims")
        resolve(f"/rebuttals/{i}/target", rebuttal.target, "claims")
        if rebuttal.claim == rebuttal.target:
            problems.append(
                Problem(
                    pointer=f"/rebuttals/{i}/target",
                    message=f"rebuttal targets its own claim {rebuttal.claim!r}",
                    rule="self-rebuttal",
                )
            )
    for i, condition in enumerate(doc.anonymity_conditions):
        for j, ref in enumerate(condition.sources):
            resolve(f"/anonymity_conditions/{i}/sources/{j}", ref, "sources")
    for i, non_response in enumerate(doc.non_responses):
        resolve(f"/non_responses/{i}/source", non_response.source, "sources")

    problems.extend(_cycles(doc.sources, "member_of", "sources", ids["sources"]))
    problems.extend(_cycles(doc.sources, "on_behalf_of", "sources", ids["sources"]))
    problems.extend(_cycles(doc.claims, "parent", "claims", ids["claims"]))

    text_length = len(doc.text)
    for name, items in collections.items():
        for i, item in enumerate(items):
            for pointer, span in _spans(item, f"/{name}/{i}"):
                if span.end > text_length:
                    problems.append(
                        Problem(
                            pointer=pointer,
                            message=(
                                f"span {span.start}..{span.end} ends past the end of the text "
                                f"({text_length} characters)"
                            ),
                            rule="span-in-text",
                        )
                    )
                elif doc.text[span.start : span.end] != span.text:
                    problems.append(
                        Problem(
                            pointer=f"{pointer}/text",
                            message=(
                                f"span text {_clip(span.text)!r} differs from the text at "
                                f"{span.start}..{span.end}: {_clip(doc.text[span.start:span.end])!r}"
                            ),
                            rule="span-text",
                        )
                    )
    return problems


def _cycles(items: tuple[Any, ...], field: str, collection: str, index: dict[str, int]) -> list[Problem]:
    """Each cycle of ``field`` references once, at its member listed first; linear time.

    Every item has at most one outgoing reference, so each chain is walked once: an item
    is "on the current walk" until the walk ends, then "done" and never walked again.
    """
    done: set[str] = set()
    found: list[tuple[int, Problem]] = []
    for item in items:
        if item.id in done:
            continue
        walk: dict[str, int] = {}  # ids on this walk -> their position in it
        current: str | None = item.id
        while current is not None and current in index and current not in done and current not in walk:
            walk[current] = len(walk)
            current = getattr(items[index[current]], field)
        if current is not None and current in walk:  # the walk came back on itself
            cycle = list(walk)[walk[current] :]
            first = min(range(len(cycle)), key=lambda k: index[cycle[k]])
            cycle = cycle[first:] + cycle[:first]
            found.append((index[cycle[0]], _cycle_problem(cycle, field, collection, index[cycle[0]])))
        done.update(walk)
    return [problem for _, problem in sorted(found, key=lambda pair: pair[0])]


def _cycle_problem(cycle: list[str], field: str, collection: str, position: int) -> Problem:
    shown = cycle if len(cycle) <= 8 else [*cycle[:4], "...", *cycle[-2:]]
    size = "" if len(cycle) <= 8 else f" ({len(cycle)} {collection})"
    return Problem(
        pointer=f"/{collection}/{position}/{field}",
        message=f"{field} forms a cycle: {' -> '.join([*shown, cycle[0]])}{size}",
        rule=f"{field.replace('_', '-')}-cycle",
    )


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def with_min_confidence(document: AttributedDocument, min_confidence: float) -> AttributedDocument:
    """``document`` keeping only the claims whose confidence is at least ``min_confidence``.

    Trades recall for precision: on PolNeAR a higher confidence means a higher precision
    (see the benchmarks page). Rebuttals that link a dropped claim are dropped; a kept
    claim nested in a dropped one loses its ``parent``. Sources, anonymity conditions and
    non-responses are kept as they are.

    Args:
        document: The document.
        min_confidence: The threshold, from 0 (keep every claim) to 1.

    Raises:
        ValueError: ``min_confidence`` is not a number from 0 to 1.
    """
    if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)) or not (
        0.0 <= min_confidence <= 1.0
    ):
        raise ValueError(f"min_confidence must be a number from 0 to 1, not {min_confidence!r}")
    if all(claim.confidence >= min_confidence for claim in document.claims):
        return document
    kept = {claim.id for claim in document.claims if claim.confidence >= min_confidence}
    claims = tuple(
        claim if claim.parent is None or claim.parent in kept else attrs.evolve(claim, parent=None)
        for claim in document.claims
        if claim.id in kept
    )
    rebuttals = tuple(r for r in document.rebuttals if r.claim in kept and r.target in kept)
    return attrs.evolve(document, claims=claims, rebuttals=rebuttals)
