"""The conflict graph: who disputes whom, and its DOT and JSON exports."""

import json
import subprocess
import sys

from hypothesis import given

from attribution.model import AttributedDocument, Claim, Rebuttal, Source, Span
from attribution.testing.strategies import documents
from attribution.views import ConflictGraph, conflict_graph

TEXT = 'Officials said A. One of the officials said B. Rebels said C. "Dr. Q" said D.'


def _span(text: str) -> Span:
    start = TEXT.index(text)
    return Span.of(TEXT, start, start + len(text))


def _document(rebuttals: list[Rebuttal]) -> AttributedDocument:
    return AttributedDocument(
        id="d",
        text=TEXT,
        sources=[
            Source(id="gov", kind="group", mentions=[_span("Officials")]),
            Source(id="gov1", kind="person", member_of="gov", mentions=[_span("One of the officials")]),
            Source(id="reb", kind="group", mentions=[_span("Rebels")]),
            Source(id="q", kind="person", name='Dr. "Q"'),
        ],
        claims=[
            Claim(id="a", source="gov", content=_span("A"), mode="indirect"),
            Claim(id="b", source="gov1", content=_span("B"), mode="indirect"),
            Claim(id="c", source="reb", content=_span("C"), mode="indirect"),
            Claim(id="d", source="q", content=_span("D"), mode="indirect"),
            Claim(id="e", source=None, content=_span("said D"), mode="indirect"),
        ],
        rebuttals=rebuttals,
    )


REBUTTALS = [
    Rebuttal(id="r1", claim="c", target="a", kind="denial"),
    Rebuttal(id="r2", claim="c", target="b", kind="dispute"),
    Rebuttal(id="r3", claim="b", target="c", kind="counterclaim", confidence=0.8),
    Rebuttal(id="r4", claim="e", target="d", kind="response"),
    Rebuttal(id="r5", claim="b", target="a", kind="dispute"),
]


def test_edges_count_who_disputes_whom_with_members_merged_into_their_group() -> None:
    graph = conflict_graph(_document(REBUTTALS))
    assert [(e.source, e.target, e.count, e.rebuttals) for e in graph.edges] == [
        ("reb", "gov", 2, ("r1", "r2")),
        ("gov", "reb", 1, ("r3",)),
    ]
    assert graph.edge("reb", "gov").kinds == (("denial", 1), ("dispute", 1))
    assert [n.id for n in graph.nodes] == ["gov", "reb"]
    assert graph.nodes[0].label == "Officials"
    assert graph.unattributed == ("r4", "r5")  # r4: unattributed claim; r5: within one group
    assert graph.edge("gov", "q") is None


def test_members_can_be_kept_apart() -> None:
    graph = conflict_graph(_document(REBUTTALS), merge_members=False)
    assert {(e.source, e.target) for e in graph.edges} == {("reb", "gov"), ("reb", "gov1"), ("gov1", "reb"), ("gov1", "gov")}
    assert graph.unattributed == ("r4",)


def test_json_edges_export() -> None:
    edges = json.loads(conflict_graph(_document(REBUTTALS)).to_json_edges(indent=2))
    assert edges[0] == {
        "source": "reb", "target": "gov", "source_label": "Rebels", "target_label": "Officials",
        "count": 2, "rebuttals": ["r1", "r2"], "kinds": {"denial": 1, "dispute": 1},
    }
    assert len(edges) == 2


def test_dot_export_quotes_labels_and_draws_every_edge() -> None:
    document = _document([Rebuttal(id="r1", claim="d", target="c", kind="denial"),
                          Rebuttal(id="r2", claim="d", target="a", kind="denial"),
                          Rebuttal(id="r3", claim="d", target="b", kind="dispute")])
    dot = conflict_graph(document).to_dot(name="article")
    assert dot.startswith('digraph "article" {')
    assert '"q" [label="Dr. \\"Q\\""];' in dot
    assert '"q" -> "reb" [label="1: denial", penwidth=1];' in dot
    assert '"q" -> "gov" [label="2: denial, dispute", penwidth=2];' in dot
    assert dot.rstrip().endswith("}")


def test_a_document_without_rebuttals_has_an_empty_graph() -> None:
    graph = conflict_graph(_document([]))
    assert graph == ConflictGraph(nodes=(), edges=())
    assert graph.to_json_edges() == "[]"
    assert "->" not in graph.to_dot()


@given(documents(min_claims=2))
def test_every_rebuttal_is_drawn_once_or_listed_as_unattributed(document: AttributedDocument) -> None:
    graph = conflict_graph(document)
    drawn = [r for e in graph.edges for r in e.rebuttals]
    assert sorted(drawn + list(graph.unattributed)) == sorted(r.id for r in document.rebuttals)
    assert all(e.count == len(e.rebuttals) == sum(n for _, n in e.kinds) for e in graph.edges)
    node_ids = {n.id for n in graph.nodes}
    assert all(e.source in node_ids and e.target in node_ids and e.source != e.target for e in graph.edges)


def test_views_import_without_spacy() -> None:
    code = "import sys, attribution.views; assert 'spacy' not in sys.modules, 'spacy was imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
