"""Reading documents: one JSON document, a JSON array of them, or JSON Lines."""

import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, Literal

from ..errors import InputError, Problem
from ._json import check_value, decode, parse_json, strict_decoder, value_error
from ._lines import CHUNK, MAX_LINE_BYTES, TooLong, format_size, lines, too_long
from ._records import DocumentRecord, unreadable, validated

#: The largest JSON (not JSON Lines) input :func:`iter_documents` reads: 256 MiB.
#: A JSON value is parsed whole, so larger collections belong in JSON Lines.
MAX_JSON_BYTES = 256 * 2**20

_SNIFF_LINES = 8
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _record(line_number: int, raw: str | bytes, source: str | None, offset: int) -> DocumentRecord:
    try:
        value = parse_json(raw, source=source, line=line_number, offset=offset)
    except InputError as error:
        return unreadable(error, line_number)
    return validated(value, line_number)


def _jsonl_records(
    items: Iterable[str | bytes | TooLong], source: str | None, limit: int
) -> Iterator[DocumentRecord]:
    """One record per non-blank line; nothing at all for an empty or blank stream."""
    offset = 0
    for number, raw in enumerate(items, start=1):
        if isinstance(raw, TooLong):
            yield too_long(raw, number, limit)
            offset += raw.size
            continue
        if raw.strip():
            yield _record(number, raw, source, offset)
        offset += len(raw)  # in bytes for binary files, characters for text files


def _open_or_use(
    fp_or_path: IO[str] | IO[bytes] | str | os.PathLike[str], source: str | None
) -> tuple[IO[str] | IO[bytes] | None, str | None]:
    if isinstance(fp_or_path, str | os.PathLike):
        return None, source if source is not None else os.fspath(fp_or_path)
    if source is None:
        name = getattr(fp_or_path, "name", None)
        source = name if isinstance(name, str) else None
    return fp_or_path, source


def iter_jsonl(
    fp_or_path: IO[str] | IO[bytes] | str | os.PathLike[str],
    *,
    source: str | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[DocumentRecord]:
    """Stream the records of a JSON Lines file, one :class:`DocumentRecord` per line.

    Blank lines are skipped. Each line is parsed and validated alone, so a bad line
    gives a record with problems and reading goes on. A line longer than
    ``max_line_bytes`` gives a record with the rule ``line-length`` and is skipped
    (see :data:`MAX_LINE_BYTES`), so memory stays bounded whatever the input.

    Args:
        fp_or_path: A path, or a file opened for reading (binary mode is best: a
            non-UTF-8 byte is then reported on its line).
        source: The file name for messages; defaults to the path or the file's name.
        max_line_bytes: The longest line read.

    Yields:
        A record per non-blank line, in order.

    Raises:
        attribution.errors.InputError: The file holds no record at all (it is empty
            or blank), or a text-mode file is not UTF-8.
    """
    fp, source = _open_or_use(fp_or_path, source)
    if fp is None:
        with open(fp_or_path, "rb") as file:  # type: ignore[arg-type]
            yield from iter_jsonl(file, source=source, max_line_bytes=max_line_bytes)
        return
    seen = False
    for record in _jsonl_records(lines(fp, max_line_bytes), source, max_line_bytes):
        seen = True
        yield record
    if not seen:
        raise InputError("no JSON Lines records: the file is empty or blank", source=source)


def _sniff(items: Iterator[str | bytes | TooLong]) -> tuple[str, list[str | bytes | TooLong]]:
    """``jsonl`` when one of the first non-blank lines is a whole JSON object, else ``json``."""
    head: list[str | bytes | TooLong] = []
    non_blank = 0
    for item in items:
        head.append(item)
        if isinstance(item, TooLong):
            return "jsonl", head
        if not item.strip():
            continue
        non_blank += 1
        try:
            if isinstance(parse_json(item), dict):
                return "jsonl", head
        except InputError:
            pass
        if non_blank >= _SNIFF_LINES:
            break
    return "json", head


def _read_rest(fp: IO[str] | IO[bytes], head: list[Any], limit: int) -> str | bytes | None:
    """What is left of ``fp`` after ``head``, joined; ``None`` when over ``limit``."""
    parts = list(head)
    size = sum(len(part) for part in parts)
    while size <= limit:
        chunk = fp.read(CHUNK)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        return None
    if not parts:
        return b""
    return b"".join(parts) if isinstance(parts[0], bytes) else "".join(parts)


def _array_records(text: str, start: int, source: str | None) -> Iterator[DocumentRecord]:
    """One record per element of the JSON array at ``text[start]``, each with its line."""
    flags: list[str] = []
    decoder = strict_decoder(flags)
    line, counted = 1, 0

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, position)
        counted = position
        return line

    def broken(message: str, position: int, index: int | None = None) -> DocumentRecord:
        where = line_at(position)
        column = position - text.rfind("\n", 0, position)
        problem = Problem(pointer="", message=f"malformed JSON: {message} at line {where} column {column}", rule="input")
        return DocumentRecord(line=where, document=None, problems=(problem,), index=index)

    position = _WHITESPACE.match(text, start + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", position):
        problem = Problem(pointer="", message="no documents: the array is empty", rule="input")
        yield DocumentRecord(line=line_at(position), document=None, problems=(problem,))
        position += 1
    else:
        for index in itertools.count():
            flags.clear()
            element_line = line_at(position)
            try:
                value, end = decoder.raw_decode(text, position)
            except json.JSONDecodeError as error:
                yield broken(error.msg.removesuffix(" at"), error.pos, index)
                return
            except RecursionError:
                yield broken("nested too deeply", position, index)
                return
            except ValueError as error:
                yield unreadable(value_error(error, source=source, line=element_line), element_line, index)
                return
            try:
                check_value(value, text[position:end], flags, source=source, line=element_line, pointer=f"/{index}")
            except InputError as error:
                yield unreadable(error, element_line, index)
            else:
                yield validated(value, element_line, index)
            position = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
            if text.startswith(",", position):
                position = _WHITESPACE.match(text, position + 1).end()  # type: ignore[union-attr]
                continue
            if text.startswith("]", position):
                position += 1
                break
            yield broken("expected ',' or ']' after an array element", position)
            return
    position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
    if position < len(text):
        yield broken("extra data after the array", position)


def _json_records(data: str | bytes, source: str | None) -> Iterator[DocumentRecord]:
    try:
        text = decode(data, source=source, line=None, offset=0).removeprefix("\ufeff")
    except InputError as error:
        yield unreadable(error, 1)
        return
    start = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if text.startswith("[", start):
        yield from _array_records(text, start, source)
        return
    try:
        value = parse_json(text, source=source)
    except InputError as error:
        yield unreadable(error, 1)
        return
    yield validated(value, 1)


def iter_documents(
    fp_or_path: IO[str] | IO[bytes] | str | os.PathLike[str],
    *,
    source: str | None = None,
    format: Literal["auto", "json", "jsonl"] = "auto",  # noqa: A002 - the CLI's word
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[DocumentRecord]:
    """Every document in a stream, valid or not, as :class:`DocumentRecord` objects.

    The stream holds one JSON document, a JSON array of documents (as ``attribution
    extract --format json`` writes for several inputs), or JSON Lines. With
    ``format="auto"`` the content decides: JSON Lines when one of the first eight
    non-blank lines is a whole JSON object (so a broken first line does not hide the
    rest), else JSON. Nothing here raises for bad content: every problem, including
    an empty stream, an over-long line (see :data:`MAX_LINE_BYTES`) or JSON larger
    than :data:`MAX_JSON_BYTES`, comes as a record, and reading goes on wherever it
    can. Memory stays bounded for JSON Lines of any length.

    Args:
        fp_or_path: A path, or a file opened for reading (binary mode is best).
        source: The name for messages; defaults to the path or the file's name.
        format: ``json``, ``jsonl`` or ``auto``.
        max_line_bytes: The longest JSON Lines line read.

    Yields:
        A record per document (per array element, per non-blank line), in order.

    Raises:
        OSError: The stream cannot be read.
    """
    fp, source = _open_or_use(fp_or_path, source)
    if fp is None:
        with open(fp_or_path, "rb") as file:  # type: ignore[arg-type]
            yield from iter_documents(file, source=source, format=format, max_line_bytes=max_line_bytes)
        return
    try:
        items = lines(fp, max_line_bytes)
        head: list[str | bytes | TooLong] = []
        if format == "auto":
            format, head = _sniff(items)  # noqa: A001
        if format == "jsonl":
            seen = False
            for record in _jsonl_records(itertools.chain(head, items), source, max_line_bytes):
                seen = True
                yield record
            if not seen:
                problem = Problem(pointer="", message="no JSON Lines records: the file is empty or blank", rule="input")
                yield DocumentRecord(line=1, document=None, problems=(problem,))
            return
        data = _read_rest(fp, head, MAX_JSON_BYTES)
    except InputError as error:
        yield unreadable(error, 1)
        return
    if data is None:
        message = f"JSON input larger than {format_size(MAX_JSON_BYTES)}: write such collections as JSON Lines"
        yield DocumentRecord(line=1, document=None, problems=(Problem(pointer="", message=message, rule="input"),))
        return
    yield from _json_records(data, source)
