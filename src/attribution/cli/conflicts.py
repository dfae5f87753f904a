"""``attribution conflicts``: who disputes whom, by name.

For each document (document JSON, or plain text that is extracted first) print the
conflict graph: one line per pair of sources with how often and how one rebuts the other,
and under it each rebuttal with the two claims (``--format text``, the default); or the
graph as Graphviz DOT (``--format dot``) or JSON (``--format json``: an object per
document with ``id`` and ``edges``; an object for one PATH, a list for several).
"""

import argparse
from typing import Any

from ..model import AttributedDocument
from .documents import DocumentInput, add_input_arguments, dumps, run_over_documents
from .output import write_out
from .table import clip, plural

__all__ = ["add_parser", "render_conflicts", "run"]

_PROG = "attribution conflicts"


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add the ``conflicts`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "conflicts",
        help="show who disputes whom (text, DOT or JSON)",
        description="Show the conflict graph of each document: which source rebuts which, how often and how.",
    )
    add_input_arguments(parser)
    parser.add_argument("--format", choices=("text", "dot", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--no-merge",
        dest="merge_members",
        action="store_false",
        help="keep a group's members apart instead of counting their rebuttals for the group",
    )
    parser.set_defaults(func=run)
    return parser


def render_conflicts(document: AttributedDocument, *, merge_members: bool = True) -> str:
    """Who disputes whom in ``document``, as readable text."""
    from ..views import conflict_graph

    graph = conflict_graph(document, merge_members=merge_members)
    labels = {node.id: node.label for node in graph.nodes}
    rebuttals = {r.id: r for r in document.rebuttals}
    counts = f"{plural(len(graph.edges), 'conflict')} from {plural(len(document.rebuttals), 'rebuttal')}"
    lines = [f"== {document.id} ==", counts]
    for edge in graph.edges:
        kinds = ", ".join(f"{kind} x{count}" if count > 1 else kind for kind, count in edge.kinds)
        lines.append(f"{labels[edge.source]} ({edge.source}) disputes {labels[edge.target]} ({edge.target}): {kinds}")
        for rebuttal_id in edge.rebuttals:
            rebuttal = rebuttals[rebuttal_id]
            claim, target = document.claim(rebuttal.claim), document.claim(rebuttal.target)
            lines.append(
                f"    {rebuttal.id} {rebuttal.kind.value}: {claim.id} \"{clip(claim.words, 50)}\""
                f" -> {target.id} \"{clip(target.words, 50)}\""
            )
    if graph.unattributed:
        lines.append(f"not drawn (a claim without a source, or within one source): {', '.join(graph.unattributed)}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``attribution conflicts``; returns the exit code."""
    import json

    from ..views import conflict_graph

    results: list[Any] = []

    def show(item: DocumentInput) -> None:
        document = item.document
        assert document is not None
        if args.format == "text":
            write_out(("\n" if results else "") + render_conflicts(document, merge_members=args.merge_members))
            results.append(None)
        elif args.format == "dot":
            write_out(conflict_graph(document, merge_members=args.merge_members).to_dot(name=document.id))
            results.append(None)
        else:
            edges = json.loads(conflict_graph(document, merge_members=args.merge_members).to_json_edges())
            results.append({"id": document.id, "edges": edges})

    status = run_over_documents(args, _PROG, show)
    if args.format == "json":
        payload = results[0] if len(args.paths) == 1 and len(results) == 1 else results
        write_out(dumps(payload))
    return status
