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

* **Rumours and reports.** A rebuttal of a rumour or report the text states with no
  source ("Responding to speculation that X", "There were reports that X. The owner
  denied them", "She denied reports that X") targets that report, recorded as an
  unattributed claim (see :mod:`attribution.extract.rebuttals.rumours`); a report that
  no claim answers is not recorded.

Continuations and implicit counterclaims are linked only when their confidence reaches
``threshold`` (default :data:`DEFAULT_THRESHOLD`). Change it per pipeline::

    load_pipeline(step_config={"attribution.rebuttals.v1": {"threshold": 0.8}})

``implicit=False`` turns implicit counterclaims off. The cue words are the lexicon
``rebuttal_cues`` (``data/rebuttal_cues.jsonl``, described in
``data/README_rebuttals.md``); plugins can extend it like any lexicon.
"""


import attrs
from spacy.language import Language
from spacy.tokens import Doc

from ...model import AttributedDocument, Claim, Rebuttal, RebuttalKind, Span
from ..ids import IdAllocator
from ..steps import RebuttalsConfig, builtin_step, step_factory
from .context import Context
from .cues import RebuttalCues, content_lemmas, overlap
from .explicit import ExplicitRebuttals, Finding
from .implicit import ImplicitCounterclaims
from .rumours import rumours

__all__ = ["DEFAULT_THRESHOLD", "RebuttalStep", "make_rebuttals"]

NAME = "attribution.rebuttals.v1"

#: The confidence an implicit counterclaim or a continuation needs to be linked.
DEFAULT_THRESHOLD: float = attrs.fields(RebuttalsConfig).threshold.default

_EXPLICIT_CONFIDENCE = 0.9
_BARE_CONFIDENCE = 0.75


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
        cues: The rebuttal cues in use.
    """

    name = NAME
    after = builtin_step(NAME).after
    before = builtin_step(NAME).before

    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD, implicit: bool = True, cues: RebuttalCues | None = None) -> None:
        """Set the step up.

        Args:
            threshold: Confidence, 0..1, that continuations and implicit counterclaims need.
            implicit: Whether to look for implicit counterclaims.
            cues: The rebuttal cues; by default the lexicon ``rebuttal_cues`` of the pipeline.
        """
        self.threshold = threshold
        self.implicit = implicit
        self.cues = cues if cues is not None else RebuttalCues.load()

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with the rebuttals between its claims added."""
        if not partial.claims:
            return partial
        reported = rumours(doc, partial.text, partial.claims, self.cues)
        claims = sorted((*partial.claims, *reported), key=lambda c: (c.content.start, c.content.end))
        if len(claims) < 2:
            return partial
        rumour_ids = frozenset(r.id for r in reported)
        ctx = Context(doc, partial, claims, self.cues, rumour_ids)
        explicit_finder = ExplicitRebuttals(ctx)
        implicit_finder = ImplicitCounterclaims(ctx)
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

        findings = {c.id: f for c in claims if c.id not in rumour_ids and (f := explicit_finder.find(c)) is not None}
        # "X dismissed that assessment, saying Y": when the claim extractor makes the
        # object ("that assessment") a claim of its own, the claim Y that shares its
        # rebutting words is the rebuttal, and the bare reference is not linked twice.
        elaborated = {(f.evidence.start, ctx.group(c.source)) for c in claims if (f := findings.get(c.id)) and not ctx.refers_only(c)}
        explicit: dict[str, tuple[Finding, list[Claim]]] = {}
        for claim in claims:
            finding = findings.get(claim.id)
            if finding is None:
                continue
            if ctx.refers_only(claim) and (finding.evidence.start, ctx.group(claim.source)) in elaborated:
                continue
            # "denied reports that X", "Responding to speculation that X": the report it names
            named_reports = [r for r in reported if _names(finding, r)]
            targets, named = (named_reports, True) if named_reports else explicit_finder.resolve(claim, finding)
            confidence = _EXPLICIT_CONFIDENCE if named else _BARE_CONFIDENCE
            for target in targets:
                add(claim, target, finding.kind, finding.evidence, finding.reference, confidence)
            if targets:
                explicit[claim.id] = (finding, targets)

        for index, claim in enumerate(claims[1:], 1):
            previous = claims[index - 1]
            if claim.id in explicit or previous.id not in explicit or not implicit_finder.continues(previous, claim):
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
            for claim, target in implicit_finder.candidates():
                confidence, evidence = implicit_finder.implicit(claim, target)
                if confidence > 0 and confidence >= self.threshold:
                    add(claim, target, RebuttalKind.COUNTERCLAIM, evidence, None, confidence)

        fresh = IdAllocator("r", (r.id for r in partial.rebuttals))
        new = [
            attrs.evolve(rebuttal, id=fresh())
            for rebuttal in sorted(links.values(), key=lambda r: (ctx.order[r.claim], ctx.order[r.target]))
        ]
        if not new:
            return partial  # no new document to check
        # A rumour or report is recorded only when a claim answers it.
        answered = {r.target for r in new} & rumour_ids
        fresh_claim = IdAllocator("c", (c.id for c in partial.claims))
        ids = {r.id: fresh_claim() for r in reported if r.id in answered}
        new = [attrs.evolve(r, claim=ids.get(r.claim, r.claim), target=ids.get(r.target, r.target)) for r in new]
        added = [attrs.evolve(r, id=ids[r.id]) for r in reported if r.id in ids]
        return attrs.evolve(partial, claims=(*partial.claims, *added), rebuttals=(*partial.rebuttals, *new))


def _names(finding: Finding, report: Claim) -> bool:
    """Whether the words ``finding`` names what it rebuts by hold the noun of ``report``."""
    reference, cue = finding.reference, report.cue
    return reference is not None and cue is not None and reference.start <= cue.start and cue.end <= reference.end


def _make(nlp: Language, config: RebuttalsConfig) -> RebuttalStep:
    """The rebuttals step (``nlp`` is unused: the step reads the parsed Doc)."""
    return RebuttalStep(threshold=config.threshold, implicit=config.implicit)


#: The factory registered as ``attribution.rebuttals.v1``: ``make_rebuttals(nlp, threshold=0.8, implicit=False)``.
make_rebuttals = step_factory(NAME, _make)
