"""Explicit rebuttals: a claim whose cue, predicate or opening frame rejects another claim.

"denied", "disputed that account", "pushed back", "cannot verify Pakistani claims ...",
"called the report baseless", "In response, ...". Literal uses are left alone (a negated
cue, an object that names no claim, a response to something that is not a claim). The
target is found by what the rebuttal names: a source ("*Pakistani* claims"), a topic
("the complaint *that ...*") or the verb that made the claim ("complaint" <- "complained");
a rebuttal that names nothing answers the nearest preceding claim of another source.
"""

import attrs
from spacy.tokens import Token

from ...model import Claim, RebuttalKind, Span
from ..lexicon import word_set
from ..syntax import to_infinitive
from .context import Context
from .cues import content_lemmas, objects, overlap
from .text import main_tokens, negated, same_word, source_words, token_span

__all__ = ["BARE_WINDOW", "ExplicitRebuttals", "Finding"]

#: How many sentences back a rebuttal that names nothing may reach.
BARE_WINDOW = 3
_KEEP_RATIO = 0.85  # other targets kept when they score this close to the best


@attrs.frozen
class Finding:
    """An explicit rebuttal cue and what it names.

    Attributes:
        kind: Denial, dispute, ...
        evidence: The rebutting words.
        reference: The words naming what is rebutted, if any.
        named_sources: The sources the rebuttal names (``None``: it names none).
        topic: Content lemmas of what is rebutted.
        verbs: Cue verbs that make the kind of claim named ("complain" for "complaint").
    """

    kind: RebuttalKind
    evidence: Span
    reference: Span | None = None
    named_sources: frozenset[str] | None = None
    topic: frozenset[str] = frozenset()
    verbs: tuple[str, ...] = ()


class ExplicitRebuttals:
    """Finds the explicit rebuttal cue of a claim and the claims it rebuts.

    Args:
        ctx: The document being worked on.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._source_words: dict[str, set[str]] = {}

    def find(self, claim: Claim) -> Finding | None:
        """The rebuttal cue of ``claim``, if it has one that is not literal."""
        frame = self._frame(claim)
        if frame is not None:
            return frame
        for token in self._predicate_region(claim):
            found = self._predicate(claim, token) or self._verdict(claim, token)
            if found is not None:
                return found
        return None

    def _predicate_region(self, claim: Claim) -> list[Token]:
        region: list[Token] = []
        cue = self.ctx.cue_tokens(claim)
        content_ids = {t.i for t in self.ctx.content(claim)}
        if cue:
            region.extend(cue)
            cue_ids = {t.i for t in cue}
            root = next((t for t in cue if t.head.i not in cue_ids or t.head == t), cue[0])
            if root.dep_ in ("advcl", "xcomp", "conj", "parataxis") and root.head.i not in content_ids:
                region.append(root.head)  # "denied the report, saying ...", "called it baseless and said ..."
                # Not in another claim's content: the claim's own content is excluded anyway,
                # so the tokens of every claim (this one too) will do.
                claimed = self.ctx.claimed()
                region.extend(
                    c for c in root.head.children
                    if c.dep_ in ("oprd", "acomp", "attr", "xcomp", "ccomp") and c.i not in content_ids
                    and c.i not in claimed and c not in region
                )
        region.extend(t for t in main_tokens(self.ctx.content(claim)) if t not in region)
        return region

    def _subject_ok(self, claim: Claim, token: Token) -> bool:
        """A predicate inside the content must be the speaker's own, not someone else's."""
        if token.i not in {t.i for t in self.ctx.content(claim)}:
            return True
        head = token
        while head.dep_ in ("xcomp", "conj", "acomp") and head.head != head:
            head = head.head
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return True
        subject = subjects[0]
        if subject.lower_ in word_set("rebuttals.pronouns"):
            return True
        mention = claim.source_mention
        return mention is not None and mention.start <= subject.idx < mention.end

    def _predicate(self, claim: Claim, token: Token) -> Finding | None:
        entry = self.ctx.cues.predicate(token)
        if entry is None:
            return None
        words, kind, needs_negation = entry
        if negated(token) != needs_negation or not self._subject_ok(claim, token):
            return None
        evidence_tokens = [token, *(c for c in token.children if c.lower_ in words[1:] or c.lemma_.lower() in words[1:])]
        if needs_negation:
            evidence_tokens += [c for c in token.children if c.dep_ in ("neg", "aux") and c.i < token.i]
            if token.dep_ == "xcomp":
                evidence_tokens.append(token.head)
        evidence = token_span(self.ctx.text, evidence_tokens)
        acted_on = objects(token, self.ctx.cues)
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if any(c.dep_ == "dative" for c in token.children) and acted_on:
            return None  # "denied him access"
        if not acted_on:
            if clause is not None and kind not in (RebuttalKind.RESPONSE, RebuttalKind.COUNTERCLAIM):
                # "denied that ...", "could not confirm how many ...": the clause names what is rejected
                topic = content_lemmas(list(clause.subtree), self.ctx.cues)
                return Finding(kind, evidence, token_span(self.ctx.text, list(clause.subtree)), None, topic)
            return Finding(kind, evidence)
        obj = acted_on[0]
        if obj.lower_ in word_set("rebuttals.pronouns"):
            return Finding(kind, evidence)
        if self.ctx.cues.is_claim_noun(obj):
            return self._about_claim_noun(kind, evidence, obj)
        if kind is RebuttalKind.DENIAL and obj.lemma_.lower() in self.ctx.cues.denial_objects:
            return Finding(kind, evidence)  # "denied any wrongdoing": answers the nearest charge
        named = self._sources_in(list(obj.subtree), exclude=claim.source)
        if named:
            return Finding(kind, evidence, token_span(self.ctx.text, list(obj.subtree)), frozenset(named))
        return None  # a literal object: "rejected the offer", "responded to the fire"

    def _verdict(self, claim: Claim, token: Token) -> Finding | None:
        entry = self.ctx.cues.verdict(token)
        if entry is None:
            return None
        kind, needs_negation = entry
        subject: Token | None = None
        head = token.head
        if token.dep_ in ("acomp", "attr"):
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            is_negated = negated(token) or negated(head)
        elif token.dep_ in ("oprd", "ccomp", "xcomp") or (token.dep_ == "pobj" and head.lower_ == "as"):
            verb = head.head if token.dep_ == "pobj" else head
            subject = next((c for c in verb.children if c.dep_ == "dobj"), None)
            is_negated = negated(token)
        elif token.dep_ == "amod" and self.ctx.cues.is_claim_noun(head):
            subject, is_negated = head, negated(token)
        else:
            return None
        if subject is None or is_negated != needs_negation:
            return None
        evidence = token_span(self.ctx.text, [token, *(c for c in (token.children) if c.dep_ == "neg")])
        if subject.lower_ in word_set("rebuttals.pronouns"):
            return Finding(kind, evidence)
        if self.ctx.cues.is_claim_noun(subject):
            return self._about_claim_noun(kind, evidence, subject)
        return None

    def _about_claim_noun(self, kind: RebuttalKind, evidence: Span, noun: Token) -> Finding:
        phrase = list(noun.subtree)
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in {"that", "this", "these", "those"}:
            phrase = [head, *phrase]  # a determiner parsed as a preposition
        if noun.dep_ in ("nsubj", "nsubjpass") and to_infinitive(head):
            phrase = [t for t in head.subtree if t.i >= noun.left_edge.i]  # "claims to have turned over ..."
        modifiers = [c for c in noun.children if c.dep_ in ("amod", "poss", "compound", "nmod") and c.i < noun.i]
        by_phrase = [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree]
        named = self._sources_in([t for m in modifiers for t in m.subtree] + by_phrase)
        skip = {t.i for m in modifiers for t in m.subtree if named} | {noun.i} | {t.i for t in by_phrase}
        topic = content_lemmas([t for t in phrase if t.i not in skip], self.ctx.cues)
        return Finding(
            kind, evidence, token_span(self.ctx.text, phrase), frozenset(named) if named else None, topic,
            self.ctx.cues.claim_noun_verbs(noun),
        )

    def _frame(self, claim: Claim) -> Finding | None:
        first = self.ctx.token_at(self.ctx.earliest(claim))
        if first is None:
            return None
        sentence = self.ctx.sentence(first)
        tokens = [t for t in sentence if t.i < first.i]
        while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
            tokens.pop(0)
        for words, kind, needs_reference in self.ctx.cues.frames:
            if len(tokens) <= len(words) or [t.lower_ for t in tokens[: len(words)]] != list(words):
                continue
            if any(other is not claim and other.id not in self.ctx.reported and sentence.start_char <= other.content.start < first.idx for other in self.ctx.claims):
                return None  # the frame opens an earlier claim of the sentence
            rest = tokens[len(words):]
            if rest and rest[0].lower_ == "to" and words[-1] != "to":
                rest = rest[1:]
            reference = []
            for t in rest:
                if t.is_punct and t.lower_ in {",", ";", ":", "—", "–"}:
                    break
                reference.append(t)
            evidence = token_span(self.ctx.text, tokens[: len(words)])
            if not reference:
                return None if needs_reference else Finding(kind, evidence)
            noun = next((t for t in reference if self.ctx.cues.is_claim_noun(t)), None)
            if noun is not None:
                found = self._about_claim_noun(kind, evidence, noun)
                topic = content_lemmas([t for t in reference if t.i != noun.i], self.ctx.cues)
                return attrs.evolve(found, reference=token_span(self.ctx.text, reference), topic=topic)
            named = self._sources_in(reference, exclude=claim.source)
            if named:
                return Finding(kind, evidence, token_span(self.ctx.text, reference), frozenset(named))
            return None  # "In response to the fire, ..."
        return None

    def _sources_in(self, tokens: list[Token], exclude: str | None = None) -> set[str]:
        """The sources that ``tokens`` name: by a mention, a name or a descriptor word."""
        found: set[str] = set()
        words = {t.lower_ for t in tokens if t.is_alpha or "." in t.text}
        for source in self.ctx.document.sources:
            if self.ctx.allied(source.id, exclude):
                continue
            naming = self._source_words.get(source.id)
            if naming is None:
                naming = self._source_words[source.id] = source_words(source, self.ctx.document)
            if any(m.start < t.idx + len(t) and t.idx < m.end for m in source.mentions for t in tokens):
                found.add(source.id)
            elif words & naming:
                found.add(source.id)
            elif any(same_word(w, s) for w in words for s in naming):
                found.add(source.id)
        return found

    def resolve(self, claim: Claim, finding: Finding) -> tuple[list[Claim], bool]:
        """The claims ``finding`` rebuts, and whether the rebuttal named them."""
        position = self.ctx.order[claim.id]
        earliest = self.ctx.earliest(claim)
        candidates = [
            c for c in self.ctx.claims[:position]
            if c.content.start < earliest or c.content.end <= claim.content.start
        ]
        candidates = [
            c for c in candidates
            if not self.ctx.allied(c.source, claim.source) and not self.ctx.related(c, claim)
            and not (c.source is None and claim.source is None)
        ]
        if finding.named_sources is not None:
            named = finding.named_sources
            candidates = [c for c in candidates if c.source in named or self.ctx.group(c.source) in named]
        named_anything = finding.named_sources is not None or bool(finding.topic) or bool(finding.verbs)
        if not candidates:
            return [], named_anything
        if not named_anything:
            here = self.ctx.sentence_of(earliest)
            near = [c for c in candidates if here - self.ctx.sentence_of(c.content.start) <= BARE_WINDOW]
            if not near:
                return [], False
            own = self.ctx.lemmas(claim)
            best = max(near, key=lambda c: (0.5 * overlap(own, self.ctx.lemmas(c), self.ctx.cues) + _recency(self.ctx.order[c.id], position), self.ctx.order[c.id]))
            return [best], False
        if not finding.topic and finding.named_sources is None:
            # only a claim noun ("rejected that characterization"): stay near, unless the
            # target was made with the noun's verb ("the complaint" <- "complained")
            here = self.ctx.sentence_of(earliest)
            candidates = [
                c for c in candidates
                if here - self.ctx.sentence_of(c.content.start) <= BARE_WINDOW or self._made_with(c, finding.verbs)
            ]
        scores = []
        for c in candidates:
            score = _recency(self.ctx.order[c.id], position)
            topic = overlap(finding.topic, self.ctx.lemmas(c), self.ctx.cues) if finding.topic else 0.0
            verb = 0.5 if finding.verbs and self._made_with(c, finding.verbs) else 0.0
            if finding.topic and topic == 0 and not verb and finding.named_sources is None:
                continue
            scores.append((topic + verb + score, topic, c))
        if not scores:
            return [], True
        best, best_topic, first = max(scores, key=lambda s: s[0])
        others = [
            c for s, topic, c in scores
            if c is not first and s >= _KEEP_RATIO * best and topic >= max(0.5, _KEEP_RATIO * best_topic)
        ]
        return [first, *others], True

    def _made_with(self, claim: Claim, verbs: tuple[str, ...]) -> bool:
        cue = self.ctx.cue_tokens(claim)
        if not cue:
            return False
        return any(t.lemma_.lower() in verbs or any(t.lower_.startswith(v.rstrip("e")) for v in verbs) for t in cue)


def _recency(index: int, position: int) -> float:
    return 0.1 / (position - index)
