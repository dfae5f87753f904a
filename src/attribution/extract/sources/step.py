"""The ``attribution.sources.v1`` step: sources rebuilt from the claims' speaker phrases.

The claims step records, for each claim, the speaker noun phrase as written
(``source_mention``) and a provisional source. This step rebuilds ``sources`` from those
phrases: each phrase is described (:mod:`attribution.extract.sources.descriptors`: name, kind,
role, seniority, affiliation, nationality, count), the phrases are tied together by
rule-based coreference (:mod:`attribution.extract.sources.coreference`), anonymity is decided, and every
claim is re-pointed at its source. A spokesperson is tied to the source it speaks for
(:mod:`attribution.extract.sources.principals`). A byline at the top of the text
(:mod:`attribution.extract.sources.byline`) goes to ``metadata["author"]`` and is never a source.
"""

from typing import Any

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from ...model import AttributedDocument, Claim, Source, Span
from ...plugins import extractors
from .byline import Byline, find_byline
from .coreference import Entity, Resolver, id_
from .descriptors import describe
from .principals import link_principals

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
    """

    name: str = NAME
    after: tuple[str, ...] = ("attribution.claims.v1",)
    before: tuple[str, ...] = ("attribution.anonymity.v1", "attribution.non_responses.v1")
    byline: bool = True

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with rebuilt sources, re-pointed claims and the author."""
        text = partial.text
        byline = find_byline(text) if self.byline else None
        metadata = dict(partial.metadata)
        if byline is not None:
            metadata["author"] = byline.author
        old = {s.id: s for s in partial.sources}
        claims: list[Claim] = []
        spans: set[tuple[int, int]] = set()
        for claim in partial.claims:
            mention = claim.source_mention
            if mention is not None:
                kept = _outside_byline(text, mention, byline)
                if kept is None:
                    claim = attrs.evolve(claim, source=None, source_mention=None)
                elif kept != mention:
                    claim = attrs.evolve(claim, source_mention=kept)
                if claim.source_mention is not None:
                    spans.add((claim.source_mention.start, claim.source_mention.end))
            claims.append(claim)
        carried: dict[str, Source] = {}
        for source in old.values():
            kept_mentions = [m for m in source.mentions if _outside_byline(text, m, byline) == m]
            if not kept_mentions:
                carried[source.id] = source
            spans.update((m.start, m.end) for m in kept_mentions)
        resolver = Resolver(text)
        entity_at: dict[tuple[int, int], Entity] = {}
        for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
            entity_at[(start, end)] = resolver.add(describe(doc, start, end))
        sources, ids = resolver.sources(text, used=set(carried))
        old_to_new = {}
        for source in old.values():
            for m in source.mentions:
                if (m.start, m.end) in entity_at:
                    old_to_new[source.id] = ids[id_(entity_at[(m.start, m.end)])]
                    break
        repointed = []
        for claim in claims:
            if claim.source_mention is not None:
                new = ids[id_(entity_at[(claim.source_mention.start, claim.source_mention.end)])]
            elif claim.source in carried:
                new = claim.source
            else:
                new = old_to_new.get(claim.source) if claim.source else None
            repointed.append(attrs.evolve(claim, source=new))
        kept_carried = [s for s in carried.values() if s.id in {c.source for c in repointed} or not s.mentions]
        rebuilt = attrs.evolve(
            partial,
            sources=tuple(sources) + tuple(kept_carried),
            claims=tuple(repointed),
            metadata=metadata,
        )
        return link_principals(doc, rebuilt, resolve_mention)


def _outside_byline(text: str, span: Span, byline: Byline | None) -> Span | None:
    """``span`` with any part on the byline's line cut off; None if nothing is left."""
    if byline is None or span.start >= byline.line_end or span.end <= byline.start:
        return span
    start = byline.line_end
    while start < span.end and text[start].isspace():
        start += 1
    if start >= span.end:
        return None
    return Span.of(text, start, span.end)


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
    entity = resolver.add(describe(doc, start, end))
    sources, ids = resolver.sources(partial.text)
    return attrs.evolve(partial, sources=tuple(sources)), ids[id_(entity)]


@extractors.register(NAME)
def make_sources(nlp: Language, **config: Any) -> SourcesStep:
    """The built-in sources step.

    Args:
        nlp: The pipeline (unused; the step works on the parsed Doc).
        **config: ``byline`` (bool, default true): record a byline's author.

    Raises:
        TypeError: An unknown configuration key.
    """
    unknown = set(config) - {"byline"}
    if unknown:
        raise TypeError(f"{NAME}: unknown configuration {', '.join(sorted(unknown))}; valid: byline")
    return SourcesStep(byline=bool(config.get("byline", True)))
