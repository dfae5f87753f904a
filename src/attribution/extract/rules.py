"""Typed rule records: the shape of one entry of each lexicon.

Each lexicon (a JSONL file of ``attribution/extract/data``, see its READMEs) has a record
class here, listed in :data:`RULES`. :meth:`Rule.from_dict` reads one entry strictly, as
medspaCy reads its context rules: an unknown key, a missing key or a value of the wrong
type is an error naming the key. :meth:`Rule.to_dict` gives the entry back as it was
written: an optional key that was left out stays out. The steps read the entries as
dicts; the records check them wherever they come from (the package's data, a plugin's
patch, a pipeline's own lexicons or a pipeline saved to disk).

A record's optional keys default to ``None``, meaning "not given" (the step then uses its
own default: ``frames`` of a reporting verb are ``["that", "quote", "trailing"]``).
"""

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..converter import strict_converter, validation_problems
from ..model import AnonymityKind, CountQualifier, NonResponseKind, SourceKind

__all__ = [
    "RULES",
    "AnonymityRule",
    "AnonymousSourceRule",
    "BylineWordRule",
    "ContactAttemptRule",
    "CountQualifierRule",
    "CueRule",
    "DocumentRule",
    "IntroductionRule",
    "MediaOutletRule",
    "NationalityRule",
    "NonResponseRule",
    "NumberRule",
    "PronounRule",
    "RebuttalCueRule",
    "ReportingVerbRule",
    "RoleRule",
    "Rule",
    "RuleError",
    "SeniorityRule",
    "WordSetRule",
]


#: The strict converter, with the records' hooks (key renames, optional keys left out).
_converter = strict_converter.copy()


class RuleError(ValueError):
    """An entry that does not have the shape of its lexicon's records."""


def _one_of(*values: str) -> Any:
    return attrs.validators.optional(attrs.validators.in_(values))


class Rule:
    """What every rule record can do: be read from and written to a lexicon entry.

    Subclasses are frozen attrs classes; ``KEYS`` renames fields whose key is not a
    Python name (``class``).
    """

    KEYS: ClassVar[Mapping[str, str]] = {}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        """Read one lexicon entry.

        Raises:
            RuleError: An unknown key, a missing key or a value of the wrong type or out
                of range; the message lists every problem and the valid keys.
        """
        if not isinstance(data, Mapping):
            raise RuleError(f"expected a JSON object, got {type(data).__name__}")
        try:
            return _converter.structure(dict(data), cls)
        except (cattrs.BaseValidationError, ValueError, TypeError) as error:
            problems = validation_problems(error, extra="field")
        for name, key in cls.KEYS.items():
            problems = [p.replace(f"'{name}'", f"'{key}'") for p in problems]
        keys = [cls.KEYS.get(f.name, f.name) for f in attrs.fields(cls)]  # type: ignore[arg-type]
        raise RuleError(f"{'; '.join(problems)} (fields: {', '.join(sorted(keys))})")

    def to_dict(self) -> dict[str, Any]:
        """The entry as written in a lexicon file (optional keys not given are left out)."""
        return _converter.unstructure(self)


@attrs.frozen(kw_only=True)
class ReportingVerbRule(Rule):
    """``reporting_verbs``: a verb that introduces what someone said, wrote or believes."""

    KEYS: ClassVar[Mapping[str, str]] = {"cls": "class"}

    lemma: str
    cls: str
    forms: tuple[str, ...] | None = None
    frames: tuple[str, ...] | None = None
    medium: str | None = None
    recipient: bool | None = None
    prepositions: tuple[str, ...] | None = None
    nouns: tuple[str, ...] | None = None
    objects: tuple[str, ...] | None = None


@attrs.frozen(kw_only=True)
class CueRule(Rule):
    """``cues``: a multi-word reporting cue ("according to", "in a statement")."""

    KEYS: ClassVar[Mapping[str, str]] = {"cls": "class"}

    phrase: str
    role: str = attrs.field(validator=attrs.validators.in_(("source_prep", "medium", "verb")))
    cls: str | None = None
    medium: str | None = None
    recipient: str | None = None
    frames: tuple[str, ...] | None = None


@attrs.frozen(kw_only=True)
class RoleRule(Rule):
    """``roles``: a role word ("official", "secretary of state") and what it says."""

    role: str
    plural: str | None
    kind: str = attrs.field(validator=attrs.validators.in_(("person", "organization", "document")))
    title: bool
    honorific: bool | None = None
    speaks_for: bool | None = None
    gender: str | None = attrs.field(default=None, validator=_one_of("masculine", "feminine"))


@attrs.frozen(kw_only=True)
class SeniorityRule(Rule):
    """``seniority``: a seniority word and the value recorded."""

    word: str
    seniority: str


@attrs.frozen(kw_only=True)
class NationalityRule(Rule):
    """``nationalities``: a nationality, its country and the words that name it."""

    nationality: str
    country: str
    forms: tuple[str, ...]
    demonyms: tuple[str, ...] | None = None


@attrs.frozen(kw_only=True)
class AnonymousSourceRule(Rule):
    """``anonymous_sources``: words that mark an unnamed source ("familiar with")."""

    phrase: str


@attrs.frozen(kw_only=True)
class PronounRule(Rule):
    """``pronouns``: a personal pronoun, the source kind and number it implies."""

    pronoun: str
    kind: str = attrs.field(validator=attrs.validators.in_([k.value for k in SourceKind]))
    plural: bool
    gender: str | None = attrs.field(default=None, validator=_one_of("masculine", "feminine"))


@attrs.frozen(kw_only=True)
class MediaOutletRule(Rule):
    """``media_outlets``: a word of a name that makes an organization a news outlet."""

    name: str


@attrs.frozen(kw_only=True)
class BylineWordRule(Rule):
    """``bylines``: a word that only a byline has (an outlet's, a staff title's, a place's)."""

    word: str
    part: str


@attrs.frozen(kw_only=True)
class DocumentRule(Rule):
    """``documents``: the head noun of a document speaker phrase and the claim's medium."""

    word: str
    medium: str


@attrs.frozen(kw_only=True)
class IntroductionRule(Rule):
    """``introductions``: a token pattern introducing the description of an unnamed source."""

    verbs: tuple[str, ...]
    pattern: list[dict[str, Any]]


@attrs.frozen(kw_only=True)
class ContactAttemptRule(Rule):
    """``contact_attempts``: the lemma of a noun naming an attempt to reach someone ("call")."""

    word: str


@attrs.frozen(kw_only=True)
class NumberRule(Rule):
    """``numbers``: a number word or phrase and its value."""

    phrase: str
    value: int
    qualifier: str | None = attrs.field(default=None, validator=_one_of(*(q.value for q in CountQualifier)))
    scale: bool | None = None
    standalone: bool | None = None


@attrs.frozen(kw_only=True)
class CountQualifierRule(Rule):
    """``count_qualifiers``: words before a count that make it inexact ("more than")."""

    phrase: str
    qualifier: str = attrs.field(validator=attrs.validators.in_([q.value for q in CountQualifier]))


@attrs.frozen(kw_only=True)
class AnonymityRule(Rule):
    """``anonymity``: a token pattern stating a condition of anonymity, or its reason."""

    kind: str = attrs.field(validator=attrs.validators.in_([k.value for k in AnonymityKind]))
    pattern: list[dict[str, Any]]
    part: str | None = attrs.field(default=None, validator=_one_of("evidence", "reason"))


@attrs.frozen(kw_only=True)
class NonResponseRule(Rule):
    """``non_responses``: a token pattern of a source not answering."""

    kind: str = attrs.field(validator=attrs.validators.in_([k.value for k in NonResponseKind]))
    pattern: list[dict[str, Any]]


@attrs.frozen(kw_only=True)
class RebuttalCueRule(Rule):
    """``rebuttal_cues``: one cue of the rebuttals step; which keys a ``type`` takes is
    checked by :class:`~attribution.extract.rebuttals.RebuttalCues`."""

    type: str
    words: tuple[str, ...] | None = None
    word: str | None = None
    kind: str | None = None
    negated: bool | None = None
    needs_reference: bool | None = None
    verbs: tuple[str, ...] | None = None
    negative: bool | None = None


@attrs.frozen(kw_only=True)
class WordSetRule(Rule):
    """``word_sets``: a named closed set of words ("sources.definite")."""

    set: str
    words: tuple[str, ...]


#: The record class of each lexicon, by lexicon name.
RULES: dict[str, type[Rule]] = {
    "anonymity": AnonymityRule,
    "anonymous_sources": AnonymousSourceRule,
    "bylines": BylineWordRule,
    "contact_attempts": ContactAttemptRule,
    "count_qualifiers": CountQualifierRule,
    "cues": CueRule,
    "documents": DocumentRule,
    "introductions": IntroductionRule,
    "media_outlets": MediaOutletRule,
    "nationalities": NationalityRule,
    "non_responses": NonResponseRule,
    "numbers": NumberRule,
    "pronouns": PronounRule,
    "rebuttal_cues": RebuttalCueRule,
    "reporting_verbs": ReportingVerbRule,
    "roles": RoleRule,
    "seniority": SeniorityRule,
    "word_sets": WordSetRule,
}


def _register(cls: type[Rule]) -> None:
    renames = {name: override(rename=key) for name, key in cls.KEYS.items()}
    structure = make_dict_structure_fn(cls, _converter, _cattrs_forbid_extra_keys=True, **renames)
    _converter.register_structure_hook(cls, structure)
    optional = {f.name for f in attrs.fields(cls) if f.default is None}  # type: ignore[arg-type]
    plain = make_dict_unstructure_fn(cls, _converter, **renames)

    def unstructure(record: Rule) -> dict[str, Any]:
        data = plain(record)
        for name in optional:
            key = cls.KEYS.get(name, name)
            if data.get(key) is None:
                data.pop(key, None)
        return data

    _converter.register_unstructure_hook(cls, unstructure)


for _cls in RULES.values():
    _register(_cls)
