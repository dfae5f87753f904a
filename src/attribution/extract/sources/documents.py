"""Documents and their issuers: "according to a release from the Commission ... The
release said" are the Commission's claims, made in a press release.

A speaker phrase that names a document (kind ``document``: "a release from the
commission", "A report released Wednesday by the state auditor's office", "The
statement") stands for whoever issued it, when the text says who:

* the phrase names the issuer: "a release *from the commission*", "a report *by* the
  auditor", "a report released ... *by* the state auditor's office", "*the
  commission's* report";
* or the phrase is definite and the text named the issuer of a document of the same
  kind before: "The release said" after "a release from the commission", "The statement
  added" after "The Ministry of Health said in a statement".

The document's mentions then belong to the issuer's source, and each of its claims gets
the document's medium (the ``documents`` lexicon: "release" -> "press release") unless
the claim already has one. A document whose issuer is not stated stays a source of its
own ("A poll found ...").
"""


from spacy.tokens import Doc, Token

from ...model import Claim, SourceKind
from ..lexicon import load_lexicon, word_set
from ..lexicon_set import per_lexicons
from ..syntax import noun_phrase_bounds
from .coreference import Entity, Resolver
from .descriptors import describe

__all__ = ["document_media", "attribute_documents"]

@per_lexicons
def document_media() -> dict[str, str]:
    """Medium by lower-case document word (the ``documents`` lexicon)."""
    return {entry["word"]: entry["medium"] for entry in load_lexicon("documents")}


def attribute_documents(
    doc: Doc, resolver: Resolver, entity_at: dict[tuple[int, int], Entity], claims: list[Claim]
) -> dict[str, str]:
    """Give the claims of issued documents to their issuers (see the module docstring).

    ``entity_at`` (the entity of each speaker span) is updated in place, and document
    entities whose issuer is found leave ``resolver``.

    Returns:
        The medium to record for each claim id whose source is an issued document.
    """
    media = document_media()
    issuer_of_word: dict[str, Entity] = {}
    medium_claims: dict[str, Entity] = {}
    merged: dict[int, Entity] = {}
    media_of_claims: dict[str, str] = {}
    for claim in sorted(claims, key=lambda c: c.source_mention.start if c.source_mention else c.content.start):
        mention = claim.source_mention
        if mention is None:
            continue
        key = (mention.start, mention.end)
        entity = entity_at.get(key)
        if entity is None:
            continue
        entity = merged.get(id(entity), entity)
        head = _head(doc, mention.start, mention.end)
        word = head.lemma_.lower() if head is not None else None
        if entity.kind is SourceKind.DOCUMENT and head is not None:
            issuer = _issuer(doc, resolver, head, mention.start, mention.end)
            if issuer is None and _definite(doc, mention.start, mention.end):
                issuer = issuer_of_word.get(word) or medium_claims.get(media.get(word, ""))
            if issuer is not None and issuer is not entity:
                _merge(resolver, entity_at, merged, entity, issuer)
                issuer_of_word[word] = issuer
                if word in media and claim.medium is None:
                    media_of_claims[claim.id] = media[word]
                entity = issuer
        if claim.medium is not None:
            medium_claims[claim.medium] = entity
    return media_of_claims


def _head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _definite(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].lower_ in word_set("sources.definite")


def _issuer_token(head: Token) -> Token | None:
    """The noun naming who issued the document ``head`` heads, if the phrase says."""
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ in word_set("sources.issued_by"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "acl":  # "a report released Wednesday by the auditor's office"
            for grand in child.children:
                if grand.dep_ in ("agent", "prep") and grand.lower_ in word_set("sources.issued_by"):
                    objects = [g for g in grand.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return None


def _issuer(doc: Doc, resolver: Resolver, head: Token, start: int, end: int) -> Entity | None:
    token = _issuer_token(head)
    if token is None:
        return None
    first, last = noun_phrase_bounds(token)
    issuer_start, issuer_end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
    mention = describe(doc, issuer_start, issuer_end)
    if mention.kind in (SourceKind.DOCUMENT, SourceKind.UNKNOWN) and not mention.name:
        return None
    return resolver.add(mention)


def _merge(
    resolver: Resolver, entity_at: dict[tuple[int, int], Entity], merged: dict[int, Entity], document: Entity, issuer: Entity
) -> None:
    """Move the document's mentions to its issuer and drop the document."""
    for span in document.mentions:
        if span not in issuer.mentions:
            issuer.mentions.append(span)
    for key, entity in entity_at.items():
        if entity is document:
            entity_at[key] = issuer
    merged[id(document)] = issuer
    if document in resolver.entities:
        resolver.entities.remove(document)
