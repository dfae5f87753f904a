"""``attribution sources``: who the sources of each document are, and what they said.

Each input is document JSON written by ``attribution extract`` (object, array or JSON
Lines: nothing is extracted twice) or plain text (``-`` for stdin), which is extracted
first. Each source is listed with its kind, name, anonymity, descriptors, group size or
group, mentions, claims, the rebuttals it makes and receives, anonymity conditions and
non-responses (``--format table``, the default), or the same as JSON (``--format json``:
an object for a single document, a list of objects for several). Unreadable inputs
(missing, not UTF-8, empty, JSON that is not a document) are reported on stderr in one
line each and the others still processed; the exit code is then 1.
"""

import argparse
import json
from typing import Any

from ..model import AttributedDocument
from ..serialize import to_dict
from .documents import DocumentInput, add_input_arguments, dumps, run_over_documents
from .output import write_out
from .table import clip, describe_source, escape_controls, fit, plural, terminal_width

__all__ = ["add_parser", "render_sources", "run", "sources_as_dict"]

_PROG = "attribution sources"


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add the ``sources`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "sources",
        help="list each source with its descriptors, anonymity, group and claims",
        description=(
            "List every source of document JSON (or of plain text, extracted first): kind, name, "
            "anonymity, role/seniority/affiliation/nationality, group size or group, mentions, claims, "
            "rebuttals made and received, anonymity conditions and non-responses."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    parser.set_defaults(func=run)
    return parser


def sources_as_dict(document: AttributedDocument) -> dict[str, Any]:
    """The document's sources in JSON form, each with its claims, conditions and non-responses."""
    items = []
    for source in document.sources:
        data = to_dict(source)
        data["members"] = [s.id for s in document.sources if s.member_of == source.id]
        data["claims"] = [
            {"id": c.id, "mode": c.mode.value, "content": c.words, "cue": c.cue.text if c.cue else None}
            for c in document.claims if c.source == source.id
        ]
        data["rebuttals"] = [
            _rebuttal(document, r, r.target) for r in document.rebuttals if _speaker(document, r.claim) == source.id
        ]
        data["rebutted_by"] = [
            _rebuttal(document, r, r.claim) for r in document.rebuttals if _speaker(document, r.target) == source.id
        ]
        data["anonymity_conditions"] = [
            {"id": a.id, "kind": a.kind.value, "evidence": a.evidence.text, "reason": a.reason.text if a.reason else None}
            for a in document.anonymity_conditions if source.id in a.sources
        ]
        data["non_responses"] = [
            {"id": n.id, "kind": n.kind.value, "evidence": n.evidence.text}
            for n in document.non_responses if n.source == source.id
        ]
        items.append(data)
    return {"id": document.id, "author": document.metadata.get("author"), "sources": items}


def _speaker(document: AttributedDocument, claim_id: str) -> str | None:
    return next((c.source for c in document.claims if c.id == claim_id), None)


def _rebuttal(document: AttributedDocument, rebuttal: Any, other_claim: str) -> dict[str, Any]:
    other = _speaker(document, other_claim)
    label = document.source(other).label if other is not None else None
    return {
        "id": rebuttal.id,
        "kind": rebuttal.kind.value,
        "claim": rebuttal.claim,
        "target": rebuttal.target,
        "other_source": other,
        "other_label": label,
    }


def render_sources(document: AttributedDocument, *, width: int | None = None) -> str:
    """The table view of one document's sources, as ``--format table`` shows a document.

    Every line fits ``width`` (default: the terminal's, at most 120 columns), and control
    characters from the article are shown escaped, not obeyed (see
    :func:`~attribution.cli.table.escape_controls`).
    """
    width = terminal_width(width)
    lines = [f"== {document.id} =="]
    if document.metadata.get("author"):
        lines.append(f"author: {document.metadata['author']}")
    lines.append(plural(len(document.sources), "source"))
    for data, source in zip(sources_as_dict(document)["sources"], document.sources):
        lines += ["", f"{source.id}  {source.label}", f"    {describe_source(source)}"]
        if data["members"]:
            lines.append(f"    members: {', '.join(data['members'])}")
        lines.append(f"    mentions: {'; '.join(clip(m.text, 40) for m in source.mentions) or '-'}")
        for claim in data["claims"]:
            cue = f" ({claim['cue']})" if claim["cue"] else ""
            lines.append(f"    claim {claim['id']} {claim['mode']}{cue}: {clip(claim['content'], 70)}")
        for made in data["rebuttals"]:
            whom = f" {made['other_label']} ({made['other_source']})" if made["other_source"] else ""
            lines.append(f"    rebuts{whom}: {made['id']} {made['kind']}, claim {made['claim']} -> {made['target']}")
        for received in data["rebutted_by"]:
            whom = f" {received['other_label']} ({received['other_source']})" if received["other_source"] else ""
            lines.append(
                f"    rebutted by{whom}: {received['id']} {received['kind']}, claim {received['claim']} -> {received['target']}"
            )
        for condition in data["anonymity_conditions"]:
            reason = f"; reason: {clip(condition['reason'], 50)}" if condition["reason"] else ""
            lines.append(f"    anonymity {condition['id']} {condition['kind']}: \"{clip(condition['evidence'], 50)}\"{reason}")
        for response in data["non_responses"]:
            lines.append(f"    non-response {response['id']} {response['kind']}: \"{clip(response['evidence'], 50)}\"")
    shown = [part for line in lines for part in fit(escape_controls(str(line), keep_newlines=False), width)]
    return "\n".join(shown) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``attribution sources``; returns the exit code."""
    results: list[Any] = []

    def show(item: DocumentInput) -> None:
        assert item.document is not None
        if args.format == "json":
            results.append(sources_as_dict(item.document))
        else:
            write_out(("\n" if results else "") + render_sources(item.document))
            results.append(None)

    status = run_over_documents(args, _PROG, show)
    if args.format == "json":
        payload: Any = results[0] if len(args.paths) == 1 and len(results) == 1 else results
        write_out(dumps(payload))
    return status
