"""Reading the CLI's text inputs: plain text files, stdin, and JSONL of ``id``/``text``.

Every problem becomes an :class:`~attribution.errors.InputError` naming the file (and the
line, for JSONL) so the command can report it in one line and go on with the next input.
"""

import json
import sys
from collections.abc import Iterator
from typing import BinaryIO

import attrs

from ..errors import InputError

__all__ = ["TextInput", "decode", "iter_inputs", "open_binary"]


@attrs.frozen(kw_only=True)
class TextInput:
    """One document to process, or the error that kept it from being read.

    Attributes:
        id: The document id: the path, ``stdin``, or the JSONL record's ``id``.
        text: The text, or ``None`` when it could not be read.
        error: Why it could not be read.
    """

    id: str
    text: str | None = None
    error: InputError | None = None


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
        fp = open_binary(path)
        try:
            data = fp.read()
        finally:
            if fp is not sys.stdin.buffer:
                fp.close()
        text = decode(data, source=name)
        if not text.strip():
            raise InputError("empty text (nothing but white space)" if text else "empty file", source=name)
    except InputError as error:
        return TextInput(id=name, error=error)
    return TextInput(id=name, text=text)


def _iter_jsonl(path: str) -> Iterator[TextInput]:
    name = "stdin" if path == "-" else path
    try:
        fp = open_binary(path)
    except InputError as error:
        yield TextInput(id=name, error=error)
        return
    records = 0
    try:
        for number, raw in enumerate(fp, 1):
            where = f"{name}:{number}"
            if not raw.strip():
                continue
            records += 1
            try:
                record = json.loads(decode(raw, source=name, line=number))
                if not isinstance(record, dict):
                    raise InputError(f"expected a JSON object, got {type(record).__name__}", source=name, line=number)
                text, doc_id = record.get("text"), record.get("id", where)
                if not isinstance(text, str):
                    raise InputError('the record has no string field "text"', source=name, line=number)
                if not isinstance(doc_id, str) or not doc_id:
                    raise InputError('field "id" must be a non-empty string', source=name, line=number)
                if not text.strip():
                    raise InputError("empty text", source=name, line=number)
            except json.JSONDecodeError as error:
                yield TextInput(
                    id=where,
                    error=InputError(f"malformed JSON: {error.msg} at column {error.colno}", source=name, line=number),
                )
            except InputError as error:
                yield TextInput(id=where, error=error)
            else:
                yield TextInput(id=doc_id, text=text)
    finally:
        if fp is not sys.stdin.buffer:
            fp.close()
    if records == 0:
        yield TextInput(id=name, error=InputError("no JSONL records (the file is empty)", source=name))


def iter_inputs(paths: list[str], *, jsonl: bool) -> Iterator[TextInput]:
    """Every document in ``paths``, lazily, in order; unreadable ones carry their error."""
    for path in paths:
        if jsonl:
            yield from _iter_jsonl(path)
        else:
            yield _read_text_file(path)
