"""Token helpers for the rebuttals step: spans, main predicates, negation, numbers, sides.

Nothing here depends on the rebuttal cues (that is :mod:`.cues`).
"""

import functools
from collections.abc import Iterable

import attrs
from spacy.tokens import Doc, Token

from ...model import AttributedDocument, Source, Span
from ..lexicon import word_set

__all__ = [
    "claim_tokens",
    "long_words",
    "main_tokens",
    "negated",
    "numbers",
    "predicates",
    "same_word",
    "sides",
    "source_words",
    "token_span",
    "words_match",
]



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
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "aux") and child.lower_ in word_set("rebuttals.negators")):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in word_set("rebuttals.negators") or any(c.dep_ == "det" and c.lower_ == "no" for c in child.children)
        ):
            return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in word_set("rebuttals.inability"):
        return True
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in {"able", "can"} and negated(token.head):
        return True
    return token.dep_ == "xcomp" and token.head.dep_ == "acomp" and token.head.lemma_.lower() in {"able"} and negated(token.head.head)


def words_match(a: str, b: str) -> bool:
    """Equal, or one (of six letters or more) begins the other: "afghan", "afghanistan"."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 6 and long.startswith(short)


@functools.lru_cache(maxsize=4096)
def long_words(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words of six letters or more, and all their prefixes of six letters or more."""
    long = frozenset(w for w in words if len(w) >= 6)
    return long, frozenset(w[:k] for w in long for k in range(6, len(w) + 1))


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
        } - word_set("rebuttals.no_side") - {""}
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
    """Whether two words name the same thing: equal, or one begins the other and is at most three letters shorter."""
    a, b = a.lower().strip(".,"), b.lower().strip(".,")
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3
