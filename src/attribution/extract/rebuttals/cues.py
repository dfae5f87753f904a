"""The rebuttal cues (lexicon ``rebuttal_cues``) and the comparisons that use them.

:class:`RebuttalCues` groups the entries of ``data/rebuttal_cues.jsonl`` (described in
``data/README_rebuttals.md``) by what they do; :func:`content_lemmas`, :func:`overlap` and
:func:`objects` read claims with it.
"""

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from spacy.tokens import Token

from ...model import RebuttalKind
from ..lexicon import load_lexicon, word_set
from .text import long_words, negated

__all__ = ["LEXICON", "RebuttalCues", "content_lemmas", "objects", "overlap"]

#: The name of the lexicon file (``data/rebuttal_cues.jsonl``).
LEXICON = "rebuttal_cues"

_KEYS: dict[str, tuple[set[str], set[str]]] = {  # type: (required keys, optional keys)
    "predicate": ({"type", "words", "kind"}, {"negated"}),
    "verdict": ({"type", "words", "kind"}, {"negated"}),
    "frame": ({"type", "words", "kind"}, {"needs_reference"}),
    "claim_noun": ({"type", "word"}, {"verbs"}),
    "denial_object": ({"type", "word"}, set()),
    "stance": ({"type", "word"}, {"negative"}),
    "contrast": ({"type", "words"}, set()),
    "continuation": ({"type", "word"}, set()),
    "equivalents": ({"type", "words"}, set()),
}

def _check(entry: Mapping[str, Any], number: int) -> None:
    kind = entry.get("type")
    if kind not in _KEYS:
        raise ValueError(f"{LEXICON} entry {number}: unknown type {kind!r}; valid: {', '.join(sorted(_KEYS))}")
    required, optional = _KEYS[kind]
    missing, unknown = required - set(entry), set(entry) - required - optional
    if missing or unknown:
        raise ValueError(
            f"{LEXICON} entry {number} ({kind}): missing {sorted(missing)}, unknown {sorted(unknown)}; "
            f"valid keys: {', '.join(sorted(required | optional))}"
        )
    if "kind" in entry:
        RebuttalKind(entry["kind"])


@attrs.frozen
class RebuttalCues:
    """The rebuttal cues, grouped by what they do (see ``data/README_rebuttals.md``).

    Attributes:
        predicates: ``(words, kind, needs_negation)``: verbs that rebut ("deny", "push back"),
            longest first.
        verdicts: Lemma -> ``(kind, needs_negation)``: words judging a claim ("baseless").
        frames: ``(words, kind, needs_reference)``: sentence openers ("in response").
        claim_nouns: Lemma -> the verbs that make such a claim ("complaint" -> "complain").
        denial_objects: What one denies without naming a claim ("wrongdoing").
        stances: Lemma -> polarity (+1 belief, -1 doubt).
        contrasts: Word sequences opening a contrasting claim ("but", "rather than").
        continuations: Cue words by which a speaker goes on ("adding").
        equivalents: Word -> canonical word, for comparing what claims are about.
    """

    predicates: tuple[tuple[tuple[str, ...], RebuttalKind, bool], ...]
    verdicts: dict[str, tuple[RebuttalKind, bool]]
    frames: tuple[tuple[tuple[str, ...], RebuttalKind, bool], ...]
    claim_nouns: dict[str, tuple[str, ...]]
    denial_objects: frozenset[str]
    stances: dict[str, int]
    contrasts: tuple[tuple[str, ...], ...]
    continuations: frozenset[str]
    equivalents: dict[str, str]

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> "RebuttalCues":
        """Build the lexicon from JSONL entries.

        Raises:
            ValueError: An entry has an unknown type or key, lacks a key, or names an
                unknown rebuttal kind.
        """
        parts: dict[str, list[Any]] = {k: [] for k in _KEYS}
        for number, entry in enumerate(entries, 1):
            _check(entry, number)
            parts[entry["type"]].append(entry)

        def words(e: Mapping[str, Any]) -> tuple[str, ...]:
            return tuple(w.lower() for w in e["words"])

        equivalents = {}
        for e in parts["equivalents"]:
            for w in words(e):
                equivalents[w] = words(e)[0]
        frames = [(words(e), RebuttalKind(e["kind"]), bool(e.get("needs_reference"))) for e in parts["frame"]]
        predicates = [(words(e), RebuttalKind(e["kind"]), bool(e.get("negated"))) for e in parts["predicate"]]
        return cls(
            predicates=tuple(sorted(predicates, key=lambda p: -len(p[0]))),
            verdicts={words(e)[0]: (RebuttalKind(e["kind"]), bool(e.get("negated"))) for e in parts["verdict"]},
            frames=tuple(sorted(frames, key=lambda f: -len(f[0]))),
            claim_nouns={e["word"].lower(): tuple(v.lower() for v in e.get("verbs", ())) for e in parts["claim_noun"]},
            denial_objects=frozenset(e["word"].lower() for e in parts["denial_object"]),
            stances={e["word"].lower(): -1 if e.get("negative") else 1 for e in parts["stance"]},
            contrasts=tuple(words(e) for e in parts["contrast"]),
            continuations=frozenset(e["word"].lower() for e in parts["continuation"]),
            equivalents=equivalents,
        )

    @classmethod
    def load(cls) -> "RebuttalCues":
        """The built-in lexicon with any plugin patches applied."""
        return cls.from_entries(load_lexicon(LEXICON))

    def predicate(self, token: Token) -> tuple[tuple[str, ...], RebuttalKind, bool] | None:
        """The predicate entry ``token`` starts ("push" with a child "back"), if any."""
        forms = {token.lemma_.lower(), token.lower_}
        near = {c.lower_ for c in token.children} | {c.lemma_.lower() for c in token.children}
        for words, kind, needs_negation in self.predicates:  # longest first
            if words[0] in forms and all(w in near for w in words[1:]):
                return words, kind, needs_negation
        return None

    def verdict(self, token: Token) -> tuple[RebuttalKind, bool] | None:
        """The verdict entry of ``token`` ("baseless"), if any."""
        return self.verdicts.get(token.lemma_.lower()) or self.verdicts.get(token.lower_)

    def is_claim_noun(self, token: Token) -> bool:
        """Whether ``token`` is a noun naming a claim ("allegations", "account")."""
        return token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in self.claim_nouns or token.lower_ in self.claim_nouns)

    def claim_noun_verbs(self, token: Token) -> tuple[str, ...]:
        """The cue verbs that make the kind of claim ``token`` names."""
        return self.claim_nouns.get(token.lemma_.lower(), self.claim_nouns.get(token.lower_, ()))

    def equivalent(self, word: str) -> str:
        """The canonical form of ``word`` for overlap ("high-level" -> "senior")."""
        return self.equivalents.get(word, word)

    def stance(self, tokens: Iterable[Token]) -> tuple[int, Token | None]:
        """+1 for belief ("are confident"), -1 for doubt ("don't believe"), 0 for none or both."""
        found: set[int] = set()
        first = None
        for token in tokens:
            polarity = self.stances.get(token.lemma_.lower())
            if polarity is None:
                continue
            is_negated = negated(token) or (token.dep_ in ("acomp", "attr") and negated(token.head))
            found.add(-polarity if is_negated else polarity)
            first = first or token
        return (found.pop(), first) if len(found) == 1 else (0, None)


def content_lemmas(tokens: Iterable[Token], cues: RebuttalCues) -> frozenset[str]:
    """Lower-cased lemmas of the content words.

    Stopwords, punctuation, numbers and stance words ("believe") are left out; hyphenated
    compounds count as one word; equivalent words ("top", "senior") as their canonical one.
    """
    lemmas = set()
    tokens = list(tokens)
    joined: set[int] = set()
    for i, token in enumerate(tokens[1:-1], 1):  # "high-level" is one word, not "high" and "level"
        before, after = tokens[i - 1], tokens[i + 1]
        if token.text == "-" and not before.whitespace_ and not token.whitespace_ and before.is_alpha and after.is_alpha:
            lemmas.add(cues.equivalent(f"{before.lower_}-{after.lower_}"))
            joined |= {before.i, token.i, after.i}
    for token in tokens:
        if token.i in joined or token.lemma_.lower() in cues.stances:
            continue
        if token.is_stop or token.is_punct or token.is_space or token.like_num or not any(ch.isalpha() for ch in token.text):
            continue
        lemma = token.lemma_.lower() if token.pos_ != "PROPN" else token.lower_
        if len(lemma) > 1:
            lemmas.add(cues.equivalent(lemma))
    return frozenset(lemmas)


def overlap(a: Iterable[str], b: Iterable[str], cues: RebuttalCues, *, symmetric: bool = False) -> float:
    """How much of ``a`` is found in ``b`` (0..1); with ``symmetric``, of the smaller of the two.

    Words match when equal, equivalent in the lexicon, or when one (of at least six
    letters) begins the other ("afghan" / "afghanistan"), as :func:`~attribution.extract.rebuttals.text.words_match` says.
    """
    a, b = frozenset(a), frozenset(b)
    if symmetric and len(b) < len(a):
        a, b = b, a
    if not a:
        return 0.0
    long_b, prefixes_b = long_words(b)
    found = 0
    for x in a:
        if x in b or (
            len(x) >= 6
            # x begins a long word of b, or a long word of b begins x
            and (x in prefixes_b or any(x[:k] in long_b for k in range(6, len(x))))
        ):
            found += 1
    return found / len(a)


# "pushed back on", "responded to", "took issue with"; "that"/"this" are determiners the
# parser sometimes takes for prepositions ("derided that account").


def objects(token: Token, cues: RebuttalCues) -> list[Token]:
    """What a rebutting verb acts on.

    Its direct object, the object of a preposition ("pushed back on", "responded to"),
    or a claim noun heading its clause ("verify Pakistani claims to have ..."). Dates
    and times do not count ("pushed back on Thursday").
    """
    found = [c for c in token.children if c.dep_ == "dobj"]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in word_set("rebuttals.object_prepositions")):
        found += [c for c in prep.children if c.dep_ == "pobj"]
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        found += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and cues.is_claim_noun(c)]
    for particle in (c for c in token.children if c.lower_ in {"back"}):
        for prep in (c for c in particle.children if c.dep_ == "prep"):
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return [o for o in found if o.ent_type_ not in ("DATE", "TIME")]


