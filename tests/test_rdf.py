"""Linked-data exports: every export parses back with rdflib and says what the document says."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

rdflib = pytest.importorskip("rdflib", reason="the rdf extra is not installed (pip install 'attribution[rdf]')")

from rdflib import Graph, Literal  # noqa: E402
from rdflib.namespace import PROV, RDF, SDO  # noqa: E402

from attribution.model import AttributedDocument, ClaimMode, Source  # noqa: E402
from attribution.rdf import CONTEXT, NAMESPACE, to_graph, to_jsonld, to_prov, to_turtle  # noqa: E402
from attribution.schema import validate  # noqa: E402
from attribution.testing.strategies import documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cipher_brief_pakistan.json"
ATTR = NAMESPACE
AGENT_TYPES = {PROV.Person, PROV.Organization, ATTR.Group, ATTR.DocumentSource, ATTR.UnknownSource}


def reference() -> AttributedDocument:
    return validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def parsed(document: AttributedDocument) -> dict[str, Graph]:
    return {
        "prov": Graph().parse(data=to_prov(document), format="turtle"),
        "turtle": Graph().parse(data=to_turtle(document), format="turtle"),
        "jsonld": Graph().parse(data=to_jsonld(document), format="json-ld"),
    }


def check_against(document: AttributedDocument, graph: Graph, *, schema: bool) -> None:
    assert len(set(graph.subjects(RDF.type, ATTR.Claim))) == len(document.claims)
    claim_nodes = {}
    for claim in document.claims:
        (node,) = [
            c for c in graph.subjects(RDF.type, ATTR.Claim)
            if str(c).endswith(f"#claim-{claim.id}") or str(c).endswith("#claim-" + _quoted(claim.id))
        ]
        claim_nodes[claim.id] = node
        attributions = list(graph.objects(node, PROV.wasAttributedTo))
        assert len(attributions) == (1 if claim.source is not None else 0), claim.id  # one attribution per claim
        assert graph.value(node, PROV.value) == Literal(claim.words)
        assert graph.value(node, ATTR.mode) == Literal(claim.mode.value)
        if schema:
            assert (node, RDF.type, SDO.Claim) in graph
            assert graph.value(node, SDO.text) == Literal(claim.words)
            assert ((node, RDF.type, SDO.Quotation) in graph) == (claim.mode is ClaimMode.DIRECT)
    sources = {}
    for source in document.sources:
        (node,) = [s for s in graph.subjects(ATTR.sourceKind, None) if str(s).endswith("#source-" + _quoted(source.id))]
        sources[source.id] = node
        types = set(graph.objects(node, RDF.type))
        assert PROV.Agent in types and types & AGENT_TYPES, (source.id, types)  # every agent typed
        assert graph.value(node, ATTR.anonymous).toPython() is source.anonymous
        if source.on_behalf_of is not None:
            assert (node, PROV.actedOnBehalfOf, None) in graph
    for claim in document.claims:
        if claim.source is not None:
            assert graph.value(claim_nodes[claim.id], PROV.wasAttributedTo) == sources[claim.source]
        if claim.parent is not None:
            assert (claim_nodes[claim.parent], PROV.wasDerivedFrom, claim_nodes[claim.id]) in graph
    (article,) = graph.subjects(ATTR.documentId, Literal(document.id))
    top = [c for c in document.claims if c.parent is None]
    quoted = {c.id for c in top if c.mode is not ClaimMode.INDIRECT}
    assert {n for n in graph.objects(article, PROV.wasQuotedFrom)} == {claim_nodes[i] for i in quoted}
    quotations = list(graph.objects(article, PROV.qualifiedQuotation))
    assert len(quotations) == len(quoted) and all((q, RDF.type, PROV.Quotation) in graph for q in quotations)
    assert len(set(graph.subjects(RDF.type, ATTR.Rebuttal))) == len(document.rebuttals)
    for rebuttal in document.rebuttals:
        assert (claim_nodes[rebuttal.claim], ATTR.rebuts, claim_nodes[rebuttal.target]) in graph
    assert len(set(graph.subjects(RDF.type, ATTR.NonResponse))) == len(document.non_responses)
    assert len(set(graph.subjects(RDF.type, ATTR.AnonymityCondition))) == len(document.anonymity_conditions)


def _quoted(ident: str) -> str:
    from urllib.parse import quote

    return quote(ident, safe="")


def test_reference_article_exports_parse_back_and_match_the_document():
    document = reference()
    graphs = parsed(document)
    check_against(document, graphs["prov"], schema=False)
    check_against(document, graphs["turtle"], schema=True)
    check_against(document, graphs["jsonld"], schema=True)
    assert graphs["turtle"].isomorphic(graphs["jsonld"])
    assert not list(graphs["prov"].triples((None, None, SDO.Claim)))


def test_reference_article_facts_in_linked_data():
    graph = to_graph(reference())
    base = "urn:attribution:document:cipher_brief_pakistan"
    cia = rdflib.URIRef(f"{base}#source-CIA")
    assert (cia, RDF.type, PROV.Organization) in graph and (cia, RDF.type, SDO.Organization) in graph
    (response,) = graph.subjects(ATTR.source, cia)
    assert graph.value(response, ATTR.kind) == Literal("declined_to_comment")
    pk1 = rdflib.URIRef(f"{base}#source-PK1")
    assert graph.value(pk1, ATTR.anonymous) == Literal(True)
    assert graph.value(pk1, ATTR.nationality) == Literal("Pakistani")
    (condition,) = graph.subjects(ATTR.covers, pk1)
    assert graph.value(condition, ATTR.kind) == Literal("condition_of_anonymity")


def test_jsonld_uses_the_shipped_context_inline():
    data = json.loads(to_jsonld(reference()))
    assert data["@context"]["attr"] == str(NAMESPACE) == CONTEXT["attr"]
    assert data["@context"]["prov"] == str(PROV)
    shipped = json.loads((ROOT / "src" / "attribution" / "rdf" / "context-1.1.jsonld").read_text(encoding="utf-8"))
    assert shipped["@context"] == CONTEXT


def test_every_attr_term_used_is_in_the_context():
    graph = to_graph(reference())
    spokes = AttributedDocument(
        id="s", text="x", sources=[Source(id="a", kind="person"), Source(id="b", kind="group", on_behalf_of="a")]
    )
    used = {str(t) for triple in [*graph, *to_graph(spokes)] for t in triple if str(t).startswith(str(NAMESPACE))}
    iris = [v if isinstance(v, str) else v.get("@id", "") for v in CONTEXT.values() if isinstance(v, str | dict)]
    defined = {CONTEXT["attr"] + iri.removeprefix("attr:") for iri in iris if iri.startswith("attr:")}
    assert used <= defined, sorted(used - defined)


@settings(max_examples=25, deadline=None)
@given(documents(max_sources=4, max_claims=4))
def test_any_document_exports_and_parses_back(document):
    for name, graph in parsed(document).items():
        check_against(document, graph, schema=name != "prov")


def test_unknown_vocabulary_is_rejected():
    with pytest.raises(ValueError, match="choose from prov, schema"):
        to_graph(reference(), vocabularies=("dc",))


def test_the_docs_excerpts_are_in_the_exports():
    import re

    page = (ROOT / "docs" / "linked-data.md").read_text(encoding="utf-8")
    full = to_graph(reference())
    (turtle,) = re.findall(r"```turtle\n(.*?)```", page, re.DOTALL)
    (jsonld,) = re.findall(r"```json\n(.*?)```", page, re.DOTALL)
    for excerpt in (Graph().parse(data=turtle, format="turtle"), Graph().parse(data=jsonld, format="json-ld")):
        missing = [t for t in excerpt if t not in full]
        assert len(excerpt) > 10 and not missing, missing
