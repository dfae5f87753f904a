"""Reading the CLI's text inputs: plain text files, stdin, and JSONL of ``id``/``text``.

Every problem becomes an :class:`~attribution.errors.InputError` naming the file (and the
line, for JSONL) so the command can report it in one line and go on with the next input:
malformed JSON, integers too long to read, nesting too deep, ``NaN``, bytes that are not
UTF-8, a JSONL line longer than :data:`~attribution.serialize.MAX_LINE_BYTES` or a text
file larger than it. Memory stays bounded whatever the input (``/dev/zero`` included). A
JSONL record's fields other than the text and the id are kept as its metadata.
"""

import os
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

import attrs

from ..errors import InputError
from ..serialize import MAX_LINE_BYTES, TooLong, format_size, lines, parse_json, too_long

__all__ = ["TextInput", "count_inputs", "decode", "iter_inputs", "open_binary", "read_bounded"]

#: Inputs larger than this in total are not counted ahead for the progress bar.
_COUNT_LIMIT = 2 * 1024**3


@attrs.frozen(kw_only=True)
class TextInput:
    """One document to process, or the error that kept it from being read.

    Attributes:
        id: The document id: the path, ``stdin``, or the JSONL record's ``id``.
        text: The text, or ``None`` when it could not be read.
        error: Why it could not be read.
        metadata: The JSONL record's other fields.
        origin: Where it is: the path, or ``path:line`` for JSONL.
    """

    id: str
    text: str | None = None
    error: InputError | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)
    origin: str | None = None


def open_binary(path: str) -> BinaryIO:
    """Open ``path`` (``-`` for stdin) for reading bytes.

    Raises:
        InputError: The file cannot be opened (missing, a directory, unreadable).
    """
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")  # noqa: SIM115 - closed by the caller
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=path) from None
    except FileNotFoundError:
        raise InputError("no such file", source=path) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), source=path) from None


def read_bounded(path: str, limit: int, *, source: str | None = None) -> bytes:
    """The bytes of ``path`` (``-`` for stdin), reading no more than ``limit`` + 1 of them.

    Args:
        path: The file; ``-`` is standard input.
        limit: The most bytes the file may hold.
        source: The name in messages (default: ``path``).

    Raises:
        InputError: The file cannot be opened, or holds more than ``limit`` bytes
            (``/dev/zero``, a runaway pipe): it is not read to its end.
    """
    fp = open_binary(path)
    try:
        data = fp.read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", source=source or path) from None
    finally:
        if fp is not sys.stdin.buffer:
            fp.close()
    if len(data) > limit:
        raise InputError(
            f"larger than the limit of {format_size(limit)}: split it into smaller files", source=source or path
        )
    return data


def decode(data: bytes, *, source: str, line: int | None = None) -> str:
    """``data`` as text: UTF-8 (a leading BOM is dropped), with no NUL bytes.

    Raises:
        InputError: The bytes are not UTF-8 text; the message gives the byte offset.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary data (NUL byte at byte offset {nul}); expected UTF-8 text",
            source=source,
            line=line,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text: invalid byte 0x{data[error.start]:02x} at byte offset {error.start}",
            source=source,
            line=line,
        ) from None


def _read_text_file(path: str) -> TextInput:
    name = "stdin" if path == "-" else path
    try:
        text = decode(read_bounded(path, MAX_LINE_BYTES, source=name), source=name)
        if not text.strip():
            raise InputError("empty text (nothing but white space)" if text else "empty file", source=name)
    except InputError as error:
        return TextInput(id=name, error=error)
    return TextInput(id=name, text=text)


def _iter_jsonl(path: str, text_field: str, id_field: str) -> Iterator[TextInput]:
    name = "stdin" if path == "-" else path
    try:
        fp = open_binary(path)
    except InputError as error:
        yield TextInput(id=name, error=error, origin=name)
        return
    records = 0
    try:
        for number, raw in enumerate(lines(fp, MAX_LINE_BYTES), 1):
            where = f"{name}:{number}"
            if isinstance(raw, TooLong):  # skipped without holding it; reading goes on after it
                records += 1
                (problem,) = too_long(raw, number, MAX_LINE_BYTES).problems
                yield TextInput(id=where, error=InputError(problem.message, source=name, line=number), origin=where)
                continue
            assert isinstance(raw, bytes)
            if not raw.strip():
                continue
            records += 1
            try:
                record = parse_json(decode(raw, source=name, line=number), source=name, line=number)
                if not isinstance(record, dict):
                    raise InputError(f"expected a JSON object, got {_json_type(record)}", source=name, line=number)
                text, doc_id = record.get(text_field), record.get(id_field, where)
                if not isinstance(text, str):
                    raise InputError(f'the record has no string field "{text_field}"', source=name, line=number)
                if not isinstance(doc_id, str) or not doc_id:
                    raise InputError(f'field "{id_field}" must be a non-empty string', source=name, line=number)
                if not text.strip():
                    raise InputError("empty text", source=name, line=number)
            except InputError as error:
                yield TextInput(id=where, error=error, origin=where)
            else:
                metadata = {k: v for k, v in record.items() if k not in (text_field, id_field)}
                yield TextInput(id=doc_id, text=text, metadata=metadata, origin=where)
    finally:
        if fp is not sys.stdin.buffer:
            fp.close()
    if records == 0:
        yield TextInput(id=name, error=InputError("no JSONL records (the file is empty)", source=name), origin=name)


def _json_type(value: Any) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def iter_inputs(
    paths: list[str], *, jsonl: bool, text_field: str = "text", id_field: str = "id"
) -> Iterator[TextInput]:
    """Every document in ``paths``, lazily, in order; unreadable ones carry their error.

    Args:
        paths: Files; ``-`` is standard input.
        jsonl: Whether each file holds JSON Lines records rather than one text.
        text_field: The JSONL field holding the text.
        id_field: The JSONL field holding the id (by default ``file:line``).
    """
    for path in paths:
        if jsonl:
            yield from _iter_jsonl(path, text_field, id_field)
        else:
            item = _read_text_file(path)
            yield attrs.evolve(item, origin=item.id)


def count_inputs(paths: list[str], *, jsonl: bool) -> int | None:
    """How many inputs ``paths`` hold (non-blank JSONL lines), when cheap to count; else ``None``.

    Standard input, pipes and inputs over 2 GiB in all are not counted.
    """
    if not jsonl:
        return len(paths)
    try:
        if any(p == "-" or not os.path.isfile(p) for p in paths) or sum(os.path.getsize(p) for p in paths) > _COUNT_LIMIT:
            return None
        total = 0
        for path in paths:
            with open(path, "rb") as fp:
                total += sum(1 for line in lines(fp, MAX_LINE_BYTES) if isinstance(line, TooLong) or line.strip())
    except OSError:
        return None
    return total
