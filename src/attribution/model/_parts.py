"""The parts of a document: spans, sources and what is attributed to them.

Each class checks what it can check alone; what needs the whole document is checked by
:func:`attribution.model.check_document`.
"""

import attrs
from attrs import validators as v

from ._fields import confidence_field, id_field, optional_id_field, optional_text_field, reject
from ._kinds import AnonymityKind, ClaimMode, CountQualifier, NonResponseKind, RebuttalKind, SourceKind

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
            reject("/end", "span-order", f"Span end {value} is before its start {self.start}")

    @text.validator
    def _check_text(self, attribute: "attrs.Attribute[str]", value: str) -> None:
        if len(value) != self.end - self.start:
            reject(
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

    role: str | None = optional_text_field()
    seniority: str | None = optional_text_field()
    affiliation: str | None = optional_text_field()
    nationality: str | None = optional_text_field()


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

    id: str = id_field()
    kind: SourceKind = attrs.field(default=SourceKind.UNKNOWN, converter=SourceKind)
    name: str | None = optional_text_field()
    anonymous: bool = attrs.field(default=False, validator=v.instance_of(bool))
    mentions: tuple[Span, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(Span))
    )
    descriptors: Descriptors = attrs.field(factory=Descriptors, validator=v.instance_of(Descriptors))
    count: int | None = attrs.field(default=None, validator=v.optional([v.instance_of(int), v.ge(1)]))
    count_qualifier: CountQualifier | None = attrs.field(
        default=None, converter=attrs.converters.optional(CountQualifier)
    )
    member_of: str | None = optional_id_field()
    on_behalf_of: str | None = optional_id_field()

    def __attrs_post_init__(self) -> None:
        if self.anonymous and self.name is not None:
            reject("/name", "anonymous-unnamed", f"Source {self.id!r} is anonymous but has the name {self.name!r}")
        if (self.count is None) != (self.count_qualifier is None):
            reject("/count_qualifier", "count-qualifier", f"Source {self.id!r}: count and count_qualifier go together")
        if self.member_of == self.id:
            reject("/member_of", "member-of-cycle", f"Source {self.id!r} cannot be a member of itself")
        if self.on_behalf_of == self.id:
            reject("/on_behalf_of", "on-behalf-of-cycle", f"Source {self.id!r} cannot act on behalf of itself")

    @property
    def label(self) -> str:
        """A readable name: the name, else the first mention, else the id.

        Runs of whitespace (a name broken across lines) are folded to one space, so
        every view (terminal table, tables, HTML, RDF, conflict graph) shows one label.
        """
        if self.name:
            return " ".join(self.name.split())
        if self.mentions:
            return " ".join(self.mentions[0].text.split())
        return self.id


@attrs.frozen(kw_only=True)
class Claim:
    """Something a source is reported to have said, written or believed.

    Attributes:
        id: Unique within the document.
        source: The id of the source, or ``None`` when the claim is unattributed.
        source_mention: The noun phrase that names the speaker at this claim.
        content: What was claimed. For content split around its cue ("X," he said, "Y")
            this covers all of it, the attribution in between included, and
            ``content_parts`` lists the pieces (see :attr:`words`).
        content_parts: The pieces of discontinuous content, in order; empty when the
            content is one piece.
        cue: The reporting expression: "said", "tells", "according to".
        mode: Direct, indirect or mixed quotation.
        recipient: Whom the claim was made to ("tells *The Cipher Brief*").
        medium: How it was made: "tweet", "statement", "interview".
        parent: The id of the claim whose content encloses this one (nested attribution).
        confidence: How sure the extractor is, 0..1 (1 for hand-made claims).
    """

    id: str = id_field()
    source: str | None = optional_id_field()
    source_mention: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    content: Span = attrs.field(validator=v.instance_of(Span))
    content_parts: tuple[Span, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(v.instance_of(Span))
    )
    cue: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    mode: ClaimMode = attrs.field(converter=ClaimMode)
    recipient: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    medium: str | None = optional_text_field()
    parent: str | None = optional_id_field()
    confidence: float = confidence_field()

    def __attrs_post_init__(self) -> None:
        if self.parent == self.id:
            reject("/parent", "parent-cycle", f"Claim {self.id!r} cannot be its own parent")
        previous_end = self.content.start
        for i, part in enumerate(self.content_parts):
            if part.start < previous_end or part.end > self.content.end:
                reject(
                    f"/content_parts/{i}",
                    "content-parts",
                    f"Claim {self.id!r}: content_parts must be ordered, disjoint and inside content",
                )
            previous_end = part.end

    @property
    def words(self) -> str:
        """The claim's own words, without the attribution that interrupts them.

        ``content.text`` when the content is one piece; otherwise the texts of
        ``content_parts`` joined by " … " (an ellipsis, as a journalist marks words left
        out), so that "“A,” he said. “B.”" reads "“A,” … “B.”".
        """
        if not self.content_parts:
            return self.content.text
        return " \u2026 ".join(part.text for part in self.content_parts)


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

    id: str = id_field()
    claim: str = id_field()
    target: str = id_field()
    kind: RebuttalKind = attrs.field(converter=RebuttalKind)
    evidence: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    reference: Span | None = attrs.field(default=None, validator=v.optional(v.instance_of(Span)))
    confidence: float = confidence_field()

    def __attrs_post_init__(self) -> None:
        if self.claim == self.target:
            reject("/target", "self-rebuttal", f"Rebuttal {self.id!r} targets its own claim {self.claim!r}")


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

    id: str = id_field()
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

    id: str = id_field()
    source: str = id_field()
    kind: NonResponseKind = attrs.field(converter=NonResponseKind)
    evidence: Span = attrs.field(validator=v.instance_of(Span))
