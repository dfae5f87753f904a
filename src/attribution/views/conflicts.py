"""Read-only views over an :class:`~attribution.model.AttributedDocument`.

:func:`conflict_graph` shows who disputes whom: the sources are nodes, and an edge runs
from the source of a rebutting claim to the source of the claim it rebuts, with how
often and through which rebuttals. The graph is plain Python (no networkx); export it
with :meth:`ConflictGraph.to_dot` (Graphviz) or :meth:`ConflictGraph.to_json_edges`
(a JSON list that graph tools load as an edge list)::

    graph = conflict_graph(document)
    for edge in graph.edges:
        print(edge.source, "disputes", edge.target, edge.count, "time(s)")
    Path("conflicts.dot").write_text(graph.to_dot())  # then: dot -Tsvg conflicts.dot

Like :mod:`attribution.model`, this module imports neither spaCy nor anything that
does I/O.
"""

import json
from collections import Counter

import attrs

from ..model import AttributedDocument, Source

__all__ = ["ConflictEdge", "ConflictGraph", "SourceNode", "conflict_graph"]


@attrs.frozen(kw_only=True)
class SourceNode:
    """A source in the conflict graph.

    Attributes:
        id: The source's id.
        label: A readable name: the source's name, else its first mention, else its id.
        kind: The source's kind ("person", "group", ...).
    """

    id: str
    label: str
    kind: str


@attrs.frozen(kw_only=True)
class ConflictEdge:
    """How often one source rebuts another.

    Attributes:
        source: The id of the rebutting source.
        target: The id of the rebutted source.
        count: The number of rebuttals from ``source`` to ``target``.
        rebuttals: Their ids, in document order.
        kinds: How many of each kind ("denial", "dispute", ...), sorted by kind.
    """

    source: str
    target: str
    count: int
    rebuttals: tuple[str, ...]
    kinds: tuple[tuple[str, int], ...]


@attrs.frozen(kw_only=True)
class ConflictGraph:
    """Who disputes whom in one document.

    Attributes:
        nodes: The sources that rebut or are rebutted, in document order.
        edges: One edge per (rebutting source, rebutted source) pair, in order of first
            rebuttal.
        unattributed: Ids of rebuttals left out because one of the two claims has no
            source (or both claims resolve to the same source).
    """

    nodes: tuple[SourceNode, ...]
    edges: tuple[ConflictEdge, ...]
    unattributed: tuple[str, ...] = ()

    def edge(self, source: str, target: str) -> ConflictEdge | None:
        """The edge from ``source`` to ``target``, if there is one."""
        return next((e for e in self.edges if e.source == source and e.target == target), None)

    def to_json_edges(self, *, indent: int | None = None) -> str:
        """The edges as a JSON array, one object per edge.

        Each object has ``source``, ``target`` (source ids), ``source_label``,
        ``target_label``, ``count``, ``rebuttals`` (rebuttal ids) and ``kinds`` (kind ->
        count); tools such as ``networkx.node_link_graph`` or d3 read it after a rename.

        Args:
            indent: Passed to :func:`json.dumps`.
        """
        labels = {n.id: n.label for n in self.nodes}
        return json.dumps(
            [
                {
                    "source": e.source,
                    "target": e.target,
                    "source_label": labels[e.source],
                    "target_label": labels[e.target],
                    "count": e.count,
                    "rebuttals": list(e.rebuttals),
                    "kinds": dict(e.kinds),
                }
                for e in self.edges
            ],
            indent=indent,
            ensure_ascii=False,
        )

    def to_dot(self, *, name: str = "conflicts") -> str:
        """The graph in Graphviz DOT: a digraph, edges labelled with count and kinds.

        Render it with ``dot -Tsvg file.dot > file.svg``.

        Args:
            name: The graph's name in the DOT text.
        """
        lines = [f"digraph {_quote(name)} {{", "  rankdir=LR;", "  node [shape=box];"]
        for node in self.nodes:
            lines.append(f"  {_quote(node.id)} [label={_quote(node.label)}];")
        for edge in self.edges:
            kinds = ", ".join(f"{kind} {count}" if count > 1 else kind for kind, count in edge.kinds)
            label = f"{edge.count}: {kinds}"
            lines.append(
                f"  {_quote(edge.source)} -> {_quote(edge.target)} [label={_quote(label)}, penwidth={min(edge.count, 5)}];"
            )
        lines.append("}")
        return "\n".join(lines) + "\n"


def conflict_graph(document: AttributedDocument, *, merge_members: bool = True) -> ConflictGraph:
    """Who disputes whom in ``document``, from its rebuttals.

    Args:
        document: The document.
        merge_members: Count a member's rebuttals for its group ("one of the officials"
            speaks for "the officials"), following ``member_of`` to the outermost group.

    Returns:
        The graph; rebuttals whose claims lack a source, or whose two claims come from
        the same (merged) source, are listed in ``unattributed`` instead of drawn.
    """
    sources = {s.id: s for s in document.sources}
    claims = {c.id: c for c in document.claims}

    def node_of(source_id: str) -> str:
        if not merge_members:
            return source_id
        seen = {source_id}
        current = sources.get(source_id)
        while current is not None and current.member_of and current.member_of not in seen:
            seen.add(current.member_of)
            source_id = current.member_of
            current = sources.get(source_id)
        return source_id

    pairs: dict[tuple[str, str], list[str]] = {}
    kinds: dict[tuple[str, str], Counter[str]] = {}
    unattributed = []
    for rebuttal in document.rebuttals:
        claim, target = claims.get(rebuttal.claim), claims.get(rebuttal.target)
        if claim is None or target is None or claim.source is None or target.source is None:
            unattributed.append(rebuttal.id)
            continue
        key = (node_of(claim.source), node_of(target.source))
        if key[0] == key[1]:
            unattributed.append(rebuttal.id)
            continue
        pairs.setdefault(key, []).append(rebuttal.id)
        kinds.setdefault(key, Counter())[rebuttal.kind.value] += 1
    used = {s for pair in pairs for s in pair}
    nodes = tuple(_node(sources[s]) if s in sources else SourceNode(id=s, label=s, kind="unknown")
                  for s in [*(s.id for s in document.sources if s.id in used), *sorted(used - set(sources))])
    edges = tuple(
        ConflictEdge(source=a, target=b, count=len(ids), rebuttals=tuple(ids), kinds=tuple(sorted(kinds[(a, b)].items())))
        for (a, b), ids in pairs.items()
    )
    return ConflictGraph(nodes=nodes, edges=edges, unattributed=tuple(unattributed))


def _node(source: Source) -> SourceNode:
    return SourceNode(id=source.id, label=source.label, kind=source.kind.value)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
