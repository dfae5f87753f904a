"""Continuations and implicit counterclaims.

* A claim that goes on from an explicit rebuttal by the same source ("..., adding that
  ...") and shares words with the rebutted claim counters the same target.
* Two claims of opposing sources about the same matter with opposite polarity (opposite
  belief, the same predicate negated in one only, different numbers for the same thing,
  or a contrast opener) make an implicit counterclaim. Confidence is
  ``0.3 * opposition + 0.4 * polarity + 0.3 * overlap`` (each 0..1), at most 0.95.
"""

from collections.abc import Iterator

import attrs
from spacy.tokens import Token

from ...model import Claim, Span
from .context import Context
from .cues import overlap
from .text import main_tokens, numbers, predicates, same_word, sides, token_span

__all__ = ["ImplicitCounterclaims"]

_IMPLICIT_CAP = 0.95  # an implicit link is never certain


class ImplicitCounterclaims:
    """Tells whether a claim continues a rebuttal or implicitly counters an earlier claim.

    Args:
        ctx: The document being worked on.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._polarities: dict[str, _Polarity] = {}
        self._contrasts: dict[str, tuple[int, tuple[float, Span] | None]] = {}
        self._starts: dict[str, int] = {}
        self._oppositions: dict[tuple[str, str], float] = {}

    def continues(self, previous: Claim, claim: Claim) -> bool:
        """``claim`` goes on from ``previous``: same source, a continuation cue, close by."""
        if not self.ctx.allied(previous.source, claim.source) and previous.source is not None:
            return False
        cue = self.ctx.cue_tokens(claim)
        if not cue or not any(t.lower_ in self.ctx.cues.continuations or t.lemma_.lower() in self.ctx.cues.continuations for t in cue):
            return False
        return self.ctx.sentence_of(self.ctx.earliest(claim)) - self.ctx.sentence_of(previous.content.end - 1) <= 1

    def candidates(self) -> Iterator[tuple[Claim, Claim]]:
        """The pairs (claim, earlier target) :meth:`implicit` may link, in the order of claims.

        A counterclaim shares a topic word with its target (``overlap`` finds none without a
        word that is equal or has the same first six letters) and both have sources, of
        different groups; every other pair scores 0. Only the pairs that share a topic key
        are given, so a long document is not compared pair by pair.
        """
        seen: dict[str, list[int]] = {}
        for j, claim in enumerate(self.ctx.claims):
            if claim.source is None:
                continue
            keys = {_topic_key(word) for word in self.ctx.lemmas(claim)}
            earlier: set[int] = set()
            for key in keys:
                earlier.update(seen.get(key, ()))
            group = self.ctx.group(claim.source)
            for i in sorted(earlier):
                target = self.ctx.claims[i]
                if self.ctx.group(target.source) != group:
                    yield claim, target
            for key in keys:
                seen.setdefault(key, []).append(j)

    def implicit(self, claim: Claim, target: Claim) -> tuple[float, Span | None]:
        """The confidence that ``claim`` counters the earlier ``target``, and the evidence."""
        if claim.source is None or target.source is None or self.ctx.allied(claim.source, target.source):
            return 0.0, None
        if self.ctx.related(claim, target):
            return 0.0, None
        opposition = self._opposition(claim.source, target.source)
        if opposition == 0:
            return 0.0, None
        about = overlap(self.ctx.lemmas(claim), self.ctx.lemmas(target), self.ctx.cues, symmetric=True)
        if about < 0.15:
            return 0.0, None
        polarity, evidence = self._polarity(claim, target)
        if polarity == 0:
            return 0.0, None
        confidence = 0.3 * opposition + 0.4 * polarity + 0.3 * min(1.0, about / 0.5)
        return min(_IMPLICIT_CAP, confidence), evidence

    def _opposition(self, a: str, b: str) -> float:
        """1 when the sources are known to be on different sides, 0.6 when unknown, 0 same side."""
        found = self._oppositions.get((a, b))
        if found is not None:
            return found
        sides_a = sides(self.ctx.sources.get(a), self.ctx.document)
        sides_b = sides(self.ctx.sources.get(b), self.ctx.document)
        if not sides_a or not sides_b:
            found = 0.6
        else:
            same = any(
                same_word(x, y) or self.ctx.cues.equivalent(x) == self.ctx.cues.equivalent(y)
                for x in sides_a
                for y in sides_b
            )
            found = 0.0 if same else 1.0
        self._oppositions[(a, b)] = found
        return found

    def _features(self, claim: Claim) -> "_Polarity":
        found = self._polarities.get(claim.id)
        if found is None:
            tokens = self.ctx.content(claim)
            main = main_tokens(tokens)
            stance, stance_token = self.ctx.cues.stance(main)
            found = _Polarity(stance, stance_token, main, predicates(tokens), numbers(tokens))
            self._polarities[claim.id] = found
        return found

    def _polarity(self, claim: Claim, target: Claim) -> tuple[float, Span | None]:
        """How opposite two claims are (1, 0.75, 0.5 or 0), and the words that show it."""
        mine, theirs = self._features(claim), self._features(target)
        if mine.stance and theirs.stance and mine.stance != theirs.stance:
            token = mine.stance_token
            return 1.0, token_span(self.ctx.text, [token]) if token is not None else None
        for lemma, is_negated in mine.predicates.items():
            other = theirs.predicates.get(lemma)
            if other is not None and is_negated is not None and other != is_negated:
                token = next(t for t in mine.main if t.lemma_.lower() == lemma)
                return 1.0, token_span(self.ctx.text, [token])
        for noun, (value, token) in mine.numbers.items():
            if noun in theirs.numbers and theirs.numbers[noun][0] != value:
                return 0.75, token_span(self.ctx.text, [token])
        sentence, contrast = self._contrast(claim)
        if contrast is not None and sentence != self._start_sentence(target):
            return contrast
        return 0.0, None

    def _contrast(self, claim: Claim) -> tuple[int, tuple[float, Span] | None]:
        """The sentence where ``claim`` begins, and its contrast opener ("But ...") if any."""
        found = self._contrasts.get(claim.id)
        if found is None:
            found = (-1, None)
            first = self.ctx.token_at(self.ctx.earliest(claim))
            if first is not None:
                opener = [t for t in self.ctx.sentence(first) if not t.is_punct and not t.is_space][:2]
                contrast = next(
                    (
                        (0.5, token_span(self.ctx.text, opener[: len(words)]))
                        for words in self.ctx.cues.contrasts
                        if [t.lower_ for t in opener[: len(words)]] == list(words)
                    ),
                    None,
                )
                found = (self.ctx.sentence_of(first.idx), contrast)
            self._contrasts[claim.id] = found
        return found

    def _start_sentence(self, claim: Claim) -> int:
        """The sentence holding the first character of ``claim``'s content."""
        found = self._starts.get(claim.id)
        if found is None:
            found = self._starts[claim.id] = self.ctx.sentence_of(claim.content.start)
        return found


def _topic_key(word: str) -> str:
    """What words :func:`~attribution.extract.rebuttals.cues.overlap` can match share: the
    word itself, or its first six letters."""
    return word[:6]


@attrs.frozen
class _Polarity:
    stance: int
    stance_token: Token | None
    main: list[Token]
    predicates: dict[str, bool | None]
    numbers: dict[str, tuple[str, Token]]
