"""Linked-data exports: W3C PROV-O, schema.org, and attribution's own vocabulary.

Requires rdflib (``pip install attribution[rdf]``). :func:`to_graph` builds an
:class:`rdflib.Graph` of one document; :func:`to_prov`, :func:`to_turtle` and
:func:`to_jsonld` serialise it (``attribution export --format prov|turtle|jsonld``).

- **PROV-O**: each claim is a ``prov:Entity`` that ``prov:wasAttributedTo`` its source,
  a ``prov:Agent`` typed ``prov:Person`` or ``prov:Organization`` (groups, documents and
  unknown sources stay plain agents, with an ``attr:`` class). The article is the
  ``prov:Entity`` the claims were found in (``attr:foundIn``): it ``prov:wasQuotedFrom``
  each direct or mixed claim, with a qualified ``prov:Quotation``, and
  ``prov:wasDerivedFrom`` each indirect one. A claim that encloses a nested claim
  ``prov:wasDerivedFrom`` it (the reporter's claim draws on the claim it reports), and a
  spokesperson ``prov:actedOnBehalfOf`` the source it speaks for.
- **schema.org**: each claim is a ``schema:Claim`` (``schema:text``, ``schema:author``,
  ``schema:appearance`` the article); a direct one is also a ``schema:Quotation``
  (``schema:text``, ``schema:spokenByCharacter``, ``schema:isPartOf``). Sources are
  ``schema:Person``, ``schema:Organization``, ``schema:GovernmentOrganization`` ...
- **attribution's vocabulary** (:data:`NAMESPACE`, ``attr:``) says what neither has:
  anonymity and descriptors of sources, anonymity conditions, non-responses and
  rebuttals. Its JSON-LD context (:data:`CONTEXT`, shipped as ``context-1.1.jsonld`` in
  this package) is versioned with the schema.

Node IRIs are ``<base>#claim-<id>``, ``<base>#source-<id>`` and so on, where ``base``
defaults to ``urn:attribution:document:<id>``.
"""

import importlib.resources
import json
from typing import Any
from urllib.parse import quote

from ..model import SCHEMA_VERSION, AttributedDocument, ClaimMode, SourceKind

try:
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import PROV, RDF, RDFS, SDO, XSD
except ImportError as error:  # pragma: no cover - exercised without the extra
    raise ImportError(
        "attribution.rdf needs rdflib: pip install 'attribution[rdf]'"
    ) from error

__all__ = [
    "CONTEXT",
    "CONTEXT_ID",
    "NAMESPACE",
    "to_graph",
    "to_jsonld",
    "to_prov",
    "to_turtle",
]

#: attribution's own vocabulary, versioned with the schema.
NAMESPACE = Namespace(f"urn:attribution:vocab:{SCHEMA_VERSION}#")
ATTR = NAMESPACE

#: The identifier of the JSON-LD context of this version.
CONTEXT_ID = f"urn:attribution:context:{SCHEMA_VERSION}"

#: The JSON-LD context: prefixes ``attr``, ``prov``, ``schema`` and a term per ``attr:`` property.
CONTEXT: dict[str, Any] = json.loads(
    importlib.resources.files(__package__).joinpath(f"context-{SCHEMA_VERSION}.jsonld").read_text(encoding="utf-8")
)["@context"]

_PROV_TYPES = {
    SourceKind.PERSON: PROV.Person,
    SourceKind.ORGANIZATION: PROV.Organization,
    SourceKind.GOVERNMENT: PROV.Organization,
    SourceKind.MEDIA: PROV.Organization,
}
_ATTR_TYPES = {SourceKind.GROUP: ATTR.Group, SourceKind.DOCUMENT: ATTR.DocumentSource, SourceKind.UNKNOWN: ATTR.UnknownSource}
_SCHEMA_TYPES = {
    SourceKind.PERSON: SDO.Person,
    SourceKind.ORGANIZATION: SDO.Organization,
    SourceKind.GOVERNMENT: SDO.GovernmentOrganization,
    SourceKind.MEDIA: SDO.NewsMediaOrganization,
    SourceKind.GROUP: SDO.Organization,
    SourceKind.DOCUMENT: SDO.CreativeWork,
    SourceKind.UNKNOWN: SDO.Thing,
}
_VOCABULARIES = ("prov", "schema")


def _decimal(value: float) -> Literal:
    return Literal(repr(float(value)), datatype=XSD.decimal)


def to_graph(
    document: AttributedDocument,
    *,
    base: str | None = None,
    vocabularies: tuple[str, ...] = _VOCABULARIES,
) -> Graph:
    """The document as an RDF graph.

    Args:
        document: The document.
        base: The IRI its nodes hang off; default ``urn:attribution:document:<id>``.
        vocabularies: Which of ``"prov"`` and ``"schema"`` to use; attribution's own
            terms are always there.

    Returns:
        A new graph with the ``attr``, ``prov`` and ``schema`` prefixes bound.

    Raises:
        ValueError: An unknown vocabulary.
    """
    unknown = sorted(set(vocabularies) - set(_VOCABULARIES))
    if unknown:
        raise ValueError(f"unknown vocabularies {unknown}; choose from {', '.join(_VOCABULARIES)}")
    use_prov, use_schema = "prov" in vocabularies, "schema" in vocabularies
    root = base or f"urn:attribution:document:{quote(document.id, safe='')}"
    graph = Graph()
    graph.bind("attr", ATTR)
    graph.bind("prov", PROV)
    graph.bind("schema", SDO)

    def node(kind: str, ident: str) -> URIRef:
        return URIRef(f"{root}#{kind}-{quote(ident, safe='')}")

    add = graph.add
    article = URIRef(root)
    add((article, ATTR.documentId, Literal(document.id)))
    if use_prov:
        add((article, RDF.type, PROV.Entity))
    if use_schema:
        add((article, RDF.type, SDO.Article))
        add((article, SDO.text, Literal(document.text)))
        author = document.metadata.get("author")
        if isinstance(author, str) and author:
            add((article, SDO.author, Literal(author)))

    for source in document.sources:
        agent = node("source", source.id)
        add((agent, RDFS.label, Literal(source.label)))
        add((agent, ATTR.sourceKind, Literal(source.kind.value)))
        add((agent, ATTR.anonymous, Literal(source.anonymous)))
        if source.kind in _ATTR_TYPES:
            add((agent, RDF.type, _ATTR_TYPES[source.kind]))
        if use_prov:
            add((agent, RDF.type, PROV.Agent))
            if source.kind in _PROV_TYPES:
                add((agent, RDF.type, _PROV_TYPES[source.kind]))
            if source.on_behalf_of is not None:
                add((agent, PROV.actedOnBehalfOf, node("source", source.on_behalf_of)))
        if use_schema:
            add((agent, RDF.type, _SCHEMA_TYPES[source.kind]))
            if source.name:
                add((agent, SDO.name, Literal(source.name)))
            if source.descriptors.role and source.kind is SourceKind.PERSON:
                add((agent, SDO.jobTitle, Literal(source.descriptors.role)))
            if source.member_of is not None:
                add((agent, SDO.memberOf, node("source", source.member_of)))
        for mention in source.mentions:
            add((agent, ATTR.mention, Literal(mention.text)))
        descriptors = source.descriptors
        for term, value in (
            (ATTR.role, descriptors.role),
            (ATTR.seniority, descriptors.seniority),
            (ATTR.affiliation, descriptors.affiliation),
            (ATTR.nationality, descriptors.nationality),
        ):
            if value:
                add((agent, term, Literal(value)))
        if source.count is not None and source.count_qualifier is not None:
            add((agent, ATTR["count"], Literal(source.count)))
            add((agent, ATTR.countQualifier, Literal(source.count_qualifier.value)))
        if source.member_of is not None:
            add((agent, ATTR.memberOf, node("source", source.member_of)))
        if source.on_behalf_of is not None:
            add((agent, ATTR.onBehalfOf, node("source", source.on_behalf_of)))

    for claim in document.claims:
        entity = node("claim", claim.id)
        speaker = node("source", claim.source) if claim.source is not None else None
        add((entity, RDF.type, ATTR.Claim))
        add((entity, ATTR.mode, Literal(claim.mode.value)))
        add((entity, ATTR.foundIn, article))
        add((entity, ATTR.start, Literal(claim.content.start)))
        add((entity, ATTR.end, Literal(claim.content.end)))
        add((entity, ATTR.confidence, _decimal(claim.confidence)))
        for term, span in ((ATTR.cue, claim.cue), (ATTR.speakerMention, claim.source_mention), (ATTR.recipient, claim.recipient)):
            if span is not None:
                add((entity, term, Literal(span.text)))
        if claim.medium:
            add((entity, ATTR.medium, Literal(claim.medium)))
        quoted = claim.mode in (ClaimMode.DIRECT, ClaimMode.MIXED)
        if use_prov:
            add((entity, RDF.type, PROV.Entity))
            add((entity, PROV.value, Literal(claim.words)))
            if speaker is not None:
                add((entity, PROV.wasAttributedTo, speaker))
            if claim.parent is not None:
                add((node("claim", claim.parent), PROV.wasDerivedFrom, entity))
            elif quoted:
                add((article, PROV.wasQuotedFrom, entity))
                quotation = BNode()
                add((article, PROV.qualifiedQuotation, quotation))
                add((quotation, RDF.type, PROV.Quotation))
                add((quotation, PROV.entity, entity))
            else:
                add((article, PROV.wasDerivedFrom, entity))
        if use_schema:
            add((entity, RDF.type, SDO.Claim))
            add((entity, SDO.text, Literal(claim.words)))
            add((entity, SDO.appearance, article))
            if speaker is not None:
                add((entity, SDO.author, speaker))
            if claim.mode is ClaimMode.DIRECT:
                add((entity, RDF.type, SDO.Quotation))
                add((entity, SDO.isPartOf, article))
                if speaker is not None:
                    add((entity, SDO.spokenByCharacter, speaker))

    for rebuttal in document.rebuttals:
        item = node("rebuttal", rebuttal.id)
        add((item, RDF.type, ATTR.Rebuttal))
        add((item, ATTR.kind, Literal(rebuttal.kind.value)))
        add((item, ATTR.claim, node("claim", rebuttal.claim)))
        add((item, ATTR.target, node("claim", rebuttal.target)))
        add((item, ATTR.confidence, _decimal(rebuttal.confidence)))
        add((node("claim", rebuttal.claim), ATTR.rebuts, node("claim", rebuttal.target)))
        for term, span in ((ATTR.evidence, rebuttal.evidence), (ATTR.reference, rebuttal.reference)):
            if span is not None:
                add((item, term, Literal(span.text)))

    for condition in document.anonymity_conditions:
        item = node("anonymity", condition.id)
        add((item, RDF.type, ATTR.AnonymityCondition))
        add((item, ATTR.kind, Literal(condition.kind.value)))
        add((item, ATTR.evidence, Literal(condition.evidence.text)))
        if condition.reason is not None:
            add((item, ATTR.reason, Literal(condition.reason.text)))
        for source_id in condition.sources:
            add((item, ATTR.covers, node("source", source_id)))

    for response in document.non_responses:
        item = node("non-response", response.id)
        add((item, RDF.type, ATTR.NonResponse))
        add((item, ATTR.kind, Literal(response.kind.value)))
        add((item, ATTR.source, node("source", response.source)))
        add((item, ATTR.evidence, Literal(response.evidence.text)))
    return graph


def to_turtle(document: AttributedDocument, *, base: str | None = None) -> str:
    """The document in Turtle: PROV-O, schema.org and attribution's terms."""
    return to_graph(document, base=base).serialize(format="turtle")


def to_prov(document: AttributedDocument, *, base: str | None = None) -> str:
    """The document in PROV-O (with attribution's terms, no schema.org), as Turtle."""
    return to_graph(document, base=base, vocabularies=("prov",)).serialize(format="turtle")


def to_jsonld(document: AttributedDocument, *, base: str | None = None, indent: int = 2) -> str:
    """The document in JSON-LD, compacted with attribution's context (:data:`CONTEXT`).

    The context is written inline, so the output reads back without a network.
    """
    return to_graph(document, base=base).serialize(format="json-ld", context=CONTEXT, indent=indent, auto_compact=True)
