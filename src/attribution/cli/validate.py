"""``attribution validate FILE...``: check attributed-document JSON and JSON Lines.

A ``.json`` file holds one document or a JSON array of documents (as ``extract
--format json`` writes), and a ``.jsonl`` (or ``.ndjson``) file one per line; any other
name, and ``-`` (stdin), is recognised by its content (JSON Lines when one of the first
eight non-blank lines is a whole JSON object). Every problem goes to stderr as
``file:line: pointer: message [rule]``, and a summary line per file
(``file: 3 valid, 1 invalid``) to stdout. Exit status: 0 when every document is valid,
1 otherwise, when a file cannot be read, or when the summary cannot be written (one
line on stderr; the other files are still checked). When the reader of stdout goes away
(``| head``), the files are still checked and the exit status still tells whether they
are valid.
"""

import argparse
import os
import sys

from ..serialize import MAX_LINE_BYTES, iter_documents
from .output import OutputError, report_output_error, say, stop_output, write_out
from .table import escape_controls

__all__ = ["add_parser", "run"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson")


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``validate`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "validate",
        help="validate attributed-document JSON or JSON Lines files",
        description=(
            "Validate attributed-document JSON (.json: one document, or an array of them) or "
            "JSON Lines (.jsonl: one per line; other names and - for stdin are recognised by "
            "their content: JSON Lines when one of the first eight non-blank lines is a whole "
            f"JSON object). A line longer than {MAX_LINE_BYTES // 2**20} MiB is reported and "
            "skipped. Problems go to stderr as 'file:line: pointer: message [rule]', a summary "
            "line per file to stdout. Exit status: 0 when all are valid, 1 otherwise."
        ),
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="a .json or .jsonl file; - reads stdin"
    )
    parser.add_argument(
        "--format",
        choices=("auto", "json", "jsonl"),
        default="auto",
        help="how to read the files (default: auto, by extension or content)",
    )
    parser.set_defaults(func=run)


def _format_of(name: str, fmt: str) -> str:
    if fmt != "auto" or name == "-":
        return fmt
    suffix = os.path.splitext(name)[1].lower()
    return "jsonl" if suffix in _JSONL_SUFFIXES else "json" if suffix == ".json" else "auto"


def _check(name: str, fmt: str) -> tuple[int, int]:
    """Validate one file, reporting each problem on stderr; (valid, invalid) counts."""
    shown = "<stdin>" if name == "-" else name
    stream = sys.stdin.buffer if name == "-" else name
    valid = invalid = 0
    for record in iter_documents(stream, source=shown, format=_format_of(name, fmt)):  # type: ignore[call-overload]
        if record.ok:
            valid += 1
            continue
        invalid += 1
        for problem in record.problems:
            line = f"{shown}:{record.line}: {problem} [{problem.rule}]"
            say(escape_controls(line, keep_newlines=False))
    return valid, invalid


def run(args: argparse.Namespace) -> int:
    """Validate every file; returns 0 when all are valid, else 1."""
    failed = False
    summaries = True  # whether stdout still takes them
    for name in args.files:
        try:
            valid, invalid = _check(name, args.format)
        except OSError as error:
            say(escape_controls(f"{name}: cannot read: {error.strerror or error}", keep_newlines=False))
            failed = True
            continue
        failed = failed or invalid > 0
        shown = "<stdin>" if name == "-" else name
        if not summaries:
            continue
        try:
            write_out(escape_controls(f"{shown}: {valid} valid, {invalid} invalid", keep_newlines=False) + "\n")
        except OutputError as error:
            report_output_error(error)
            failed, summaries = True, False
        except BrokenPipeError:  # the reader had enough; the exit status still answers
            stop_output()
            summaries = False
    return 1 if failed else 0
