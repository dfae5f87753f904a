"""Text helpers for the rebuttals step: the cue lexicon, lemmas, negation and overlap.

Kept apart from :mod:`attribution.extract.rebuttals` so that module holds only the
linking logic. Private: names here may change without notice.
"""

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from spacy.tokens import Doc, Token

from ..model import AttributedDocument, RebuttalKind, Source, Span
from .lexicon import load_lexicon

__all__ = [
    "LEXICON",
    "PRONOUNS",
    "CueLexicon",
    "claim_tokens",
    "content_lemmas",
    "main_tokens",
    "negated",
    "numbers",
    "objects",
    "overlap",
    "predicates",
    "same_word",
    "sides",
    "source_words",
    "token_span",
]

#: The name of the lexicon file (``data/rebuttal_cues.jsonl``).
LEXICON = "rebuttal_cues"

#: Pronouns that stand for a speaker or for a claim already mentioned.
PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "that", "this", "these", "those", "which", "them", "you"})

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

_NEGATORS = frozenset({"not", "n't", "never", "no", "hardly", "nobody", "none", "neither", "nor"})
_INABILITY = frozenset({"unable", "fail", "impossible"})


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
class CueLexicon:
    """The rebuttal cues, grouped by what they do (see ``data/README_rebuttals.md``).

    Attributes:
        predicates: ``(words, kind, needs_negation)``: verbs that rebut ("deny", "push back").
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
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> "CueLexicon":
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
        return cls(
            predicates=tuple((words(e), RebuttalKind(e["kind"]), bool(e.get("negated"))) for e in parts["predicate"]),
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
    def load(cls) -> "CueLexicon":
        """The built-in lexicon with any plugin patches applied."""
        return cls.from_entries(load_lexicon(LEXICON))

    def predicate(self, token: Token) -> tuple[tuple[str, ...], RebuttalKind, bool] | None:
        """The predicate entry ``token`` starts ("push" with a child "back"), if any."""
        forms = {token.lemma_.lower(), token.lower_}
        near = {c.lower_ for c in token.children} | {c.lemma_.lower() for c in token.children}
        for words, kind, needs_negation in sorted(self.predicates, key=lambda p: -len(p[0])):
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


def token_span(text: str, tokens: Iterable[Token]) -> Span:
    """The model span of ``text`` from the first to the last of ``tokens``."""
    tokens = list(tokens)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Span.of(text, start, end)


def claim_tokens(doc: Doc, span: Span | None) -> list[Token]:
    """The tokens covering a model span (widened to whole tokens)."""
    if span is None or span.end <= span.start:
        return []
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return list(found) if found is not None else []


def main_tokens(tokens: list[Token]) -> list[Token]:
    """The main predicates of a stretch of tokens: its roots and what completes them.

    A root is a token whose head lies outside the stretch; with it come its conjuncts,
    its predicate complements (acomp, attr, xcomp, oprd) and their conjuncts.
    """
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head == t]
    roots = [t for t in roots if not (t.is_punct or t.is_space)]
    found: list[Token] = []
    queue = list(roots)
    while queue:
        token = queue.pop(0)
        if token in found:
            continue
        found.append(token)
        queue.extend(
            c for c in token.children
            if c.i in inside and c.dep_ in ("conj", "acomp", "attr", "xcomp", "oprd", "ccomp") and len(found) < 12
        )
    return found


def negated(token: Token) -> bool:
    """Whether ``token`` is negated: "not", "never", "no one disputes", "unable to verify"."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "aux") and child.lower_ in _NEGATORS):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in _NEGATORS or any(c.dep_ == "det" and c.lower_ == "no" for c in child.children)
        ):
            return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _INABILITY:
        return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in {"able", "can"} and negated(token.head):
        return True
    return token.dep_ == "xcomp" and token.head.dep_ == "acomp" and token.head.lemma_.lower() in {"able"} and negated(token.head.head)


def content_lemmas(tokens: Iterable[Token], cues: CueLexicon) -> frozenset[str]:
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


def _match(a: str, b: str) -> bool:
    """Equal, or one (of six letters or more) begins the other: "afghan", "afghanistan"."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 6 and long.startswith(short)


def overlap(a: Iterable[str], b: Iterable[str], cues: CueLexicon, *, symmetric: bool = False) -> float:
    """How much of ``a`` is found in ``b`` (0..1); with ``symmetric``, of the smaller of the two.

    Words match when equal, equivalent in the lexicon, or when one (of at least six
    letters) begins the other ("afghan" / "afghanistan"), as :func:`_match` says.
    """
    a, b = frozenset(a), frozenset(b)
    if symmetric and len(b) < len(a):
        a, b = b, a
    if not a:
        return 0.0
    long_b, prefixes_b = _long_words(b)
    found = 0
    for x in a:
        if x in b or (
            len(x) >= 6
            # x begins a long word of b, or a long word of b begins x
            and (x in prefixes_b or any(x[:k] in long_b for k in range(6, len(x))))
        ):
            found += 1
    return found / len(a)


@functools.lru_cache(maxsize=4096)
def _long_words(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of six letters or more, and all their prefixes of six letters or more."""
    long = frozenset(w for w in words if len(w) >= 6)
    return long, frozenset(w[:k] for w in long for k in range(6, len(w) + 1))


# "pushed back on", "responded to", "took issue with"; "that"/"this" are determiners the
# parser sometimes takes for prepositions ("derided that account").
_OBJECT_PREPOSITIONS = frozenset({"on", "against", "to", "with", "about", "of", "that", "this", "these", "those"})


def objects(token: Token, cues: CueLexicon) -> list[Token]:
    """What a rebutting verb acts on.

    Its direct object, the object of a preposition ("pushed back on", "responded to"),
    or a claim noun heading its clause ("verify Pakistani claims to have ..."). Dates
    and times do not count ("pushed back on Thursday").
    """
    found = [c for c in token.children if c.dep_ == "dobj"]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS):
        found += [c for c in prep.children if c.dep_ == "pobj"]
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        found += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and cues.is_claim_noun(c)]
    for particle in (c for c in token.children if c.lower_ in {"back"}):
        for prep in (c for c in particle.children if c.dep_ == "prep"):
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return [o for o in found if o.ent_type_ not in ("DATE", "TIME")]


def predicates(tokens: list[Token]) -> dict[str, bool | None]:
    """Main predicate lemmas and whether each is negated (``None`` when it is both)."""
    found: dict[str, bool | None] = {}
    for token in main_tokens(tokens):
        if token.pos_ not in ("VERB", "ADJ") or token.lemma_.lower() in {"say", "be", "have", "do", "tell"}:
            continue
        lemma, is_negated = token.lemma_.lower(), negated(token) or (token.dep_ == "acomp" and negated(token.head))
        found[lemma] = is_negated if found.get(lemma, is_negated) == is_negated else None
    return found


def numbers(tokens: list[Token]) -> dict[str, tuple[str, Token]]:
    """Counted nouns and their numbers ("12 percent" -> ``{"percent": ("12", token)}``)."""
    found = {}
    for token in tokens:
        if token.dep_ == "nummod" and token.head.pos_ == "NOUN":
            found[token.head.lemma_.lower()] = (token.lower_.replace(",", ""), token)
    return found


_NO_SIDE = frozenset({"the", "of", "and", "administration", "government", "officials", "official"})


def sides(source: Source | None, document: AttributedDocument) -> set[str]:
    """The words of a source's nationality and affiliation (or its group's), normalized.

    Lower-cased, without dots ("U.S." -> "us") and without words that name no side
    ("the", "administration", "government").
    """
    seen: set[str] = set()
    while source is not None and source.id not in seen:
        seen.add(source.id)
        d = source.descriptors
        words = {
            w.lower().replace(".", "").strip(",'’")
            for text in (d.nationality, d.affiliation) if text for w in text.split()
        } - _NO_SIDE - {""}
        if words:
            return words
        source = next((s for s in document.sources if s.id == source.member_of), None) if source.member_of else None
    return set()


def source_words(source: Source, document: AttributedDocument) -> set[str]:
    """Words that name a source: its name, nationality, affiliation, capitalized mention words."""
    words: set[str] = set()
    for text in (source.name, source.descriptors.nationality, source.descriptors.affiliation):
        if text:
            words |= {w.lower() for w in text.split()}
    for mention in source.mentions:
        words |= {w.lower() for w in mention.text.split() if w[:1].isupper() and w.lower() not in {"the", "a", "an", "one", "two"}}
    if source.member_of:
        group = next((s for s in document.sources if s.id == source.member_of), None)
        if group is not None and group.id != source.id and group.member_of != source.id:
            words |= {w for w in source_words(attrs.evolve(group, member_of=None), document)}
    return words


def same_word(a: str, b: str) -> bool:
    a, b = a.lower().strip(".,"), b.lower().strip(".,")
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3
