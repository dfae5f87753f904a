"""Typed, immutable models of attributed claims.

This module is pure attrs: it imports neither spaCy nor anything that does I/O, so
validating and exchanging claim JSON stays cheap.

Character offsets are Python string indices (Unicode code points) into
:attr:`AttributedDocument.text`, end exclusive, like the ``start``/``end`` of
:class:`Span`.

Each class checks what it can check alone (an offset is not negative, a confidence
lies in 0..1). What needs the whole document (references resolve, spans lie inside the
text and equal its slice, ids are unique, ``member_of`` and ``on_behalf_of`` are not
cyclic) is checked when an :class:`AttributedDocument` is built, and every problem is
reported at once with its JSON pointer in an :class:`~attribution.errors.InvariantError`.
"""

import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from attrs import validators as v

from .errors import InvariantError, Problem

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
    "with_min_confidence",
]

#: The version of the JSON form written by this release; see ``schemas/``.
SCHEMA_VERSION = "1.1"

#: Every version this release reads, oldest first. A document of an older version is
#: read as the current one: each version only adds optional properties to the last.
READABLE_VERSIONS = ("1.0", "1.1")


class SourceKind(str, enum.Enum):
    """What kind of entity a source is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"
    GOVERNMENT = "government"
    MEDIA = "media"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


class ClaimMode(str, enum.Enum):
    """How a claim is reported.

    ``direct``: quoted verbatim; ``indirect``: paraphrased (reported speech, "according
    to"); ``mixed``: paraphrase carrying a verbatim quoted fragment.
    """

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class RebuttalKind(str, enum.Enum):
    """How one claim answers another."""

    DENIAL = "denial"
    DISPUTE = "dispute"
    CANNOT_VERIFY = "cannot_verify"
    COUNTERCLAIM = "counterclaim"
    RESPONSE = "response"


class AnonymityKind(str, enum.Enum):
    """The stated condition under which sources are not named."""

    CONDITION_OF_ANONYMITY = "condition_of_anonymity"
    NOT_AUTHORIZED = "not_authorized"
    DECLINED_TO_BE_NAMED = "declined_to_be_named"
    OTHER = "other"


class NonResponseKind(str, enum.Enum):
    """How a source did not answer."""

    DECLINED_TO_COMMENT = "declined_to_comment"
    DID_NOT_RESPOND = "did_not_respond"
    COULD_NOT_BE_REACHED = "could_not_be_reached"
    UNAVAILABLE = "unavailable"


class CountQualifier(str, enum.Enum):
    """How exact a group's stated ``count`` is ("two" vs "more than a dozen")."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"


def _reject(pointer: str, rule: str, message: str) -> None:
    """Raise an :class:`InvariantError` for one problem of one object.

    ``pointer`` is relative to the object; :func:`attribution.schema.validate` prefixes
    the object's own place in the document.
    """
    raise InvariantError([Problem(pointer=pointer, message=message, rule=rule)])


def _id_field() -> Any:
    return attrs.field(validator=[v.instance_of(str), v.min_len(1)])


def _optional_id_field() -> Any:
    return attrs.field(default=None, validator=v.optional([v.instance_of(str), v.min_len(1)]))


def _optional_text_field() -> Any:
    return attrs.field(default=None, validator=v.optional([v.instance_of(str), v.min_len(1)]))


def _confidence_field() -> Any:
    return attrs.field(default=1.0, converter=float, validator=[v.ge(0.0), v.le(1.0)])


@attrs.frozen(kw_only=True)
class Span:
    """A stretch of the document's text.

    Attributes:
        start: Offset of the first character.
        end: Offset one past the last character (``end >= start``).
        text: The characters themselves; its length is ``end - start``.
    """

    start: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    end: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    text: str = attrs.field(validator=v.instance_of(str))

    @end.validator
    def _check_end(self, attribute: "attrs.Attribute[int]", value: int) -> None:
        if value < self.start:
            _reject("/end", "span-order", f"Span end {value} is before its start {self.start}")

    @text.validator
    def _check_text(self, attribute: "attrs.Attribute[str]", value: str) -> None:
        if len(value) != self.end - self.start:
            _reject(
                "/text",
                "span-length",
                f"Span text has {len(value)} characters but end - start is {self.end - self.start}",
            )

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span ``text[start:end]``."""
        return cls(start=start, end=end, text=text[start:end])


@attrs.frozen(kw_only=True)
class Descriptors:
    """What the text says about a source besides its name.

    Attributes:
        role: The source's function: "official", "spokesman", "analyst", "President".
        seniority: "senior", "top", "high-ranking", "mid-level".
        affiliation: The body it belongs to: "U.S. administration", "FDD's Long War Journal".
        nationality: "Pakistani", "U.S.".
    """

    role: str | None = _optional_text_field()
    seniority: str | None = _optional_text_field()
    affiliation: str | None = _optional_text_field()
    nationality: str | None = _optional_text_field()


@attrs.frozen(kw_only=True)
class Source:
    """Someone or something a claim is attributed to.

    Attributes:
        id: Unique within the document.
        kind: Person, organization, group, ...
        name: The proper name ("Donald Trump", "CIA"); ``None`` when anonymous.
        anonymous: Whether the text withholds who the source is.
        mentions: Every place the text refers to the source, in order.
        descriptors: Role, seniority, affiliation and nationality.
        count: For a group, how many it counts when the text says so.
        count_qualifier: How exact ``count`` is; set exactly when ``count`` is.
        member_of: The id of the group source this source belongs to ("one of the officials").
        on_behalf_of: The id of the source this one speaks or acts for: "a spokeswoman for
            Hargrove" acts on behalf of Hargrove (since schema 1.1).
    """

    id: str = _id_field()
    kind: SourceKind = attrs.field(default=SourceKind.UNKNOWN, converter=SourceKind)
    name: str | None = _optional_text_field()
    anonymous: bool = attrs.field(default=False, validator=v.instance_of(bool))
    mentions: tuple[Span, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(Span))
    )
    descriptors: Descriptors = attrs.field(factory=Descriptors, validator=v.instance_of(Descriptors))
    count: int | None = attrs.field(default=None, validator=v.optional([v.instance_of(int), v.ge(1)]))
    count_qualifier: CountQualifier | None = attrs.field(
        default=None, converter=attrs.converters.optional(CountQualifier)
    )
    member_of: str | None = _optional_id_field()
    on_behalf_of: str | None = _optional_id_field()

    def __attrs_post_init__(self) -> None:
        if self.anonymous and self.name is not None:
            _reject("/name", "anonymous-unnamed", f"Source {self.id!r} is anonymous but has the name {self.name!r}")
        if (self.count is None) != (self.count_qualifier is None):
            _reject("/count_qualifier", "count-qualifier", f"Source {self.id!r}: count and count_qualifier go together")
        if self.member_of == self.id:
            _reject("/member_of", "member-of-cycle", f"Source {self.id!r} cannot be a member of itself")
        if self.on_behalf_of == self.id:
            _reject("/on_behalf_of", "on-behalf-of-cycle", f"Source {self.id!r} cannot act on behalf of itself")


@attrs.frozen(kw_only=True)
class Claim:
    """Something a source is reported to have said, written or believed.

    Attributes:
        id: Unique within the document.
        source: The id of the source, or ``None`` when the claim is unattributed.
        source_mention: The noun phrase that names the speaker at this claim.
        content: What was claimed. For content split around its cue ("X," he said, "Y")
            this covers all of it and ``content_parts`` lists the pieces.
        content_parts: The pieces of discontinuous content, in order; empty when the
            content is one piece.
        cue: The reporting expression: "said", "tells", "according to".
        mode: Direct, indirect or mixed quotation.
        recipient: Whom the claim was made to ("tells *The Cipher Brief*").
        medium: How it was made: "tweet", "statement", "interview".
        parent: The id of the claim whose content encloses this one (nested attribution).
        confidence: How sure the extractor is, 0..1 (1 for hand-made claims).
    """

    id: str = _id_field()
    source: str | None = _optional_id_field()
    source_mention: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    content: Span = attrs.field(validator=v.instance_of(Span))
    content_parts: tuple[Span, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(Span))
    )
    cue: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    mode: ClaimMode = attrs.field(converter=ClaimMode)
    recipient: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    medium: str | None = _optional_text_field()
    parent: str | None = _optional_id_field()
    confidence: float = _confidence_field()

    def __attrs_post_init__(self) -> None:
        if self.parent == self.id:
            _reject("/parent", "parent-cycle", f"Claim {self.id!r} cannot be its own parent")
        previous_end = self.content.start
        for i, part in enumerate(self.content_parts):
            if part.start < previous_end or part.end > self.content.end:
                _reject(
                    f"/content_parts/{i}",
                    "content-parts",
                    f"Claim {self.id!r}: content_parts must be ordered, disjoint and inside content",
                )
            previous_end = part.end


@attrs.frozen(kw_only=True)
class Rebuttal:
    """One claim rejecting, disputing or answering another.

    Attributes:
        id: Unique within the document.
        claim: The id of the rebutting claim.
        target: The id of the rebutted claim (never ``claim`` itself).
        kind: Denial, dispute, cannot_verify, counterclaim or response.
        evidence: The words that make it a rebuttal ("cannot verify", "In response").
        reference: Where the rebutting claim names what it rebuts ("Pakistani claims to
            have turned over ..."), if it does.
        confidence: How sure the extractor is, 0..1.
    """

    id: str = _id_field()
    claim: str = _id_field()
    target: str = _id_field()
    kind: RebuttalKind = attrs.field(converter=RebuttalKind)
    evidence: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    reference: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    confidence: float = _confidence_field()

    def __attrs_post_init__(self) -> None:
        if self.claim == self.target:
            _reject("/target", "self-rebuttal", f"Rebuttal {self.id!r} targets its own claim {self.claim!r}")


@attrs.frozen(kw_only=True)
class AnonymityCondition:
    """The stated condition under which sources are not named.

    Attributes:
        id: Unique within the document.
        sources: The ids of the sources it covers (at least one).
        kind: condition_of_anonymity, not_authorized, declined_to_be_named or other.
        evidence: The words that state it ("spoke on condition of anonymity").
        reason: The reason given ("because they were not authorized to speak publicly").
    """

    id: str = _id_field()
    sources: tuple[str, ...] = attrs.field(
        converter=tuple,
        validator=[v.min_len(1), v.deep_iterable(v.and_(v.instance_of(str), v.min_len(1)))],
    )
    kind: AnonymityKind = attrs.field(converter=AnonymityKind)
    evidence: Span = attrs.field(validator=v.instance_of(Span))
    reason: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))


@attrs.frozen(kw_only=True)
class NonResponse:
    """A source that did not answer ("The CIA declined to comment").

    Attributes:
        id: Unique within the document.
        source: The id of the source that did not answer.
        kind: declined_to_comment, did_not_respond, could_not_be_reached or unavailable.
        evidence: The words that say so.
    """

    id: str = _id_field()
    source: str = _id_field()
    kind: NonResponseKind = attrs.field(converter=NonResponseKind)
    evidence: Span = attrs.field(validator=v.instance_of(Span))


def _metadata_converter(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@attrs.frozen(kw_only=True)
class AttributedDocument:
    """A text with everything attributed in it.

    Building one checks every document invariant (see :func:`check_document`) and raises
    :class:`~attribution.errors.InvariantError` listing every problem.

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
    id: str = _id_field()
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
