"""The ``attribution.anonymity.v1`` step: the stated conditions of anonymous sourcing.

Phrases from the ``anonymity`` lexicon (spaCy :class:`~spacy.matcher.Matcher` token
patterns) are matched sentence by sentence. A pattern either states the condition
(*evidence*: "spoke on condition of anonymity", "declining to be quoted by name", "who
asked not to be identified", "could be described only as", "under the ground rules of
the briefing", "speaking on background", "could not be named") or gives a reason ("because they were not authorized to
speak publicly", "to discuss private deliberations"). All matches of one sentence make
one :class:`~attribution.model.AnonymityCondition`:

* its kind is that of the first evidence phrase (condition_of_anonymity,
  declined_to_be_named), or of the reason when the sentence states nothing else
  ("officials not authorized to discuss the matter" is ``not_authorized``);
* its evidence runs from the first to the last evidence phrase; its reason is the clause
  of the first reason phrase (from "because" when there is one);
* it covers the subject of the phrase's clause: the noun a relative clause modifies ("the
  official, who spoke on condition of anonymity"), or the subject of the verb or of the
  verb it depends on ("..., speaking on condition of anonymity"). A quantified subject
  ("All of the officials", "Both officials") covers every anonymous source of the
  document that is not a member of another (restricted to the role when one is stated);
  a subject inside a speaker phrase belongs to that phrase's source; any other subject
  naming a person or group is resolved like a speaker
  (:func:`~attribution.extract.sources.step.resolve_mention`); a subject that names neither (a
  misparse) falls back to the anonymous source mentioned last before, in the paragraph.
"""

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from ...model import AnonymityCondition, AnonymityKind, AttributedDocument, SourceKind, Span
from ..ids import IdAllocator
from ..lexicon import pattern_matcher, word_set
from ..matching import GatedMatcher
from ..sources import describe, resolve_mention
from ..steps import AnonymityConfig, builtin_step, step_factory
from ..syntax import clause_subject, noun_phrase_bounds

__all__ = ["AnonymityStep", "make_anonymity"]

NAME = "attribution.anonymity.v1"
#: What the walk from the phrase's verb to its subject climbs.
_CLAUSE_UP = frozenset(
    {"advcl", "xcomp", "conj", "acl", "ccomp", "pcomp", "prep", "pobj", "npadvmod", "advmod", "acomp", "dobj", "attr", "relcl"}
)


@attrs.define
class AnonymityStep:
    """Find anonymity conditions and the sources they cover.

    Attributes:
        name: ``"attribution.anonymity.v1"``.
        after: Runs after the sources step.
        before: Nothing.
        matcher: The phrase matcher built from the ``anonymity`` lexicon.
        kinds: Match-label to (kind, part) of each pattern.
    """

    matcher: GatedMatcher
    kinds: dict[str, tuple[AnonymityKind, str]]
    name: str = NAME
    after: tuple[str, ...] = builtin_step(NAME).after
    before: tuple[str, ...] = builtin_step(NAME).before

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with its anonymity conditions (existing ones are kept)."""
        matches = sorted(
            ((self.kinds[doc.vocab.strings[label]], doc[start:end]) for label, start, end in self.matcher(doc)),
            key=lambda m: (m[1].start, -len(m[1])),
        )
        if not matches:
            return partial  # the usual case: nothing to add, no new document to check
        by_sentence: dict[int, list[tuple[tuple[AnonymityKind, str], SpacySpan]]] = {}
        covered: set[int] = set()
        for found, span in matches:
            if any(i in covered for i in range(span.start, span.end)):
                continue
            covered.update(range(span.start, span.end))
            by_sentence.setdefault(span.sent.start, []).append((found, span))
        conditions = list(partial.anonymity_conditions)
        fresh = IdAllocator("a", (c.id for c in conditions))
        for found in by_sentence.values():
            evidence = [s for (k, part), s in found if part == "evidence"]
            reasons = [s for (k, part), s in found if part == "reason"]
            kind = next((k for (k, part), s in found if part == "evidence"), found[0][0][0])
            anchor = (evidence or reasons)[0]
            partial, sources = self._sources(doc, partial, anchor)
            if not sources:
                continue
            text = partial.text
            if evidence:
                # A pattern may end on the punctuation that closes the phrase ("on background,").
                last = next((t for t in reversed(evidence[-1]) if not t.is_punct), evidence[-1][-1])
                ev = Span.of(text, evidence[0].start_char, last.idx + len(last.text))
            else:
                ev = Span.of(text, reasons[0].start_char, reasons[0].end_char)
            reason = _reason_clause(text, reasons[0]) if reasons else None
            conditions.append(
                AnonymityCondition(id=fresh(), sources=tuple(sources), kind=kind, evidence=ev, reason=reason)
            )
        return attrs.evolve(partial, anonymity_conditions=tuple(conditions))

    def _sources(self, doc: Doc, partial: AttributedDocument, anchor: SpacySpan) -> tuple[AttributedDocument, list[str]]:
        subject = _subject(anchor)
        if subject is None:
            sentence = anchor.sent
            inside = [
                s.id for s in partial.sources
                if s.anonymous and any(sentence.start_char <= m.start < sentence.end_char for m in s.mentions)
            ]
            return partial, inside
        start, end = noun_phrase_bounds(subject)
        first = doc[start]
        if first.lower_ in word_set("syntax.quantifiers") or (
            first.lower_ == "the" and doc[start + 1 : start + 2].text.lower() in word_set("syntax.quantifiers")
        ):
            mention = describe(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
            role = mention.inner.role if mention.inner is not None else mention.role
            chosen = [
                s.id for s in partial.sources
                if s.anonymous and s.member_of is None and (role is None or s.descriptors.role == role)
            ]
            return partial, chosen
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        holders = [s for s in partial.sources if any(m.start <= subject.idx < m.end for m in s.mentions)]
        principals = {s.on_behalf_of for s in holders}
        covering = [
            (not s.anonymous, s.kind not in (SourceKind.PERSON, SourceKind.GROUP), s.id in principals, m.end - m.start, s.id)
            for s in holders for m in s.mentions if m.start <= subject.idx < m.end
        ]
        if covering:  # the subject lies in a speaker phrase: "one person with knowledge of the dilemma, who ..."
            # The unnamed before the named, people before bodies, the spokesperson before
            # whom they speak for: in "A lawyer for the company, who spoke ..." or "A
            # spokeswoman for Hargrove, who asked not to be named, ..." the parser may
            # hang the clause on the last noun; anonymity is granted to the unnamed speaker.
            return partial, [min(covering)[-1]]
        mention = describe(doc, start_char, end_char)
        if mention.kind in (SourceKind.PERSON, SourceKind.GROUP) or mention.describes:
            partial, source_id = resolve_mention(doc, partial, start_char, end_char)
            return partial, [source_id]
        # Not a person ("issues", "the planning": a misparse): the anonymous source
        # mentioned last before the phrase, in the same paragraph.
        paragraph_start = partial.text.rfind("\n", 0, anchor.start_char) + 1
        before = [
            (m.start, s.id) for s in partial.sources if s.anonymous
            for m in s.mentions if paragraph_start <= m.start < anchor.start_char
        ]
        return partial, [max(before)[1]] if before else []


def _subject(anchor: SpacySpan) -> Token | None:
    """The noun the anonymity phrase is about."""
    token = next((t for t in anchor if t.pos_ in ("VERB", "AUX")), anchor.root)
    return clause_subject(token, climb=_CLAUSE_UP, modified_noun=True, climb_non_verbs=True, skip=word_set("anonymity.not_subjects"))


def _reason_clause(text: str, reason: SpacySpan) -> Span:
    """The reason's clause: from its "because" (or the phrase itself) to the clause end."""
    root = reason.root
    while root.dep_ in ("xcomp", "aux", "neg", "auxpass", "acomp") and root.head.i != root.i and root.head.i >= reason.start - 3:
        root = root.head
    marks = [t for t in root.subtree if t.lower_ in ("because", "since") and t.i < reason.start]
    start = marks[-1].idx if marks else reason.start_char
    ends = [t.idx + len(t.text) for t in root.subtree if not t.is_punct and t.i >= reason.start]
    return Span.of(text, start, max([reason.end_char, *ends]))


def _make(nlp: Language, config: AnonymityConfig) -> AnonymityStep:
    """The anonymity step for ``nlp``; its patterns come from the ``anonymity`` lexicon."""
    matcher, kinds = pattern_matcher(
        nlp.vocab, "anonymity", lambda entry: (AnonymityKind(entry["kind"]), entry.get("part", "evidence"))
    )
    return AnonymityStep(matcher=matcher, kinds=kinds)


#: The factory registered as ``attribution.anonymity.v1`` (it takes no options).
make_anonymity = step_factory(NAME, _make)
