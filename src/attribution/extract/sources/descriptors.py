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
``roles``, ``seniority``, ``nationalities`` and ``anonymous_sources`` (see
``data/README_sources.md``).
"""

import functools
import re
from collections.abc import Sequence
from typing import Any

import attrs
from spacy.tokens import Doc, Token

from ...model import CountQualifier, SourceKind
from .._doctext import doc_text
from ..lexicon import load_lexicon
from .counts import number, parse_count

__all__ = ["DESCRIPTOR_FIELDS", "Lexicons", "Mention", "describe", "lexicons"]

#: The descriptors a phrase may state and a source keeps (see :class:`~attribution.model.Descriptors`).
DESCRIPTOR_FIELDS = ("role", "seniority", "affiliation", "nationality")

_DEFINITE = {"the", "this", "that", "these", "those"}
_INDEFINITE = {"a", "an", "another", "some", "other", "several", "many", "few", "each", "any", "various", "most", "numerous"}
_PARTITIVE_HEADS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "some", "all",
                    "many", "most", "several", "both", "each", "few", "none", "half", "any", "dozens", "scores"}
_POST_AFFILIATION = {"of", "for", "at", "with", "from"}
_SPLIT_WORDS = {"who", "whom", "which", "that", "whose", ",", "—", "–", "(", "familiar", "close", "briefed",
                "involved", "knowledgeable", "speaking", "according"}
_PRONOUNS = {
    "he": (SourceKind.PERSON, False), "him": (SourceKind.PERSON, False), "she": (SourceKind.PERSON, False),
    "her": (SourceKind.PERSON, False), "i": (SourceKind.PERSON, False), "me": (SourceKind.PERSON, False),
    "they": (SourceKind.GROUP, True), "them": (SourceKind.GROUP, True), "we": (SourceKind.GROUP, True),
    "us": (SourceKind.GROUP, True), "it": (SourceKind.ORGANIZATION, False),
}
_ENTITY_KINDS = {"PERSON": SourceKind.PERSON, "ORG": SourceKind.ORGANIZATION, "GPE": SourceKind.GOVERNMENT,
                 "FAC": SourceKind.ORGANIZATION}
_MEDIA = re.compile(r"\b(Times|Post|News|Journal|Tribune|Herald|Reuters|Associated Press|AP|CNN|NBC|CBS|ABC|"
                    r"Fox|BBC|NPR|Politico|Bloomberg|Gazette|Magazine|Telegraph|Guardian|Axios)\b")


@attrs.frozen
class Lexicons:
    """The word lists :func:`describe` uses, keyed for lookup.

    Attributes:
        roles: Role entries by lower-case singular and plural form.
        role_phrases: Multi-word roles, as tuples of lower-case words, longest first.
        seniority: Normalized seniority by lower-case word.
        nationalities: Nationality entries by every form (case-sensitive).
        demonyms: Plural demonyms ("Pakistanis") to their nationality entry.
        anonymous: Lower-case phrases that mark an unnamed source.
    """

    roles: dict[str, dict[str, Any]]
    role_phrases: tuple[tuple[str, ...], ...]
    seniority: dict[str, str]
    nationalities: dict[str, dict[str, Any]]
    demonyms: dict[str, dict[str, Any]]
    anonymous: tuple[str, ...]

    def nationality_of(self, text: str) -> dict[str, Any] | None:
        """The nationality entry ``text`` names, if any."""
        return self.nationalities.get(text) or self.nationalities.get(text.rstrip("’'s").rstrip("’'"))

    def country_in(self, text: str) -> str | None:
        """The country named by any word or phrase of ``text``, if any."""
        for form, entry in self.nationalities.items():
            if re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", text):
                return entry["country"]
        return None


@functools.cache
def lexicons() -> Lexicons:
    """The lexicons, loaded once (with any plugin patches)."""
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
    return Lexicons(
        roles=roles,
        role_phrases=tuple(sorted(phrases, key=len, reverse=True)),
        seniority={e["word"].lower(): e["seniority"] for e in load_lexicon("seniority")},
        nationalities=nationalities,
        demonyms=demonyms,
        anonymous=tuple(e["phrase"].lower() for e in load_lexicon("anonymous_sources")),
    )


@attrs.define(kw_only=True)
class Mention:
    """What one source noun phrase states.

    Attributes:
        start: Character offset of the phrase.
        end: Character offset one past its end.
        text: The phrase as written.
        kind: Person, organization, group, government, document or unknown.
        name: The proper name ("Donald Trump", "CIA"), without titles.
        role: "official", "spokesman"; a title as written ("President").
        seniority: "senior", "top", ...
        affiliation: "U.S. administration", "FDD's Long War Journal".
        nationality: "Pakistani", "U.S.".
        country: The country implied by the nationality or the affiliation.
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
    """

    start: int
    end: int
    text: str
    kind: SourceKind = SourceKind.UNKNOWN
    name: str | None = None
    role: str | None = None
    seniority: str | None = None
    affiliation: str | None = None
    nationality: str | None = None
    country: str | None = None
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


@attrs.frozen
class _Word:
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return "".join(t.text_with_ws for t in self.tokens).strip()

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)

    def has(self, *, pos: Sequence[str] = (), ents: Sequence[str] = ()) -> bool:
        return any(t.pos_ in pos or t.ent_type_ in ents for t in self.tokens)


def _words(tokens: Sequence[Token], lex: Lexicons) -> list[_Word]:
    """Whitespace-separated words (keeping "high-ranking", "U.S.", "FDD's" whole), with
    multi-word roles ("secretary of state") merged into one word; a comma or other
    punctuation is a word of its own."""
    words: list[list[Token]] = []
    glue = False
    for token in tokens:
        if token.is_space:
            glue = False
            continue
        if token.is_punct and token.text not in "-’'.&" and not (token.text in "’'" and glue):
            words.append([token])
            glue = False
            continue
        if glue and words and not (words[-1][0].is_punct and words[-1][0].text not in "-’'.&"):
            words[-1].append(token)
        else:
            words.append([token])
        glue = not token.whitespace_
    merged: list[_Word] = []
    lowers = [_Word(tuple(w)).lower for w in words]  # each word's text once, not once per phrase
    i = 0
    while i < len(words):
        for phrase in lex.role_phrases:
            n = len(phrase)
            if tuple(lowers[i : i + n]) == phrase:
                merged.append(_Word(tuple(t for w in words[i : i + n] for t in w)))
                i += n
                break
        else:
            merged.append(_Word(tuple(words[i])))
            i += 1
    return merged


def _slice_text(doc: Doc, words: Sequence[_Word]) -> str:
    return doc_text(doc)[words[0].start : words[-1].end]


def _strip(tokens: Sequence[Token]) -> list[Token]:
    toks = [t for t in tokens]
    while toks and (toks[0].is_space or (toks[0].is_punct and toks[0].text not in "‘'")):
        toks.pop(0)
    while toks and (toks[-1].is_space or toks[-1].is_punct):
        toks.pop()
    return toks


def describe(doc: Doc, start: int, end: int) -> Mention:
    """What the noun phrase ``doc.text[start:end]`` states about its source.

    Args:
        doc: The parsed document.
        start: Character offset of the phrase.
        end: Character offset one past its end.

    Returns:
        The phrase's :class:`Mention`; offsets and text are those given.
    """
    lex = lexicons()
    mention = Mention(start=start, end=end, text=doc_text(doc)[start:end])
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = _strip(list(span) if span is not None else [])
    if not tokens:
        return mention
    lowered = " ".join(t.lower_ for t in tokens)
    mention.anonymous_cue = any(
        re.search(rf"(?<!\w){re.escape(p)}(?!\w)", lowered) for p in lex.anonymous
    )
    if len(tokens) == 1 and tokens[0].lower_ in _PRONOUNS:
        mention.kind, mention.plural = _PRONOUNS[tokens[0].lower_]
        mention.reference, mention.pronoun = "pronoun", tokens[0].lower_
        return mention
    words = _words(tokens, lex)
    # Partitives: "one of the officials", "two of them", "all of the officials".
    inner = None
    if len(words) >= 3 and words[1].lower == "of" and (words[0].lower in _PARTITIVE_HEADS or number(words[0].lower)):
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
    _describe_phrase(doc, words, mention, lex)
    return mention


def _split_core(words: list[_Word], lex: Lexicons) -> tuple[list[_Word], list[_Word]]:
    for i, word in enumerate(words):
        if i == 0:
            continue
        first = word.tokens[0]
        inside_entity = first.ent_iob_ == "I" and words[i - 1].tokens[-1].ent_type_ == first.ent_type_
        if word.lower in _SPLIT_WORDS or (first.pos_ == "ADP" and len(word.tokens) == 1 and word.lower not in ("’s", "'s")):
            if not inside_entity:
                return words[:i], words[i:]
        if first.pos_ in ("VERB", "AUX") and first.tag_ != "VBN":
            return words[:i], words[i:]
    return words, []


def _describe_phrase(doc: Doc, words: list[_Word], mention: Mention, lex: Lexicons) -> None:
    core, post = _split_core(words, lex)
    first = core[0].lower
    if first in _DEFINITE or core[0].tokens[0].tag_ == "PRP$":
        mention.reference = "definite"
        core = core[1:]
    elif len(core) > 1 and any(w.tokens[-1].tag_ == "POS" for w in core[:-1]):
        mention.reference = "definite"  # "Nevada's governor": the possessor stays, as affiliation
    elif first in _INDEFINITE:
        mention.reference = "indefinite"
        core = core[1:] if len(core) > 1 else core
    if any(w.lower in ("and", "&") for w in core) or any(w.lower == "and" for w in post[:1]):
        _describe_coordination(doc, core, mention, lex)
        return
    count, qualifier, used = parse_count([w.lower for w in core])
    if count is not None:
        core = core[used:]
        if count > 1 or qualifier is not CountQualifier.EXACT:
            mention.count, mention.count_qualifier = count, qualifier
        if mention.reference == "bare":
            mention.reference = "indefinite"
    if not core:
        return
    head, mods = core[-1], core[:-1]
    head_token = head.tokens[-1]
    role_entry = lex.roles.get(head.lower) or lex.roles.get(head_token.lemma_.lower())
    demonym = lex.demonyms.get(head.text)
    plural = head_token.tag_ in ("NNS", "NNPS") or bool(role_entry and role_entry["is_plural"]) or demonym is not None
    mention.plural = plural or (mention.count or 0) > 1
    # A proper name: the run of proper nouns (or entity tokens) ending at the head.
    is_name = (
        demonym is None
        and role_entry is None
        and (head_token.pos_ == "PROPN" or head_token.ent_type_ in _ENTITY_KINDS or head_token.ent_type_ == "NORP")
    )
    if is_name:
        n = len(core) - 1
        while n > 0 and (core[n - 1].has(pos=("PROPN",)) or core[n - 1].tokens[-1].ent_type_ in ("PERSON", "ORG")) \
                and core[n - 1].lower not in lex.seniority:
            n -= 1
        name_words = core[n:]
        # Titles at the front of the run: "President Donald Trump", "Sen. Ted Cruz".
        while len(name_words) > 1 and name_words[0].lower in lex.roles and lex.roles[name_words[0].lower].get("title"):
            entry = lex.roles[name_words[0].lower]
            if not entry.get("honorific"):
                mention.role = name_words[0].text
            name_words = name_words[1:]
            n += 1
        mods = core[:n]
        ent = head_token.ent_type_
        mention.name = _slice_text(doc, name_words)
        mention.reference = "name"
        if ent == "NORP":
            mention.kind = SourceKind.GROUP if mention.plural else SourceKind.PERSON
            mention.affiliation, mention.name = mention.name, None
            mention.reference = "definite" if mention.plural else "indefinite"
        elif ent in _ENTITY_KINDS:
            mention.kind = _ENTITY_KINDS[ent]
            if mention.kind is SourceKind.ORGANIZATION and _MEDIA.search(mention.name):
                mention.kind = SourceKind.MEDIA
        else:
            mention.kind = SourceKind.PERSON
        if mention.plural and mention.kind is SourceKind.PERSON:
            mention.kind = SourceKind.GROUP
    elif demonym is not None:
        mention.kind, mention.nationality, mention.country = SourceKind.GROUP, demonym["nationality"], demonym["country"]
        mention.plural = True
        if mention.reference == "bare":
            mention.reference = "definite"
    elif role_entry is not None:
        kind = role_entry["kind"]
        mention.describes = kind == "person"
        if kind == "person":
            mention.role = role_entry["role"]
            mention.kind = SourceKind.GROUP if mention.plural else SourceKind.PERSON
        elif kind == "document":
            mention.kind = SourceKind.DOCUMENT
            mention.name = _slice_text(doc, core + post) if (mods or post) else None
        else:
            mention.kind = SourceKind.GROUP if mention.plural else SourceKind.ORGANIZATION
            if mods or post:
                mention.name = _slice_text(doc, core + _name_tail(post))
                mention.reference = "name"
            else:
                mention.name = head.text
    else:
        mention.kind = SourceKind.GROUP if mention.plural else SourceKind.UNKNOWN
    _modifiers(doc, mods, mention, lex, head_is_name=is_name)
    if mention.name is not None and mention.kind not in (SourceKind.PERSON, SourceKind.GROUP):
        mention.affiliation = None  # "the State Department": the modifiers are part of the name
    if mention.affiliation is None and post and post[0].lower in _POST_AFFILIATION and mention.kind in (
        SourceKind.PERSON, SourceKind.GROUP
    ):
        tail = _name_tail(post)[1:]
        while tail and (tail[0].lower in _DEFINITE or tail[0].lower in ("a", "an")) and len(tail) > 1:
            tail = tail[1:]
        if tail:
            mention.affiliation = _slice_text(doc, tail)
            mention.country = mention.country or lex.country_in(mention.affiliation)
    if mention.anonymous_cue and mention.kind is SourceKind.UNKNOWN:
        mention.kind = SourceKind.GROUP if mention.plural else SourceKind.PERSON
    mention.describes = mention.describes or (mention.anonymous_cue and mention.name is None)
    if mention.name is not None and mention.kind is SourceKind.PERSON and post and post[0].lower == ",":
        _appositive_role(doc, post[1:], mention, lex)
    commas = [i for i, w in enumerate(post) if w.lower == ","]
    if mention.name is None and commas and mention.kind in (SourceKind.PERSON, SourceKind.UNKNOWN):
        _apposition(doc, post[commas[0] + 1 :], mention)
    entry = lex.roles.get(head.lower) or lex.roles.get(head_token.lemma_.lower())
    if (
        mention.name is None
        and not mention.plural
        and mention.reference == "definite"
        and entry is not None
        and entry.get("title")
        and not mention.anonymous_cue
    ):
        mention.identifies = True


def _appositive_role(doc: Doc, words: list[_Word], mention: Mention, lex: Lexicons) -> None:
    """Role and affiliation from an apposition after a name ("Kerr Putney, the police chief")."""
    tail = _name_tail(words)
    if not tail:
        return
    appositive = Mention(start=tail[0].start, end=tail[-1].end, text=_slice_text(doc, tail))
    _describe_phrase(doc, tail, appositive, lex)
    if appositive.name is None and appositive.kind is SourceKind.PERSON:
        for field in (*DESCRIPTOR_FIELDS, "country"):
            if getattr(mention, field) is None:
                setattr(mention, field, getattr(appositive, field))


def _apposition(doc: Doc, words: list[_Word], mention: Mention) -> None:
    """A name in apposition ("his best friend at Lehigh, Bruce Turry")."""
    tokens = [t for w in words for t in w.tokens]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if tokens and all(t.ent_type_ == "PERSON" for t in tokens) and tokens[0].ent_iob_ == "B":
        mention.name = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        mention.reference = "name"
        if mention.kind in (SourceKind.UNKNOWN, SourceKind.PERSON):
            mention.kind = SourceKind.PERSON


def _name_tail(post: list[_Word]) -> list[_Word]:
    """The post-modifier up to a comma or relative clause ("in Washington")."""
    tail: list[_Word] = []
    for word in post:
        if word.lower in _SPLIT_WORDS or word.tokens[0].pos_ in ("VERB", "AUX"):
            break
        tail.append(word)
    while tail and tail[-1].tokens[-1].is_punct:
        tail.pop()
    return tail


def _modifiers(doc: Doc, mods: list[_Word], mention: Mention, lex: Lexicons, *, head_is_name: bool) -> None:
    """Seniority, nationality, affiliation and title among the words before the head."""
    affiliation: list[_Word] = []
    for i, word in enumerate(mods):
        last = i == len(mods) - 1
        entry = lex.nationality_of(word.text)
        if word.lower in lex.seniority and not affiliation:
            mention.seniority = lex.seniority[word.lower]
        elif entry is not None and (last or mention.nationality is None) and not (
            not last and _is_affiliation_word(mods[i + 1], lex)
        ) and not affiliation:
            mention.nationality, mention.country = entry["nationality"], entry["country"]
        elif head_is_name and word.lower in lex.roles and lex.roles[word.lower]["kind"] == "person":
            if not lex.roles[word.lower].get("honorific"):
                mention.role = mention.role or word.text
        elif _is_affiliation_word(word, lex) or (entry is not None):
            affiliation.append(word)
        elif affiliation and not last:
            affiliation.append(word)
    while affiliation and affiliation[-1].lower in lex.seniority:
        affiliation.pop()
    if affiliation:
        mention.affiliation = _slice_text(doc, affiliation).rstrip("’'").removesuffix("’s").removesuffix("'s")
        mention.country = mention.country or lex.country_in(mention.affiliation)


def _is_affiliation_word(word: _Word, lex: Lexicons) -> bool:
    if word.lower in lex.seniority or word.lower in _DEFINITE or word.lower in _INDEFINITE:
        return False
    return word.has(pos=("PROPN", "NOUN"), ents=("NORP", "ORG", "GPE", "PERSON")) or word.lower in lex.roles


def _describe_coordination(doc: Doc, core: list[_Word], mention: Mention, lex: Lexicons) -> None:
    """ "The Clinton campaign and DNC", "Trump and Pence": a group, named when every part is."""
    mention.plural, mention.kind = True, SourceKind.GROUP
    proper = [w for w in core if w.has(pos=("PROPN",), ents=("PERSON", "ORG", "GPE"))]
    if proper:
        mention.name = _slice_text(doc, core)
        mention.reference = "name"
    for word in core:
        entry = lex.roles.get(word.lower)
        if entry and entry["kind"] == "person":
            mention.role = entry["role"]
            mention.describes = True
