"""The built-in step ``attribution.rebuttals.v1``: which claims answer which.

It runs after the claims and sources steps and adds :class:`~attribution.model.Rebuttal`
records, one per (rebutting claim, target claim) pair:

* **Explicit rebuttals.** A claim whose cue, governing verb or main predicate rejects
  another ("denied", "disputed that account", "pushed back", "cannot verify Pakistani
  claims ...", "called the report baseless"), or whose sentence opens with a frame ("In
  response, ...", "As for the complaint that ..., X said ..."). Literal uses are left
  alone: a negated cue ("would not dispute"), an object that names no claim ("denied
  him access", "rejected the offer"), a response to something that is not a claim
  ("responded to the fire"). The target is found by what the rebuttal names: the claim
  noun's modifiers name a source ("*Pakistani* claims" -> claims of Pakistani sources),
  its complement names a topic ("the complaint *that the CIA chief has snubbed ...*" ->
  the claim that overlaps it most, preferring one made with the matching verb,
  "complained"). A rebuttal that names nothing answers the nearest preceding claim of
  another source. Explicit links have confidence 0.9 (0.75 when nothing was named).
* **Continuations.** A claim that goes on from an explicit rebuttal by the same source
  ("..., adding that ...") and shares words with the rebutted claim is a counterclaim to
  the same target.
* **Implicit counterclaims.** Two claims of opposing sources (different, not of the same
  group; known to differ in nationality or affiliation counts more) about the same
  matter (shared content lemmas, stopwords removed) with opposite polarity: opposite
  belief ("don't believe" vs "are confident"), the same predicate negated in one only,
  different numbers for the same thing, or a contrast opener ("But ..."). Confidence is
  ``0.3 * opposition + 0.4 * polarity + 0.3 * overlap`` (each 0..1), at most 0.95.

Continuations and implicit counterclaims are linked only when their confidence reaches
``threshold`` (default :data:`DEFAULT_THRESHOLD`). Change it per pipeline::

    load_pipeline(step_config={"attribution.rebuttals.v1": {"threshold": 0.8}})

``implicit=False`` turns implicit counterclaims off. The cue words are the lexicon
``rebuttal_cues`` (``data/rebuttal_cues.jsonl``, described in
``data/README_rebuttals.md``); plugins can extend it like any lexicon.
"""

from typing import Any

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import PipelineError
from ..model import AttributedDocument, Claim, Rebuttal, RebuttalKind, Span
from ..plugins import extractors
from ._rebuttal_text import (
    PRONOUNS,
    CueLexicon,
    claim_tokens,
    content_lemmas,
    main_tokens,
    negated,
    numbers,
    objects,
    overlap,
    predicates,
    same_word,
    sides,
    source_words,
    token_span,
)

__all__ = ["DEFAULT_THRESHOLD", "RebuttalStep", "make_rebuttals"]

NAME = "attribution.rebuttals.v1"

#: The confidence an implicit counterclaim or a continuation needs to be linked.
DEFAULT_THRESHOLD = 0.7

_EXPLICIT_CONFIDENCE = 0.9
_BARE_CONFIDENCE = 0.75
_BARE_WINDOW = 3  # sentences back a rebuttal that names nothing may reach
_IMPLICIT_CAP = 0.95  # an implicit link is never certain
_KEEP_RATIO = 0.85  # other targets kept when they score this close to the best


@attrs.frozen
class _Finding:
    kind: RebuttalKind
    evidence: Span
    reference: Span | None = None
    named_sources: frozenset[str] | None = None  # None: the rebuttal names no source
    topic: frozenset[str] = frozenset()
    verbs: tuple[str, ...] = ()


class RebuttalStep:
    """Links claims that deny, dispute, cannot verify, counter or answer other claims.

    Build it with :func:`make_rebuttals` (or through the registry); see the module
    docstring for what is linked and how.

    Attributes:
        name: ``"attribution.rebuttals.v1"``.
        after: The claims and sources steps.
        before: Nothing.
        threshold: Confidence needed for implicit counterclaims and continuations.
        implicit: Whether implicit counterclaims are looked for.
        cues: The cue lexicon in use.
    """

    name = NAME
    after = ("attribution.claims.v1", "attribution.sources.v1")
    before = ()

    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD, implicit: bool = True, cues: CueLexicon | None = None) -> None:
        """Set the step up.

        Args:
            threshold: Confidence, 0..1, that continuations and implicit counterclaims need.
            implicit: Whether to look for implicit counterclaims.
            cues: The cue lexicon; by default ``rebuttal_cues`` with plugin patches applied.
        """
        self.threshold = threshold
        self.implicit = implicit
        self.cues = cues if cues is not None else CueLexicon.load()

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with the rebuttals between its claims added."""
        claims = sorted(partial.claims, key=lambda c: (c.content.start, c.content.end))
        if len(claims) < 2:
            return partial
        ctx = _Context(doc, partial, claims, self.cues)
        links: dict[tuple[str, str], Rebuttal] = {}
        existing = {(r.claim, r.target) for r in partial.rebuttals}

        def add(claim: Claim, target: Claim, kind: RebuttalKind, evidence: Span | None, reference: Span | None, confidence: float) -> None:
            key = (claim.id, target.id)
            if claim.id == target.id or key in links or key in existing or (target.id, claim.id) in links:
                return
            links[key] = Rebuttal(
                id="r?", claim=claim.id, target=target.id, kind=kind, evidence=evidence,
                reference=reference, confidence=round(min(1.0, confidence), 3),
            )

        findings = {c.id: f for c in claims if (f := ctx.find_explicit(c)) is not None}
        # "X dismissed that assessment, saying Y": when the claim extractor makes the
        # object ("that assessment") a claim of its own, the claim Y that shares its
        # rebutting words is the rebuttal, and the bare reference is not linked twice.
        elaborated = {(f.evidence.start, ctx.group(c.source)) for c in claims if (f := findings.get(c.id)) and not ctx.refers_only(c)}
        explicit: dict[str, tuple[_Finding, list[Claim]]] = {}
        for claim in claims:
            finding = findings.get(claim.id)
            if finding is None:
                continue
            if ctx.refers_only(claim) and (finding.evidence.start, ctx.group(claim.source)) in elaborated:
                continue
            targets, named = ctx.resolve(claim, finding)
            confidence = _EXPLICIT_CONFIDENCE if named else _BARE_CONFIDENCE
            for target in targets:
                add(claim, target, finding.kind, finding.evidence, finding.reference, confidence)
            if targets:
                explicit[claim.id] = (finding, targets)

        for index, claim in enumerate(claims[1:], 1):
            previous = claims[index - 1]
            if claim.id in explicit or previous.id not in explicit or not ctx.continues(previous, claim):
                continue
            finding, targets = explicit[previous.id]
            about = content_lemmas(ctx.content(claim), self.cues)
            for target in targets:
                reference = finding.topic | content_lemmas(ctx.content(target), self.cues)
                score = overlap(about, reference, self.cues)
                confidence = min(0.95, 0.55 + score)
                if score > 0 and confidence >= self.threshold:
                    add(claim, target, RebuttalKind.COUNTERCLAIM, claim.cue, None, confidence)

        if self.implicit:
            for j, claim in enumerate(claims):
                for target in claims[:j]:
                    confidence, evidence = ctx.implicit(claim, target)
                    if confidence > 0 and confidence >= self.threshold:
                        add(claim, target, RebuttalKind.COUNTERCLAIM, evidence, None, confidence)

        taken = {r.id for r in partial.rebuttals}
        new, number = [], 0
        for rebuttal in sorted(links.values(), key=lambda r: (ctx.order[r.claim], ctx.order[r.target])):
            number += 1
            while f"r{number}" in taken:
                number += 1
            new.append(attrs.evolve(rebuttal, id=f"r{number}"))
        return attrs.evolve(partial, rebuttals=(*partial.rebuttals, *new))


class _Context:
    """What the step knows about one document while it works."""

    def __init__(self, doc: Doc, document: AttributedDocument, claims: list[Claim], cues: CueLexicon) -> None:
        self.doc = doc
        self.document = document
        self.claims = claims
        self.cues = cues
        self.order = {c.id: i for i, c in enumerate(claims)}
        self.sources = {s.id: s for s in document.sources}
        self._content = {c.id: claim_tokens(doc, c.content) for c in claims}
        self._cue = {c.id: claim_tokens(doc, c.cue) if c.cue is not None else None for c in claims}
        self._lemmas = {c.id: content_lemmas(self._content[c.id], cues) for c in claims}
        self.text = document.text
        self._polarities: dict[str, _Polarity] = {}
        # Token.sent walks the whole Doc on every call: look sentences up once.
        self.sentences = list(doc.sents)
        self._sentence_of_token = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            self._sentence_of_token[sentence.start : sentence.end] = [number] * len(sentence)

    # -- small helpers -------------------------------------------------------------------

    def content(self, claim: Claim) -> list[Token]:
        return self._content[claim.id]

    def earliest(self, claim: Claim) -> int:
        starts = [claim.content.start]
        starts += [s.start for s in (claim.cue, claim.source_mention) if s is not None]
        return min(starts)

    def sentence_of(self, char: int) -> int:
        token = self._token_at(char)
        return self._sentence_of_token[token.i] if token is not None else 0

    def sentence(self, token: Token) -> Any:
        """The sentence (a spaCy Span) holding ``token``."""
        return self.sentences[self._sentence_of_token[token.i]]

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def group(self, source_id: str | None) -> str | None:
        source = self.sources.get(source_id) if source_id else None
        seen: set[str] = set()
        while source is not None and source.member_of and source.id not in seen:
            seen.add(source.id)
            source = self.sources.get(source.member_of)
        return source.id if source is not None else source_id

    def allied(self, a: str | None, b: str | None) -> bool:
        """Same source, or members of one group (or a group and its member)."""
        return a is not None and b is not None and (a == b or self.group(a) == self.group(b))

    def related(self, a: Claim, b: Claim) -> bool:
        """One claim is nested in the other."""
        return a.parent == b.id or b.parent == a.id or (
            a.content.start <= b.content.start and b.content.end <= a.content.end
        ) or (b.content.start <= a.content.start and a.content.end <= b.content.end)

    def refers_only(self, claim: Claim) -> bool:
        """The claim's content only names a claim ("that assessment", "the claim baseless")."""
        tokens = self.content(claim)
        if not tokens or any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return False
        return any(self.cues.is_claim_noun(t) or t.lower_ in PRONOUNS for t in tokens)

    # -- explicit rebuttals --------------------------------------------------------------

    def find_explicit(self, claim: Claim) -> _Finding | None:
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
        cue = self._cue[claim.id]
        content_ids = {t.i for t in self.content(claim)}
        if cue:
            region.extend(cue)
            cue_ids = {t.i for t in cue}
            root = next((t for t in cue if t.head.i not in cue_ids or t.head == t), cue[0])
            if root.dep_ in ("advcl", "xcomp", "conj", "parataxis") and root.head.i not in content_ids:
                region.append(root.head)  # "denied the report, saying ...", "called it baseless and said ..."
                others = {t.i for c in self.claims if c is not claim and not self.refers_only(c) for t in self.content(c)}
                region.extend(
                    c for c in root.head.children
                    if c.dep_ in ("oprd", "acomp", "attr", "xcomp", "ccomp") and c.i not in content_ids | others
                    and c not in region
                )
        region.extend(t for t in main_tokens(self.content(claim)) if t not in region)
        return region

    def _subject_ok(self, claim: Claim, token: Token) -> bool:
        """A predicate inside the content must be the speaker's own, not someone else's."""
        if token.i not in {t.i for t in self.content(claim)}:
            return True
        head = token
        while head.dep_ in ("xcomp", "conj", "acomp") and head.head != head:
            head = head.head
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return True
        subject = subjects[0]
        if subject.lower_ in PRONOUNS:
            return True
        mention = claim.source_mention
        return mention is not None and mention.start <= subject.idx < mention.end

    def _predicate(self, claim: Claim, token: Token) -> _Finding | None:
        entry = self.cues.predicate(token)
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
        evidence = token_span(self.text, evidence_tokens)
        acted_on = objects(token, self.cues)
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if any(c.dep_ == "dative" for c in token.children) and acted_on:
            return None  # "denied him access"
        if not acted_on:
            if clause is not None and kind not in (RebuttalKind.RESPONSE, RebuttalKind.COUNTERCLAIM):
                # "denied that ...", "could not confirm how many ...": the clause names what is rejected
                topic = content_lemmas(list(clause.subtree), self.cues)
                return _Finding(kind, evidence, token_span(self.text, list(clause.subtree)), None, topic)
            return _Finding(kind, evidence)
        obj = acted_on[0]
        if obj.lower_ in PRONOUNS:
            return _Finding(kind, evidence)
        if self.cues.is_claim_noun(obj):
            return self._about_claim_noun(kind, evidence, obj)
        if kind is RebuttalKind.DENIAL and obj.lemma_.lower() in self.cues.denial_objects:
            return _Finding(kind, evidence)  # "denied any wrongdoing": answers the nearest charge
        named = self._sources_in(list(obj.subtree), exclude=claim.source)
        if named:
            return _Finding(kind, evidence, token_span(self.text, list(obj.subtree)), frozenset(named))
        return None  # a literal object: "rejected the offer", "responded to the fire"

    def _verdict(self, claim: Claim, token: Token) -> _Finding | None:
        entry = self.cues.verdict(token)
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
        elif token.dep_ == "amod" and self.cues.is_claim_noun(head):
            subject, is_negated = head, negated(token)
        else:
            return None
        if subject is None or is_negated != needs_negation:
            return None
        evidence = token_span(self.text, [token, *(c for c in (token.children) if c.dep_ == "neg")])
        if subject.lower_ in PRONOUNS:
            return _Finding(kind, evidence)
        if self.cues.is_claim_noun(subject):
            return self._about_claim_noun(kind, evidence, subject)
        return None

    def _about_claim_noun(self, kind: RebuttalKind, evidence: Span, noun: Token) -> _Finding:
        phrase = list(noun.subtree)
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ in {"that", "this", "these", "those"}:
            phrase = [head, *phrase]  # a determiner parsed as a preposition
        if noun.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            phrase = [t for t in head.subtree if t.i >= noun.left_edge.i]  # "claims to have turned over ..."
        modifiers = [c for c in noun.children if c.dep_ in ("amod", "poss", "compound", "nmod") and c.i < noun.i]
        by_phrase = [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree]
        named = self._sources_in([t for m in modifiers for t in m.subtree] + by_phrase)
        skip = {t.i for m in modifiers for t in m.subtree if named} | {noun.i} | {t.i for t in by_phrase}
        topic = content_lemmas([t for t in phrase if t.i not in skip], self.cues)
        return _Finding(
            kind, evidence, token_span(self.text, phrase), frozenset(named) if named else None, topic,
            self.cues.claim_noun_verbs(noun),
        )

    def _frame(self, claim: Claim) -> _Finding | None:
        first = self._token_at(self.earliest(claim))
        if first is None:
            return None
        sentence = self.sentence(first)
        tokens = [t for t in sentence if t.i < first.i]
        while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
            tokens.pop(0)
        for words, kind, needs_reference in self.cues.frames:
            if len(tokens) <= len(words) or [t.lower_ for t in tokens[: len(words)]] != list(words):
                continue
            if any(other is not claim and sentence.start_char <= other.content.start < first.idx for other in self.claims):
                return None  # the frame opens an earlier claim of the sentence
            rest = tokens[len(words):]
            if rest and rest[0].lower_ == "to" and words[-1] != "to":
                rest = rest[1:]
            reference = []
            for t in rest:
                if t.is_punct and t.lower_ in {",", ";", ":", "—", "–"}:
                    break
                reference.append(t)
            evidence = token_span(self.text, tokens[: len(words)])
            if not reference:
                return None if needs_reference else _Finding(kind, evidence)
            noun = next((t for t in reference if self.cues.is_claim_noun(t)), None)
            if noun is not None:
                found = self._about_claim_noun(kind, evidence, noun)
                topic = content_lemmas([t for t in reference if t.i != noun.i], self.cues)
                return attrs.evolve(found, reference=token_span(self.text, reference), topic=topic)
            named = self._sources_in(reference, exclude=claim.source)
            if named:
                return _Finding(kind, evidence, token_span(self.text, reference), frozenset(named))
            return None  # "In response to the fire, ..."
        return None

    def _sources_in(self, tokens: list[Token], exclude: str | None = None) -> set[str]:
        """The sources that ``tokens`` name: by a mention, a name or a descriptor word."""
        found: set[str] = set()
        words = {t.lower_ for t in tokens if t.is_alpha or "." in t.text}
        for source in self.document.sources:
            if self.allied(source.id, exclude):
                continue
            if any(m.start < t.idx + len(t) and t.idx < m.end for m in source.mentions for t in tokens):
                found.add(source.id)
            elif words & source_words(source, self.document):
                found.add(source.id)
            elif any(same_word(w, s) for w in words for s in source_words(source, self.document)):
                found.add(source.id)
        return found

    def resolve(self, claim: Claim, finding: _Finding) -> tuple[list[Claim], bool]:
        """The claims ``finding`` rebuts, and whether the rebuttal named them."""
        position = self.order[claim.id]
        earliest = self.earliest(claim)
        candidates = [
            c for c in self.claims[:position]
            if c.content.start < earliest or c.content.end <= claim.content.start
        ]
        candidates = [
            c for c in candidates
            if not self.allied(c.source, claim.source) and not self.related(c, claim)
            and not (c.source is None and claim.source is None)
        ]
        if finding.named_sources is not None:
            named = finding.named_sources
            candidates = [c for c in candidates if c.source in named or self.group(c.source) in named]
        named_anything = finding.named_sources is not None or bool(finding.topic) or bool(finding.verbs)
        if not candidates:
            return [], named_anything
        if not named_anything:
            here = self.sentence_of(earliest)
            near = [c for c in candidates if here - self.sentence_of(c.content.start) <= _BARE_WINDOW]
            if not near:
                return [], False
            own = self._lemmas[claim.id]
            best = max(near, key=lambda c: (0.5 * overlap(own, self._lemmas[c.id], self.cues) + _recency(self.order[c.id], position), self.order[c.id]))
            return [best], False
        if not finding.topic and finding.named_sources is None:
            # only a claim noun ("rejected that characterization"): stay near, unless the
            # target was made with the noun's verb ("the complaint" <- "complained")
            here = self.sentence_of(earliest)
            candidates = [
                c for c in candidates
                if here - self.sentence_of(c.content.start) <= _BARE_WINDOW or self._made_with(c, finding.verbs)
            ]
        scores = []
        for c in candidates:
            score = _recency(self.order[c.id], position)
            topic = overlap(finding.topic, self._lemmas[c.id], self.cues) if finding.topic else 0.0
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
        cue = self._cue[claim.id]
        if not cue:
            return False
        return any(t.lemma_.lower() in verbs or any(t.lower_.startswith(v.rstrip("e")) for v in verbs) for t in cue)

    # -- continuations and implicit counterclaims ---------------------------------------

    def continues(self, previous: Claim, claim: Claim) -> bool:
        """``claim`` goes on from ``previous``: same source, a continuation cue, close by."""
        if not self.allied(previous.source, claim.source) and previous.source is not None:
            return False
        cue = self._cue[claim.id]
        if not cue or not any(t.lower_ in self.cues.continuations or t.lemma_.lower() in self.cues.continuations for t in cue):
            return False
        return self.sentence_of(self.earliest(claim)) - self.sentence_of(previous.content.end - 1) <= 1

    def implicit(self, claim: Claim, target: Claim) -> tuple[float, Span | None]:
        """The confidence that ``claim`` counters the earlier ``target``, and the evidence."""
        if claim.source is None or target.source is None or self.allied(claim.source, target.source):
            return 0.0, None
        if self.related(claim, target):
            return 0.0, None
        opposition = self._opposition(claim.source, target.source)
        if opposition == 0:
            return 0.0, None
        about = overlap(self._lemmas[claim.id], self._lemmas[target.id], self.cues, symmetric=True)
        if about < 0.15:
            return 0.0, None
        polarity, evidence = self._polarity(claim, target)
        if polarity == 0:
            return 0.0, None
        confidence = 0.3 * opposition + 0.4 * polarity + 0.3 * min(1.0, about / 0.5)
        return min(_IMPLICIT_CAP, confidence), evidence

    def _opposition(self, a: str, b: str) -> float:
        """1 when the sources are known to be on different sides, 0.6 when unknown, 0 same side."""
        sides_a = sides(self.sources.get(a), self.document)
        sides_b = sides(self.sources.get(b), self.document)
        if not sides_a or not sides_b:
            return 0.6
        same = any(same_word(x, y) or self.cues.equivalent(x) == self.cues.equivalent(y) for x in sides_a for y in sides_b)
        return 0.0 if same else 1.0

    def _features(self, claim: Claim) -> "_Polarity":
        found = self._polarities.get(claim.id)
        if found is None:
            tokens = self.content(claim)
            main = main_tokens(tokens)
            stance, stance_token = self.cues.stance(main)
            found = _Polarity(stance, stance_token, main, predicates(tokens), numbers(tokens))
            self._polarities[claim.id] = found
        return found

    def _polarity(self, claim: Claim, target: Claim) -> tuple[float, Span | None]:
        """How opposite two claims are (1, 0.75, 0.5 or 0), and the words that show it."""
        mine, theirs = self._features(claim), self._features(target)
        if mine.stance and theirs.stance and mine.stance != theirs.stance:
            token = mine.stance_token
            return 1.0, token_span(self.text, [token]) if token is not None else None
        for lemma, is_negated in mine.predicates.items():
            other = theirs.predicates.get(lemma)
            if other is not None and is_negated is not None and other != is_negated:
                token = next(t for t in mine.main if t.lemma_.lower() == lemma)
                return 1.0, token_span(self.text, [token])
        for noun, (value, token) in mine.numbers.items():
            if noun in theirs.numbers and theirs.numbers[noun][0] != value:
                return 0.75, token_span(self.text, [token])
        first = self._token_at(self.earliest(claim))
        if first is not None and self.sentence_of(first.idx) != self.sentence_of(target.content.start):
            opener = [t for t in self.sentence(first) if not t.is_punct and not t.is_space][:2]
            for words in self.cues.contrasts:
                if [t.lower_ for t in opener[: len(words)]] == list(words):
                    return 0.5, token_span(self.text, opener[: len(words)])
        return 0.0, None


@attrs.frozen
class _Polarity:
    stance: int
    stance_token: Token | None
    main: list[Token]
    predicates: dict[str, bool | None]
    numbers: dict[str, tuple[str, Token]]


def _recency(index: int, position: int) -> float:
    return 0.1 / (position - index)


@extractors.register(NAME)
def make_rebuttals(nlp: Language, *, threshold: float = DEFAULT_THRESHOLD, implicit: bool = True, **config: object) -> RebuttalStep:
    """The rebuttals step.

    Args:
        nlp: The pipeline the step runs in (unused: the step reads the parsed Doc).
        threshold: Confidence, 0..1, that continuations and implicit counterclaims need
            (default :data:`DEFAULT_THRESHOLD`). Explicit rebuttals are always linked.
        implicit: Whether to look for implicit counterclaims at all.
        **config: Nothing else is accepted.

    Raises:
        PipelineError: ``threshold`` is not in 0..1, or an unknown option was given.
    """
    if config:
        raise PipelineError(
            f"unknown option(s) {', '.join(map(repr, sorted(config)))} for {NAME}; valid: 'threshold', 'implicit'"
        )
    if not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise PipelineError(f"{NAME}: threshold must be a number in 0..1, not {threshold!r}")
    return RebuttalStep(threshold=float(threshold), implicit=bool(implicit))
