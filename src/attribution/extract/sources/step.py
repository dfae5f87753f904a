"""The ``attribution.sources.v1`` step: sources rebuilt from the claims' speaker phrases.

The claims step records, for each claim, the speaker noun phrase as written
(``source_mention``) and a provisional source. This step rebuilds ``sources`` from those
phrases: each phrase is described (:mod:`attribution.extract.sources.descriptors`: name, kind,
role, seniority, affiliation, nationality, count), the phrases are tied together by
rule-based coreference (:mod:`attribution.extract.sources.coreference`), anonymity is decided, and every
claim is re-pointed at its source. A spokesperson is tied to the source it speaks for
(:mod:`attribution.extract.sources.principals`). A byline at the top of the text
(:mod:`attribution.extract.sources.byline`) goes to ``metadata["author"]`` and is never a source;
nor is a dateline ("HARBOR CITY (AP) — The county sheriff said": the speaker is the
sheriff). Besides the speaker phrases, the step reads:

* descriptions the text introduces for an unnamed source
  (:mod:`attribution.extract.sources.introduced`), so that "the official" later is the
  "woman who could be identified only as a 'senior Treasury official'";
* the people the text names in full, so that a surname alone ("Marchetti praised") is
  that person even when the full name came outside any claim;
* whom each claim was told to: a bare plural ("aides told Reuters") is not the group
  that told someone else;
* documents and their issuers (:mod:`attribution.extract.sources.documents`): "The
  release said" is the claim of whoever issued the release;
* the people the text names as the subject of a clause outside any claim
  (:mod:`attribution.extract.sources.sightings`), whom a pronoun after them may mean.
"""

from collections.abc import Iterable

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from ...model import AttributedDocument, Claim, Source, SourceKind, Span
from .._doctext import doc_ents
from ..matching import GatedMatcher
from ..steps import SourcesConfig, builtin_step, step_factory
from .apposition import apposition_after, read_apposition, without_relative_clause
from .byline import Byline, find_byline, find_datelines
from .coreference import Entity, Resolver, id_
from .descriptors import Mention, describe
from .documents import attribute_documents
from .introduced import introduction_matcher, introductions, merge_introduced
from .principals import link_principals
from .sightings import Sighting, sightings

__all__ = ["SourcesStep", "make_sources", "resolve_mention"]

NAME = "attribution.sources.v1"


@attrs.define
class SourcesStep:
    """Rebuild ``sources`` from the claims' ``source_mention`` phrases.

    Attributes:
        name: ``"attribution.sources.v1"``.
        after: Runs after the claims step.
        before: Runs before anonymity and non-responses.
        byline: Whether to look for a byline and record its author.
        introductions: The matcher and verb lemmas of the ``introductions`` lexicon
            (:mod:`.introduced`); ``None`` looks for no introduced descriptions.
    """

    name: str = NAME
    after: tuple[str, ...] = builtin_step(NAME).after
    before: tuple[str, ...] = builtin_step(NAME).before
    byline: bool = True
    introductions: "tuple[GatedMatcher, frozenset[str]] | None" = None

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with rebuilt sources, re-pointed claims and the author."""
        text = partial.text
        byline = find_byline(text) if self.byline else None
        metadata = dict(partial.metadata)
        if byline is not None:
            metadata["author"] = byline.author
        furniture = _furniture(text, byline)
        old = {s.id: s for s in partial.sources}
        claims: list[Claim] = []
        spans: set[tuple[int, int]] = set()
        said: dict[tuple[int, int], Mention] = {}  # what each speaker phrase states
        rewritten: dict[tuple[int, int], tuple[int, int] | None] = {}  # speaker phrases as read
        for claim in partial.claims:
            mention = claim.source_mention
            if mention is not None:
                kept = _outside(text, mention, furniture)
                if kept is None:
                    kept = _after_dateline(doc, text, claim, furniture)
                if kept is not None:
                    kept, said[(kept.start, kept.end)] = _read_speaker(doc, text, kept)
                rewritten[(mention.start, mention.end)] = (kept.start, kept.end) if kept is not None else None
                if kept is None:
                    claim = attrs.evolve(claim, source=None, source_mention=None)
                elif kept != mention:
                    claim = attrs.evolve(claim, source_mention=kept)
                if claim.source_mention is not None:
                    spans.add((claim.source_mention.start, claim.source_mention.end))
            claims.append(claim)
        carried: dict[str, Source] = {}
        for source in old.values():
            kept_mentions = [
                rewritten[key] if key in rewritten else key
                for m in source.mentions
                if (key := (m.start, m.end)) in rewritten or _outside(text, m, furniture) == m
            ]
            kept_mentions = [key for key in kept_mentions if key is not None]
            if not kept_mentions:
                carried[source.id] = source
            spans.update(kept_mentions)
        introduced: dict[tuple[int, int], Mention] = {}
        if self.introductions is not None:
            # A speaker phrase that starts the introduction ("A man" said, of "A man who
            # would be described only as ...") takes what the description states.
            speaker_at = {start: (start, end) for start, end in spans}
            for found in introductions(doc, *self.introductions):
                introduced[speaker_at.get(found.start, (found.start, found.end))] = found
        recipients = {
            (c.source_mention.start, c.source_mention.end): c.recipient.text.lower().removeprefix("the ")
            for c in claims if c.source_mention is not None and c.recipient is not None
        }
        people = _people(doc)
        resolver = Resolver(text)
        entity_at: dict[tuple[int, int], Entity] = {}
        seen = {(start, end): rest for start, end, *rest in sightings(doc, claims, spans, people)}
        for start, end in sorted(spans | set(introduced) | set(seen), key=lambda s: (s[0], -s[1])):
            if (start, end) in seen and (start, end) not in spans and (start, end) not in introduced:
                _sight(doc, resolver, [(start, end, *seen[(start, end)])], people)
                continue
            if (start, end) not in introduced:
                mention = said.get((start, end)) or describe(doc, start, end)
            elif (start, end) in spans:
                mention = merge_introduced(said.get((start, end)) or describe(doc, start, end), introduced[(start, end)])
            else:
                mention = introduced[(start, end)]
            entity_at[(start, end)] = resolver.add(
                _known_person(mention, people), recipient=recipients.get((start, end))
            )
        media = attribute_documents(doc, resolver, entity_at, claims)
        sources, ids = resolver.sources(text, used=set(carried))
        old_to_new = {}
        for source in old.values():
            for m in source.mentions:
                key = rewritten.get((m.start, m.end), (m.start, m.end))
                if key in entity_at:
                    old_to_new[source.id] = ids[id_(entity_at[key])]
                    break
        repointed = []
        for claim in claims:
            if claim.source_mention is not None:
                new = ids[id_(entity_at[(claim.source_mention.start, claim.source_mention.end)])]
            elif claim.source in carried:
                new = claim.source
            else:
                new = old_to_new.get(claim.source) if claim.source else None
            if claim.id in media:
                claim = attrs.evolve(claim, medium=media[claim.id])
            repointed.append(claim if claim.source == new else attrs.evolve(claim, source=new))
        kept_carried = [s for s in carried.values() if s.id in {c.source for c in repointed} or not s.mentions]
        rebuilt = attrs.evolve(
            partial,
            sources=tuple(sources) + tuple(kept_carried),
            claims=tuple(repointed),
            metadata=metadata,
        )
        return link_principals(doc, rebuilt, resolve_mention)


def _people(doc: Doc) -> dict[str, tuple[int, str]]:
    """Full names of people the text names (its PERSON entities of two or more words), by
    surname: where each is first named, and the name."""
    people: dict[str, tuple[int, str]] = {}
    for entity in doc_ents(doc):
        if entity.label_ == "PERSON" and len(entity) >= 2 and entity[-1].text[:1].isupper():
            people.setdefault(entity[-1].text, (entity.start_char, entity.text))
    return people


def _sight(
    doc: Doc, resolver: Resolver, found: Iterable[Sighting], people: dict[str, tuple[int, str]], before: int | None = None
) -> None:
    """Show ``resolver`` the people named in ``found`` (before ``before``, if given)."""
    for start, end, scope_end, sentence_end in found:
        if before is None or start < before:
            named = attrs.evolve(describe(doc, start, end), kind=SourceKind.PERSON)
            resolver.sight(_known_person(named, people), scope_end, sentence_end)


def _known_person(mention: Mention, people: dict[str, tuple[int, str]]) -> Mention:
    """A surname alone ("Marchetti praised ...") names the person the text named in full
    before, even outside any claim ("The committee heard from Daniel Marchetti")."""
    if mention.reference != "name" or not mention.name or " " in mention.name:
        return mention
    known = people.get(mention.name)
    if known is None or known[0] >= mention.start or mention.kind not in (SourceKind.PERSON, SourceKind.UNKNOWN, SourceKind.ORGANIZATION):
        return mention
    return attrs.evolve(mention, name=known[1], kind=SourceKind.PERSON)


def _read_speaker(doc: Doc, text: str, span: Span) -> tuple[Span, Mention]:
    """The speaker phrase without a relative clause, run on over a name in apposition,
    and what it states (:mod:`attribution.extract.sources.apposition`)."""
    end = without_relative_clause(doc, span.start, span.end)
    mention = describe(doc, span.start, end)
    after = apposition_after(doc, span.start, end)
    read = None if after is None else read_apposition(doc, span.start, end, mention, describe(doc, *after))
    if read is not None:
        end, mention = read
    return (span if end == span.end else Span.of(text, span.start, end)), mention


def _furniture(text: str, byline: Byline | None) -> list[tuple[int, int]]:
    """The spans of the text that are never a speaker: the byline's line, the datelines."""
    spans = find_datelines(text)
    if byline is not None:
        spans.append((byline.start, byline.line_end))
    return spans


def _outside(text: str, span: Span, furniture: list[tuple[int, int]]) -> Span | None:
    """``span`` with any part in the byline or a dateline cut off; None if nothing is left."""
    start = span.start
    for first, last in furniture:
        if start < last and span.end > first:
            start = max(start, last)
    if start == span.start:
        return span
    while start < span.end and text[start].isspace():
        start += 1
    if start >= span.end:
        return None
    return Span.of(text, start, span.end)


def _after_dateline(doc: Doc, text: str, claim: Claim, furniture: list[tuple[int, int]]) -> Span | None:
    """The speaker a dateline hid: "HARBOR CITY (AP) — *The county sheriff* said ...".

    When the speaker phrase lay wholly in a dateline and the claim's cue follows it, the
    words between the dateline and the cue are the speaker, if they are a short phrase
    with a noun.
    """
    mention, cue = claim.source_mention, claim.cue
    if mention is None or cue is None:
        return None
    end_of = next((last for first, last in furniture if first <= mention.start < last), None)
    if end_of is None or cue.start <= end_of:
        return None
    words = doc.char_span(end_of, cue.start, alignment_mode="contract")
    if words is None or not 0 < len(words) <= 8 or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return None
    if any(t.is_punct for t in words):
        return None
    return Span.of(text, words.start_char, words.end_char)


def resolve_mention(doc: Doc, partial: AttributedDocument, start: int, end: int) -> tuple[AttributedDocument, str]:
    """Tie the phrase ``text[start:end]`` to a source of ``partial``, creating one if none fits.

    Used by the later steps ("The CIA declined to comment": the CIA may have made no
    claim). The existing sources keep their ids; the mention is added to the source it
    resolves to.

    Returns:
        The document with the updated sources, and the id of the phrase's source.
    """
    entities = [Entity.from_source(s) for s in partial.sources]
    by_id = {e.source_id: e for e in entities}
    for entity, source in zip(entities, partial.sources):
        if source.member_of in by_id:
            entity.member_of = by_id[source.member_of]
    resolver = Resolver(partial.text, entities)
    mention = describe(doc, start, end)
    if mention.reference == "pronoun":  # "She did not respond": a person named before may be meant
        speakers = {(c.source_mention.start, c.source_mention.end) for c in partial.claims if c.source_mention}
        people = _people(doc)
        _sight(doc, resolver, sightings(doc, partial.claims, speakers, people), people, before=start)
    entity = resolver.add(mention, forward=True)
    sources, ids = resolver.sources(partial.text)
    return attrs.evolve(partial, sources=tuple(sources)), ids[id_(entity)]


def _make(nlp: Language, config: SourcesConfig) -> SourcesStep:
    """The sources step (its introductions matcher uses ``nlp``'s vocabulary)."""
    return SourcesStep(byline=config.byline, introductions=introduction_matcher(nlp.vocab))


#: The factory registered as ``attribution.sources.v1``: ``make_sources(nlp, byline=False)``.
make_sources = step_factory(NAME, _make)
