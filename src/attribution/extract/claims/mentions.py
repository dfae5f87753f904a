"""Speaker mentions: which of the phrases the claims step found name the same source.

:func:`resolve_mentions` groups speaker phrases simply (same words, a surname after a full
name, a pronoun or definite description to the nearest compatible earlier mention);
:func:`mention_kind` and :func:`is_plural` read what a phrase names. The phrases are the
ones :mod:`attribution.extract.claims.speakers` finds.
"""

from spacy.tokens import Span, Token

from ..lexicon import word_set

__all__ = ["is_plural", "mention_kind", "resolve_mentions"]


def _words(span: Span) -> list[str]:
    return [t.lower_ for t in span if not t.is_punct and not t.is_space]


def _head(span: Span) -> Token:
    return span.root


def is_plural(span: Span) -> bool:
    """Whether a speaker phrase refers to more than one ("officials", "they", "Clinton and Kaine")."""
    root = _head(span)
    if root.lower_ == "one" and any(t.lower_ == "of" for t in span):
        return False
    if root.pos_ == "PRON":
        return root.lower_ in word_set("claims.plural_pronouns")
    if any(child.dep_ == "conj" for child in root.children):
        return True
    demonym = root.pos_ == "PROPN" and root.lower_.endswith("s") and root.ent_type_ == "NORP"
    return root.tag_ in ("NNS", "NNPS") or demonym


def mention_kind(span: Span) -> str:
    """The kind of source a speaker phrase names: person, organization, group or unknown."""
    root = _head(span)
    if root.lower_ in word_set("claims.singular_pronouns"):
        return "person"
    if root.lower_ in word_set("claims.thing_pronouns"):
        return "organization"
    if is_plural(span):
        return "group"
    if root.ent_type_ == "PERSON":
        return "person"
    if root.ent_type_ in ("ORG", "GPE", "NORP"):
        return "organization"
    if root.pos_ == "NOUN" and root.lower_ != "one":
        return "person"
    if root.lower_ == "one":
        return "person"
    return "unknown"


def _key(span: Span) -> tuple[str, ...]:
    words = _words(span)
    while words and words[0] in word_set("claims.determiners"):
        words = words[1:]
    return tuple(words)


def resolve_mentions(mentions: list[Span]) -> list[int]:
    """Group speaker mentions that refer to the same source, simply.

    Mentions with the same words (ignoring a leading determiner) share a source; so do
    a person's surname and an earlier full name ("Trump" after "President Donald
    Trump"). A pronoun, a definite description ("the officials", "The Pakistanis") or
    "one of the X" goes to the nearest earlier compatible mention: same number for
    pronouns, a shared head word (or a nationality: "Pakistanis" and "Pakistani
    officials") for descriptions, preferring the one that shares the most words ("The
    U.S. officials" prefers "senior U.S. administration officials").

    Args:
        mentions: Speaker phrases in text order.

    Returns:
        For each mention, the index of the first mention of its source.
    """
    owners: list[int] = []
    seen = _Seen()
    for i, span in enumerate(mentions):
        owners.append(_resolve_one(mentions, owners, i, seen))
        seen.add(i, span)
    return owners


class _Seen:
    """What :func:`_resolve_one` asks of the earlier mentions, worked out once for each.

    The nearest earlier mention with the same words, or with the same person's name,
    is looked up by key; a description looks only at the earlier mentions that hold
    one of its head forms.
    """

    def __init__(self) -> None:
        self.last_with_key: dict[tuple[str, ...], int] = {}
        self.last_person: dict[str, int] = {}
        self.with_word: dict[str, list[int]] = {}
        self.features: list[tuple[str, str, bool, str, frozenset[str]]] = []

    def add(self, i: int, span: Span) -> None:
        root = span.root
        words = frozenset(_words(span))
        self.last_with_key[_key(span)] = i
        if root.ent_type_ == "PERSON":
            self.last_person[root.lower_] = i
        for word in words | {root.lower_, root.lemma_.lower()}:
            self.with_word.setdefault(word, []).append(i)
        self.features.append((root.pos_, root.lower_, is_plural(span), mention_kind(span), words))


def _resolve_one(mentions: list[Span], owners: list[int], i: int, seen: _Seen) -> int:
    span = mentions[i]
    key = _key(span)
    root = _head(span)
    words = set(_words(span))
    named = any(t.pos_ == "PROPN" for t in span) or len(key) >= 3
    if named and root.pos_ != "PRON" and root.lower_ != "one":
        if key and key in seen.last_with_key:
            return owners[seen.last_with_key[key]]
    if root.pos_ == "PROPN" and root.ent_type_ == "PERSON":
        same = seen.last_person.get(root.lower_)
        return owners[same] if same is not None else i
    if root.pos_ == "PRON":
        plural = root.lower_ in word_set("claims.plural_pronouns")
        for j in range(i - 1, -1, -1):
            pos, lower, other_plural, kind, _ = seen.features[j]
            if pos == "PRON" and lower != root.lower_:
                continue
            if other_plural == plural and (plural or kind != "group"):
                return owners[j]
        return i
    target = span
    if root.lower_ == "one":
        of = [t for t in root.children if t.lower_ == "of"]
        objects = [t for t in of[0].children if t.dep_ == "pobj"] if of else []
        if not objects:
            return i
        target_root = objects[0]
        target_words = {t.lower_ for t in target_root.subtree} - word_set("claims.determiners")
        plural = True
    else:
        definite = span[0].lower_ in ("the", "this", "that", "these", "those")
        if not definite and root.pos_ != "PROPN":
            return i
        target_root = root
        target_words = words - word_set("claims.determiners")
        plural = is_plural(target)
    best, best_score = -1, 0
    head_forms = {target_root.lower_, target_root.lemma_.lower(), target_root.lower_.rstrip("s")}
    # The earlier mentions whose words or head hold a head form, nearest first.
    sharing = sorted({j for form in head_forms for j in seen.with_word.get(form, ())}, reverse=True)
    for j in sharing:
        pos, _, other_plural, _, other_words = seen.features[j]
        if pos == "PRON" or other_plural != plural:
            continue
        score = 10 + len(target_words & other_words)
        if score > best_score:
            best, best_score = j, score
            if score == 10 + len(target_words):
                break  # no farther mention can share more
    return owners[best] if best >= 0 else i
