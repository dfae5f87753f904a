"""``attribution validate FILE...``: check attributed-document JSON and JSON Lines.

A ``.json`` file holds one document or a JSON array of them, and a ``.jsonl`` (or ``.ndjson``) file one per
line; any other name, and ``-`` (stdin), is recognised by its content. Every problem
goes to stderr as ``file:line: pointer: message [rule]``, and a summary line per file
(``file: 3 valid, 1 invalid``) to stdout. Exit status: 0 when every document is valid,
1 otherwise or when a file cannot be read.
"""

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from typing import IO

from ..errors import InputError, Problem, SchemaValidationError
from ..serialize import iter_jsonl, parse_json

__all__ = ["add_parser", "run"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson")


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``validate`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "validate",
        help="validate attributed-document JSON or JSON Lines files",
        description=(
            "Validate attributed-document JSON (.json: one document or an array of them) or JSON Lines (.jsonl: "
            "one per line; other names and - for stdin are recognised by their content: JSON "
            "Lines when the first non-blank line is a whole JSON value). Problems go to stderr "
            "as 'file:line: pointer: message [rule]', a summary line per file to stdout. Exit "
            "status: 0 when all are valid, 1 otherwise."
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


class _Replay:
    """A binary stream that first gives back the lines already read from it."""

    def __init__(self, lines: list[bytes], stream: IO[bytes], name: str) -> None:
        self._lines = lines
        self._stream = stream
        self.name = name

    def readline(self) -> bytes:
        return self._lines.pop(0) if self._lines else self._stream.readline()

    def read(self) -> bytes:
        head, self._lines = b"".join(self._lines), []
        return head + self._stream.read()


def _sniff(stream: IO[bytes], name: str) -> tuple[str, _Replay]:
    """Whether ``stream`` holds ``json`` or ``jsonl``, and the stream to read it from."""
    lines: list[bytes] = []
    while not lines or not lines[-1].strip():
        line = stream.readline()
        if not line:
            break
        lines.append(line)
    replay = _Replay(lines, stream, name)
    if not lines or not lines[-1].strip():
        return "json", replay
    try:
        parse_json(lines[-1])
    except InputError:
        return "json", replay
    return "jsonl", replay


def _report(name: str, line: int | None, problem: Problem) -> None:
    print(f"{name}:{line or 1}: {problem} [{problem.rule}]", file=sys.stderr)


def _check_json(name: str, stream: IO[bytes] | _Replay) -> tuple[int, int]:
    """One document, or a JSON array of documents (what ``attribution extract`` writes)."""
    from ..schema import validate

    try:
        data = parse_json(stream.read(), source=name)
    except InputError as error:
        _report(name, error.line, Problem(pointer="", message=error.reason, rule="input"))
        return 0, 1
    many = isinstance(data, list)
    valid = invalid = 0
    for index, item in enumerate(data if many else [data]):
        try:
            validate(item)
        except SchemaValidationError as error:
            invalid += 1
            for problem in error.problems:
                pointer = f"/{index}{problem.pointer}" if many else problem.pointer
                _report(name, 1, Problem(pointer=pointer, message=problem.message, rule=problem.rule))
        else:
            valid += 1
    return valid, invalid


def _check_jsonl(name: str, stream: IO[bytes] | _Replay) -> tuple[int, int]:
    valid = invalid = 0
    try:
        for record in iter_jsonl(stream, source=name):  # type: ignore[arg-type]
            if record.ok:
                valid += 1
                continue
            invalid += 1
            for problem in record.problems:
                _report(name, record.line, problem)
    except InputError as error:
        _report(name, error.line, Problem(pointer="", message=error.reason, rule="input"))
        invalid += 1
    return valid, invalid


def _check(name: str, stream: IO[bytes], fmt: str) -> tuple[int, int]:
    if fmt == "auto" and name != "-":
        suffix = os.path.splitext(name)[1].lower()
        fmt = "jsonl" if suffix in _JSONL_SUFFIXES else "json" if suffix == ".json" else "auto"
    shown = "<stdin>" if name == "-" else name
    replay: IO[bytes] | _Replay = stream
    if fmt == "auto":
        fmt, replay = _sniff(stream, shown)
    return (_check_jsonl if fmt == "jsonl" else _check_json)(shown, replay)


@contextlib.contextmanager
def _open(name: str) -> Iterator[IO[bytes]]:
    if name == "-":
        yield sys.stdin.buffer
        return
    with open(name, "rb") as stream:
        yield stream


def run(args: argparse.Namespace) -> int:
    """Validate every file; returns 0 when all are valid, else 1."""
    failed = False
    for name in args.files:
        try:
            with _open(name) as stream:
                valid, invalid = _check(name, stream, args.format)
        except OSError as error:
            print(f"{name}: cannot read: {error.strerror or error}", file=sys.stderr)
            failed = True
            continue
        failed = failed or invalid > 0
        print(f"{'<stdin>' if name == '-' else name}: {valid} valid, {invalid} invalid")
    return 1 if failed else 0
