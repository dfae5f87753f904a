"""What one source noun phrase states: :class:`Mention` (public through :mod:`.descriptors`)."""

import attrs

from ...model import CountQualifier, Descriptors, SourceKind

__all__ = ["DESCRIPTOR_FIELDS", "STATED_FIELDS", "Described", "Mention"]

#: The descriptors a phrase may state and a source keeps: the fields of
#: :class:`~attribution.model.Descriptors`, written once there.
DESCRIPTOR_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Descriptors))

#: The descriptors and the country they imply, which mentions and sources compare and share.
STATED_FIELDS: tuple[str, ...] = (*DESCRIPTOR_FIELDS, "country")


@attrs.define(kw_only=True, eq=False)
class Described:
    """What is known of a source: its kind, name, descriptors and country.

    The fields a :class:`Mention` states and a source being resolved
    (:class:`~attribution.extract.sources.coreference.Entity`) gathers, written once.

    Attributes:
        kind: Person, organization, group, government, document or unknown.
        name: The proper name ("Donald Trump", "CIA"), without titles.
        role: "official", "spokesman"; a title as written ("President").
        seniority: "senior", "top", ...
        affiliation: "U.S. administration", "FDD's Long War Journal".
        nationality: "Pakistani", "U.S.".
        country: The country implied by the nationality or the affiliation.
        gender: "masculine" or "feminine" when a word says it (a pronoun, "Ms.",
            "spokeswoman"); used only to keep "he" from a source called "she" or "Ms.
            Ruiz", never recorded on the source.
    """

    kind: SourceKind = SourceKind.UNKNOWN
    name: str | None = None
    role: str | None = None
    seniority: str | None = None
    affiliation: str | None = None
    nationality: str | None = None
    country: str | None = None
    gender: str | None = None


@attrs.define(kw_only=True)
class Mention(Described):
    """What one source noun phrase states: the fields of :class:`Described`, and

    Attributes:
        start: Character offset of the phrase.
        end: Character offset one past its end.
        text: The phrase as written.
        plural: Whether the phrase denotes several people or bodies.
        reference: How it refers: "name", "pronoun", "definite", "indefinite" or "bare".
        pronoun: The lower-cased pronoun, for pronouns.
        count: How many, when stated ("Two Pakistani officials").
        count_qualifier: How exact ``count`` is.
        partitive: "member" ("one of the officials"), "subgroup" ("two of the officials"),
            "all" ("all of the officials"), or ``None``.
        inner: For a partitive, the mention of the whole ("the officials").
        anonymous_cue: The phrase uses wording that marks an unnamed source ("familiar
            with", "sources").
        describes: Whether the phrase describes the source (a role word or an
            anonymous-source phrase), as opposed to a bare pronoun or collective.
        identifies: Whether the phrase singles out one office-holder without naming
            them ("the president", "Nevada's governor", "the director of the FBI"):
            such a source is identifiable, hence not anonymous.
        bound: For a pronoun, the names of the people it cannot stand for: its own
            clause names them after it ("*He* accused Leon Marsh": not Marsh; see
            :mod:`attribution.extract.sources.binding`).
    """

    start: int
    end: int
    text: str
    plural: bool = False
    reference: str = "bare"
    pronoun: str | None = None
    count: int | None = None
    count_qualifier: CountQualifier | None = None
    partitive: str | None = None
    inner: "Mention | None" = None
    anonymous_cue: bool = False
    describes: bool = False
    identifies: bool = False
    bound: frozenset[str] = frozenset()
