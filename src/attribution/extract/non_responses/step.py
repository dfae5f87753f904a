"""The ``attribution.non_responses.v1`` step: sources that did not answer.

Phrases from the ``non_responses`` lexicon (spaCy :class:`~spacy.matcher.Matcher` token
patterns: "declined to comment", "did not (immediately) respond", "could not be
reached", "did not return calls", "was unavailable for comment", "does not comment on")
are matched; the subject of the phrase's verb is the source ("The CIA declined to
comment"; "a spokesperson said *the agency* does not comment on ..."), following
conjunctions ("declined to comment and did not respond") and passives ("could not be
reached"). The subject is resolved like a speaker
(:func:`~attribution.extract.sources.step.resolve_mention`): it joins an existing source or
becomes a new one (an organization speaking as such is named, not anonymous). A
subject that only names an attempt to reach someone ("Calls to Hayes's office were not
returned", the ``contact_attempts`` lexicon) stands for whom it was aimed at.
"""

from typing import Any

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Token

from ...model import AttributedDocument, NonResponse, NonResponseKind, Span
from ..ids import IdAllocator
from ..lexicon import load_lexicon, pattern_matcher, word_set
from ..matching import GatedMatcher
from ..sources import resolve_mention
from ..steps import NonResponsesConfig, builtin_step, step_factory
from ..syntax import clause_subject, noun_phrase_bounds

__all__ = ["NonResponsesStep", "make_non_responses"]

NAME = "attribution.non_responses.v1"

#: What the walk from the phrase's verb to its subject climbs ("declined to comment and
#: did not respond", "could not be reached").
_CLAUSE_UP = frozenset({"xcomp", "conj", "acomp", "aux", "auxpass", "neg", "prep", "pobj", "advcl"})


@attrs.define
class NonResponsesStep:
    """Find non-responses and their sources.

    Attributes:
        name: ``"attribution.non_responses.v1"``.
        after: Runs after the sources step.
        before: Nothing.
        matcher: The matcher built from the ``non_responses`` lexicon.
        kinds: Match label to kind.
        contacts: Lemmas of nouns that name an attempt to reach someone (the
            ``contact_attempts`` lexicon): such a subject is not the source; whom it was
            aimed at is ("Calls to the mayor were not returned"), or, when it names no
            one, the source mentioned last before.
    """

    matcher: GatedMatcher
    kinds: dict[str, NonResponseKind]
    contacts: frozenset[str] = frozenset()
    name: str = NAME
    after: tuple[str, ...] = builtin_step(NAME).after
    before: tuple[str, ...] = builtin_step(NAME).before

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with its non-responses (existing ones are kept)."""
        found = sorted(
            ((self.kinds[doc.vocab.strings[label]], start, end) for label, start, end in self.matcher(doc)),
            key=lambda m: (m[1], -(m[2] - m[1])),
        )
        if not found:
            return partial  # the usual case: nothing to add, no new document to check
        responses = list(partial.non_responses)
        fresh = IdAllocator("n", (r.id for r in responses))
        taken: set[int] = set()
        for kind, start, end in found:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            subject = _subject(doc[start:end].root, doc[start:end])
            if subject is not None and subject.lemma_.lower() in self.contacts:
                subject = self._contacted(subject)
                if subject is None:
                    source_id = _latest_before(partial, doc[start].idx)
                    if source_id is None:
                        continue
                    span = doc[start:end]
                    responses.append(
                        NonResponse(
                            id=fresh(), source=source_id, kind=kind,
                            evidence=Span.of(partial.text, span.start_char, span.end_char),
                        )
                    )
                    continue
            if subject is None:
                continue
            first, last = noun_phrase_bounds(subject)
            start_char, end_char = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
            source_id = next(
                (s.id for s in partial.sources if any(m.start == start_char and m.end == end_char for m in s.mentions)),
                None,
            )
            if source_id is None:  # the subject lies in a longer source phrase ("A man who ... only as a 'senior diplomat'")
                covering = [
                    (m.end - m.start, s.id) for s in partial.sources for m in s.mentions
                    if m.start <= subject.idx < m.end
                ]
                source_id = min(covering)[1] if covering else None
            if source_id is None:
                partial, source_id = resolve_mention(doc, partial, start_char, end_char)
            span = doc[start:end]
            responses.append(
                NonResponse(
                    id=fresh(), source=source_id, kind=kind,
                    evidence=Span.of(partial.text, span.start_char, span.end_char),
                )
            )
        return attrs.evolve(partial, non_responses=tuple(responses))


    def _contacted(self, attempt: Token) -> Token | None:
        """Whom an attempt to reach someone was aimed at: "Calls to *Hayes's office*",
        "Messages left for *the mayor*", "An email seeking comment from *the company*"."""
        for token in attempt.subtree:
            if token.dep_ != "pobj" or token.head.lower_ not in word_set("non_responses.toward") or token.head.head.i == token.i:
                continue
            if token.lemma_.lower() in self.contacts or token.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            return token
        return None


def _latest_before(partial: AttributedDocument, position: int) -> str | None:
    """The source mentioned last before ``position`` ("Calls were not returned" after its claims)."""
    before = [(m.start, s.id) for s in partial.sources for m in s.mentions if m.start < position]
    return max(before)[1] if before else None


def _subject(token: Token, span: Any) -> Token | None:
    """The subject of the clause the matched phrase belongs to."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX", "ADJ")]
    token = next((t for t in verbs if t.dep_ not in ("aux", "neg", "auxpass")), verbs[0] if verbs else token)
    return clause_subject(token, climb=_CLAUSE_UP, modified_noun=True)


def _make(nlp: Language, config: NonResponsesConfig) -> NonResponsesStep:
    """The non-responses step for ``nlp``; its patterns come from the ``non_responses`` lexicon."""
    matcher, kinds = pattern_matcher(nlp.vocab, "non_responses", lambda entry: NonResponseKind(entry["kind"]))
    contacts = frozenset(entry["word"] for entry in load_lexicon("contact_attempts"))
    return NonResponsesStep(matcher=matcher, kinds=kinds, contacts=contacts)


#: The factory registered as ``attribution.non_responses.v1`` (it takes no options).
make_non_responses = step_factory(NAME, _make)
