"""The sources step's vocabulary: its lexicons keyed for lookup (see :mod:`.descriptors`)."""

import re
from typing import Any

import attrs

from ...model import SourceKind
from ..lexicon import load_lexicon, word_sets
from ..lexicon_set import per_lexicons

__all__ = ["SourceVocabulary", "source_vocabulary"]


@attrs.frozen
class SourceVocabulary:
    """The words :func:`~attribution.extract.sources.descriptors.describe` knows, keyed for lookup.

    Built from the lexicons ``roles``, ``nationalities``, ``seniority``,
    ``anonymous_sources``, ``pronouns``, ``media_outlets`` and ``word_sets``.

    Attributes:
        roles: Role entries by lower-case singular and plural form.
        role_phrases: Multi-word roles, as tuples of lower-case words, longest first.
        role_starts: The first word of each multi-word role.
        seniority: Normalized seniority by lower-case word.
        nationalities: Nationality entries by every form (case-sensitive).
        demonyms: Plural demonyms ("Pakistanis") to their nationality entry.
        anonymous: Lower-case phrases that mark an unnamed source.
        pronouns: The kind and number of each lower-case personal pronoun.
        pronoun_genders: The grammatical gender of the pronouns that have one ("she": "feminine").
        media: Finds a word of an organization's name that makes it a news outlet.
        definite: Words that make a phrase definite ("the", "these").
        indefinite: Words that make a phrase indefinite ("a", "several").
        partitive_heads: Words that may head a partitive ("one" of the officials).
        post_affiliation: Prepositions that introduce an affiliation after the head ("of", "for").
        split_words: Words that end the core of a phrase ("who", "familiar", a comma).
    """

    roles: dict[str, dict[str, Any]]
    role_phrases: tuple[tuple[str, ...], ...]
    role_starts: frozenset[str]
    seniority: dict[str, str]
    nationalities: dict[str, dict[str, Any]]
    demonyms: dict[str, dict[str, Any]]
    anonymous: tuple[str, ...]
    pronouns: dict[str, tuple[SourceKind, bool]]
    pronoun_genders: dict[str, str]
    media: re.Pattern[str]
    definite: frozenset[str]
    indefinite: frozenset[str]
    partitive_heads: frozenset[str]
    post_affiliation: frozenset[str]
    split_words: frozenset[str]

    def nationality_of(self, text: str) -> dict[str, Any] | None:
        """The nationality entry ``text`` names, if any."""
        return self.nationalities.get(text) or self.nationalities.get(text.rstrip("’'s").rstrip("’'"))

    def country_in(self, text: str) -> str | None:
        """The country named by any word or phrase of ``text``, if any."""
        for form, entry in self.nationalities.items():
            # The substring test first: it turns away almost every form at C speed.
            if form in text and re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", text):
                return entry["country"]
        return None


@per_lexicons
def source_vocabulary() -> SourceVocabulary:
    """The vocabulary, built once per pipeline from its lexicons (see :func:`~attribution.extract.lexicon_set.per_lexicons`)."""
    roles: dict[str, dict[str, Any]] = {}
    phrases = set()
    for entry in load_lexicon("roles"):
        for form, plural in ((entry["role"], False), (entry.get("plural"), True)):
            if form:
                roles.setdefault(form.lower(), {**entry, "is_plural": plural and form != entry["role"]})
                if " " in form:
                    phrases.add(tuple(form.lower().split()))
    nationalities: dict[str, dict[str, Any]] = {}
    demonyms: dict[str, dict[str, Any]] = {}
    for entry in load_lexicon("nationalities"):
        for form in entry["forms"]:
            nationalities.setdefault(form, entry)
        for form in entry.get("demonyms", ()):
            demonyms.setdefault(form, entry)
    outlets = "|".join(re.escape(e["name"]) for e in load_lexicon("media_outlets"))
    words = word_sets()
    pronouns = load_lexicon("pronouns")
    return SourceVocabulary(
        roles=roles,
        role_phrases=tuple(sorted(phrases, key=len, reverse=True)),
        role_starts=frozenset(phrase[0] for phrase in phrases),
        seniority={e["word"].lower(): e["seniority"] for e in load_lexicon("seniority")},
        nationalities=nationalities,
        demonyms=demonyms,
        anonymous=tuple(e["phrase"].lower() for e in load_lexicon("anonymous_sources")),
        pronouns={e["pronoun"]: (SourceKind(e["kind"]), e["plural"]) for e in pronouns},
        pronoun_genders={e["pronoun"]: e["gender"] for e in pronouns if e.get("gender")},
        media=re.compile(rf"\b({outlets})\b") if outlets else re.compile(r"(?!)"),
        definite=words.get("sources.definite", frozenset()),
        indefinite=words.get("sources.indefinite", frozenset()),
        partitive_heads=words.get("sources.partitive_heads", frozenset()),
        post_affiliation=words.get("sources.post_affiliation", frozenset()),
        split_words=words.get("sources.split_words", frozenset()),
    )
