"""What a source noun phrase says about its source: name, kind, role, seniority, ...

:func:`describe` reads one speaker noun phrase of a parsed Doc ("a senior Pakistani
official", "President Donald Trump", "Bill Roggio of FDD's Long War Journal", "one of the
officials", "they") and returns a :class:`Mention`: what the phrase itself states. Tying
mentions together is :mod:`attribution.extract.sources.coreference`'s job.

The analysis is linear over the phrase's words rather than over its dependency tree
(the parser often attaches an "of" phrase wrongly): determiner, count ("Two", "more than a
dozen"), pre-modifiers (seniority, nationality, affiliation, title), the head, then the
post-modifiers ("of FDD's Long War Journal", "for Hillary Clinton", "familiar with the
matter"). Role, seniority, nationality and anonymous-source words come from the lexicons
``roles``, ``seniority``, ``nationalities`` and ``anonymous_sources``, pronouns from
``pronouns``, news outlets from ``media_outlets`` and the closed word sets (determiners,
partitive heads, ...) from ``word_sets`` (see ``data/README_sources.md``).

This module is the public face; the work is done in private modules beside it: the
mention record (``_mention``), the vocabulary (``_vocabulary``), the phrase as words
(``_words``) and the analysis of a plain phrase (``_phrase``).
"""

import re

from spacy.tokens import Doc

from ...model import CountQualifier, SourceKind
from .._doctext import doc_text
from ._mention import DESCRIPTOR_FIELDS, STATED_FIELDS, Described, Mention
from ._phrase import describe_phrase
from ._vocabulary import SourceVocabulary, source_vocabulary
from ._words import split_words, strip_tokens
from .binding import bound_names
from .counts import number

__all__ = [
    "DESCRIPTOR_FIELDS",
    "STATED_FIELDS",
    "Described",
    "Lexicons",
    "Mention",
    "SourceVocabulary",
    "describe",
    "lexicons",
    "source_vocabulary",
]

#: The former names of :class:`SourceVocabulary` and :func:`source_vocabulary`, kept importable.
Lexicons = SourceVocabulary
lexicons = source_vocabulary


def describe(doc: Doc, start: int, end: int) -> Mention:
    """What the noun phrase ``doc.text[start:end]`` states about its source.

    Args:
        doc: The parsed document.
        start: Character offset of the phrase.
        end: Character offset one past its end.

    Returns:
        The phrase's :class:`Mention`; offsets and text are those given.
    """
    lex = source_vocabulary()
    mention = Mention(start=start, end=end, text=doc_text(doc)[start:end])
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = strip_tokens(list(span) if span is not None else [])
    if not tokens:
        return mention
    lowered = " ".join(t.lower_ for t in tokens)
    mention.anonymous_cue = any(  # the substring test first: most phrases hold none of them
        p in lowered and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", lowered) for p in lex.anonymous
    )
    if len(tokens) == 1 and tokens[0].lower_ in lex.pronouns:
        mention.kind, mention.plural = lex.pronouns[tokens[0].lower_]
        mention.reference, mention.pronoun = "pronoun", tokens[0].lower_
        mention.gender = lex.pronoun_genders.get(tokens[0].lower_)
        if mention.gender is not None:
            mention.bound = bound_names(tokens[0])
        return mention
    words = split_words(tokens, lex)
    # Partitives: "one of the officials", "two of them", "all of the officials".
    inner = None
    if len(words) >= 3 and words[1].lower == "of" and (words[0].lower in lex.partitive_heads or number(words[0].lower)):
        inner = describe(doc, words[2].start, tokens[-1].idx + len(tokens[-1].text))
        if not (inner.describes or inner.reference == "pronoun" or inner.kind is SourceKind.GROUP):
            inner = None
    if inner is not None:
        mention.inner = inner
        head = words[0].lower
        value = number(head)
        if head in ("one", "each", "any", "none"):
            mention.partitive, mention.kind = "member", SourceKind.PERSON
            mention.role, mention.seniority = inner.role, inner.seniority
            mention.affiliation, mention.nationality, mention.country = inner.affiliation, inner.nationality, inner.country
        elif head in ("all", "both"):
            mention.partitive, mention.kind, mention.plural = "all", SourceKind.GROUP, True
        else:
            mention.partitive, mention.kind, mention.plural = "subgroup", SourceKind.GROUP, True
            if value is not None and head not in ("dozens",):
                mention.count, mention.count_qualifier = value, CountQualifier.EXACT
        mention.reference = "indefinite"
        mention.describes = inner.describes
        return mention
    describe_phrase(doc, words, mention, lex)
    return mention
