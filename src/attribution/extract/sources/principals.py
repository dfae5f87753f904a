"""Spokespersons: a source that speaks for another ("a spokeswoman for Hargrove").

A source whose role is marked ``"speaks_for": true`` in the ``roles`` lexicon
(spokesman, spokeswoman, spokesperson, lawyer, attorney, press secretary) and whose phrase
names an affiliation ("for Hargrove", "the governor's", "State Department") acts on
behalf of that affiliation: the affiliation's words are tied to a source (an existing one
when the text already has it, else a new one) and recorded as the spokesperson's
``on_behalf_of`` (schema 1.1).
"""

from collections.abc import Callable

import attrs
from spacy.tokens import Doc

from ...model import AttributedDocument, Source
from ..lexicon_set import per_lexicons
from .descriptors import source_vocabulary

#: Ties a phrase of the text to a source: (doc, document, start, end) -> (document, source id).
Resolve = Callable[[Doc, AttributedDocument, int, int], tuple[AttributedDocument, str]]

__all__ = ["link_principals", "speaking_roles"]


@per_lexicons
def speaking_roles() -> frozenset[str]:
    """The lower-case role forms (singular and plural) that speak for someone else (once per
    pipeline's lexicons: see :func:`~attribution.extract.lexicon_set.per_lexicons`)."""
    return frozenset(form for form, entry in source_vocabulary().roles.items() if entry.get("speaks_for"))


def _affiliation_span(source: Source, affiliation: str) -> tuple[int, int] | None:
    for mention in source.mentions:
        at = mention.text.find(affiliation)
        if at >= 0:
            return mention.start + at, mention.start + at + len(affiliation)
    return None


def link_principals(doc: Doc, partial: AttributedDocument, resolve: Resolve) -> AttributedDocument:
    """``partial`` with ``on_behalf_of`` set on each spokesperson whose principal is named.

    Args:
        doc: The parsed text.
        partial: The document with its sources built.
        resolve: Ties the principal's words to a source, creating one if none fits
            (:func:`~attribution.extract.sources.step.resolve_mention`).
    """
    roles = speaking_roles()
    links: dict[str, str] = {}
    for source in partial.sources:
        role, affiliation = source.descriptors.role, source.descriptors.affiliation
        if source.on_behalf_of is not None or not role or not affiliation or role.lower() not in roles:
            continue
        span = _affiliation_span(source, affiliation)
        if span is None:
            continue
        partial, principal = resolve(doc, partial, *span)
        if principal != source.id:
            links[source.id] = principal
    if not links:
        return partial
    return attrs.evolve(
        partial,
        sources=tuple(
            attrs.evolve(s, on_behalf_of=links[s.id]) if s.id in links else s for s in partial.sources
        ),
    )
