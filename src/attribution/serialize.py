"""JSON and JSONL for attributed documents, through one cattrs converter.

The converter itself lives in :mod:`attribution.converter` (re-exported here as
:data:`converter`, :func:`make_converter` and :func:`configure_converter`).

:func:`from_json` and :func:`iter_jsonl` validate what they read against the packaged
schema (:mod:`attribution.schema`). :func:`iter_jsonl` streams: it holds one line at a
time, so files larger than memory can be checked, and it yields one
:class:`JsonlRecord` per line so that bad lines can be reported while good ones are
still used.

Example:
    >>> from attribution.model import AttributedDocument
    >>> doc = AttributedDocument(id="d1", text="Hi.")
    >>> from_json(to_json(doc)) == doc
    True
"""

import io
import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, Literal

import attrs

from . import jsonvalue
from .converter import configure_converter, converter, make_converter
from .errors import InputError, Problem, SchemaValidationError
from .model import AttributedDocument

__all__ = [
    "MAX_JSON_BYTES",
    "MAX_LINE_BYTES",
    "MAX_SKIP_BYTES",
    "DocumentRecord",
    "JsonlRecord",
    "configure_converter",
    "converter",
    "dump_jsonl",
    "from_dict",
    "from_json",
    "iter_documents",
    "iter_jsonl",
    "make_converter",
    "parse_json",
    "to_dict",
    "to_json",
]


def to_dict(document: AttributedDocument) -> dict[str, Any]:
    """``document`` as plain JSON-compatible data (the schema's shape)."""
    return converter.unstructure(document)


def from_dict(data: Any) -> AttributedDocument:
    """Build a document from plain data without schema validation.

    Raises:
        cattrs.errors.ClassValidationError: The data does not fit the models.
        attribution.errors.InvariantError: The document breaks an invariant.
    """
    return converter.structure(data, AttributedDocument)


# -- JSON ------------------------------------------------------------------------------


def to_json(document: AttributedDocument, *, indent: int | None = None) -> str:
    """``document`` as JSON text, every property written (``null`` when absent).

    Non-ASCII characters are written as themselves, so encode the result as UTF-8;
    only when a string holds a lone surrogate (which UTF-8 cannot encode) is all
    non-ASCII text written as ``\\u`` escapes instead.

    Args:
        document: The document to write.
        indent: Spaces per level for pretty output; ``None`` writes one line.

    Raises:
        ValueError: ``metadata`` holds a value JSON cannot represent (``nan``).
    """
    data = to_dict(document)
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, indent=indent, allow_nan=False)
    return text


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _decode(data: str | bytes, *, source: str | None, line: int | None, offset: int) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise InputError(
            f"not UTF-8: invalid byte 0x{byte:02x} at byte offset {offset + error.start}",
            source=source,
            line=line if line is not None else data.count(b"\n", 0, error.start) + 1,
        ) from None


#: A ``\u`` escape of a surrogate: only then can parsed text hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _decoder(flags: list[str]) -> json.JSONDecoder:
    """A strict decoder that notes in ``flags`` what :mod:`.jsonvalue` must look at:
    an object that repeats a key, a number that overflows to infinity."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        flags.append("duplicate-key")
        return jsonvalue.DuplicateKeys.hook(items)

    def number(literal: str) -> float:
        value = float(literal)
        if value in _INFINITIES:
            flags.append("finite")
        return value

    return json.JSONDecoder(object_pairs_hook=pairs, parse_float=number, parse_constant=_reject_constant)


_INFINITIES = (float("inf"), float("-inf"))


def _json_error(error: json.JSONDecodeError, *, source: str | None, line: int | None) -> InputError:
    where = f"column {error.colno}"
    if line is None:
        where = f"line {error.lineno} {where}"
    return InputError(
        f"malformed JSON: {error.msg} at {where}", source=source, line=line if line is not None else error.lineno
    )


def _value_error(error: ValueError, *, source: str | None, line: int | None) -> InputError:
    # NaN, Infinity, integers with more than 4300 digits
    reason = "an integer has too many digits" if "digits" in str(error) else str(error)
    return InputError(f"malformed JSON: {reason}", source=source, line=line)


def _check_value(
    value: Any, text: str, flags: list[str], *, source: str | None, line: int | None, pointer: str = ""
) -> Any:
    """``value`` when it is plain JSON a document may hold; else an :class:`InputError`."""
    if flags or ("\\u" in text and _SURROGATE_ESCAPE.search(text)):
        for problem in jsonvalue.iter_problems(value, pointer):
            raise InputError(problem.message, source=source, line=line, pointer=problem.pointer, rule=problem.rule)
    return value


def parse_json(
    data: str | bytes, *, source: str | None = None, line: int | None = None, offset: int = 0
) -> Any:
    """Parse one JSON value strictly.

    Strict means: UTF-8; no ``NaN``/``Infinity``; no number that overflows to
    infinity (``1e999``); no object that repeats a key (JSON readers disagree on
    which value wins); no lone surrogate (``"\\ud800"``, which UTF-8 cannot write).

    Args:
        data: JSON text, or its UTF-8 bytes (a leading byte order mark is ignored).
        source: The file name for messages.
        line: The line ``data`` is on, for JSONL; ``None`` for a whole file.
        offset: The byte offset of ``data`` in its file, for messages.

    Raises:
        attribution.errors.InputError: ``data`` is empty, not UTF-8, not JSON, or
            holds one of the values above; the message says where (line and column,
            byte offset, or the JSON pointer and the rule broken).
    """
    text = _decode(data, source=source, line=line, offset=offset).removeprefix("\ufeff")
    if not text.strip():
        raise InputError("empty input: expected a JSON document", source=source, line=line or 1)
    flags: list[str] = []
    try:
        value = _decoder(flags).decode(text)
    except json.JSONDecodeError as error:
        raise _json_error(error, source=source, line=line) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", source=source, line=line) from None
    except ValueError as error:
        raise _value_error(error, source=source, line=line) from None
    return _check_value(value, text, flags, source=source, line=line)


def from_json(data: str | bytes, *, source: str | None = None) -> AttributedDocument:
    """Read one document from JSON, validating it against the schema and invariants.

    Args:
        data: JSON text, or its UTF-8 bytes.
        source: The file name, for messages.

    Raises:
        attribution.errors.InputError: ``data`` is empty, not UTF-8 or not JSON.
        attribution.errors.SchemaValidationError: The JSON is not a valid document.
    """
    from .schema import validate  # jsonschema is slow to import: only when reading

    return validate(parse_json(data, source=source), plain_json=True)


# -- reading documents: one JSON document, a JSON array of them, or JSON Lines ---------

#: The longest JSON Lines line :func:`iter_documents` and :func:`iter_jsonl` read, in
#: bytes (characters for a text-mode file): 64 MiB. A longer line is reported and
#: skipped; when no line ends within :data:`MAX_SKIP_BYTES` after it, reading stops.
MAX_LINE_BYTES = 64 * 2**20

#: How far past an over-long line a reader looks for the next line: 1 GiB.
MAX_SKIP_BYTES = 2**30

#: The largest JSON (not JSON Lines) input :func:`iter_documents` reads: 256 MiB.
#: A JSON value is parsed whole, so larger collections belong in JSON Lines.
MAX_JSON_BYTES = 256 * 2**20

_CHUNK = 2**20
_SNIFF_LINES = 8
_WHITESPACE = re.compile(r"[ \t\n\r]*")


@attrs.frozen(kw_only=True)
class DocumentRecord:
    """What one place in a stream of documents holds: a document, or why not.

    Attributes:
        line: The 1-based line the document starts on (for a problem with the
            stream itself, the line where reading stopped).
        document: The document, or ``None`` when it is not a valid one.
        problems: Why it is not; empty when ``document`` is set. Input that is not
            JSON at all gives one problem with the rule ``input``.
        index: The document's position in a JSON array, else ``None``. The pointers
            of its problems then start with ``/index``, as in the file.
    """

    line: int
    document: AttributedDocument | None
    problems: tuple[Problem, ...] = ()
    index: int | None = None

    @property
    def ok(self) -> bool:
        """Whether the record holds a valid document."""
        return self.document is not None


#: The record :func:`iter_jsonl` yields (one per line); the same class.
JsonlRecord = DocumentRecord


def dump_jsonl(
    documents: Iterable[AttributedDocument], fp: IO[str] | IO[bytes] | str | os.PathLike[str]
) -> int:
    """Write ``documents`` as JSON Lines, one document per line, streaming.

    Args:
        documents: Any iterable; it is consumed one document at a time.
        fp: A text or binary file opened for writing (UTF-8 is written to binary
            files), or a path, which is created or overwritten.

    Returns:
        How many documents were written.
    """
    if isinstance(fp, str | os.PathLike):
        with open(fp, "wb") as file:
            return dump_jsonl(documents, file)
    binary = not isinstance(fp, io.TextIOBase)
    count = 0
    for document in documents:
        line = to_json(document) + "\n"
        fp.write(line.encode("utf-8") if binary else line)  # type: ignore[arg-type]
        count += 1
    return count


@attrs.frozen
class _TooLong:
    """An over-long line that was skipped (``size`` bytes), or where reading gave up."""

    size: int
    gave_up: bool


def _readline(fp: IO[str] | IO[bytes], size: int) -> str | bytes:
    try:
        return fp.readline(size)
    except UnicodeDecodeError as error:  # a text file opened by the caller
        raise InputError(
            f"not UTF-8: invalid byte at byte offset {error.start} of a decoder chunk; "
            "open the file in binary mode to find the line"
        ) from None


def _lines(fp: IO[str] | IO[bytes], limit: int) -> Iterator[str | bytes | _TooLong]:
    """The lines of ``fp``, each at most ``limit`` long, or a :class:`_TooLong` in its place."""
    while True:
        line = _readline(fp, limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):  # type: ignore[arg-type]
            yield line
            continue
        skipped = len(line)
        while not line.endswith(newline):  # type: ignore[arg-type]
            line = _readline(fp, _CHUNK)
            if not line:
                break
            skipped += len(line)
            if skipped > limit + MAX_SKIP_BYTES:
                yield _TooLong(skipped, gave_up=True)
                return
        yield _TooLong(skipped, gave_up=False)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"


def _too_long(item: _TooLong, number: int, limit: int) -> DocumentRecord:
    message = f"line longer than the limit of {_size(limit)}"
    if item.gave_up:
        message += f", and no line ends in the {_size(MAX_SKIP_BYTES)} after it: stopped reading"
    else:
        message += f" ({item.size} bytes): skipped"
    return DocumentRecord(line=number, document=None, problems=(Problem(pointer="", message=message, rule="line-length"),))


def _validated(value: Any, line: int, index: int | None = None) -> DocumentRecord:
    from .schema import validate  # jsonschema is slow to import: only when reading

    try:
        return DocumentRecord(line=line, document=validate(value, plain_json=True), index=index)
    except SchemaValidationError as error:
        problems = error.problems
    prefix = "" if index is None else f"/{index}"
    problems = tuple(Problem(pointer=prefix + p.pointer, message=p.message, rule=p.rule) for p in problems)
    return DocumentRecord(line=line, document=None, problems=problems, index=index)


def _unreadable(error: InputError, line: int, index: int | None = None) -> DocumentRecord:
    problem = Problem(pointer=error.pointer, message=error.reason, rule=error.rule)
    return DocumentRecord(line=error.line or line, document=None, problems=(problem,), index=index)


def _record(line_number: int, raw: str | bytes, source: str | None, offset: int) -> DocumentRecord:
    try:
        value = parse_json(raw, source=source, line=line_number, offset=offset)
    except InputError as error:
        return _unreadable(error, line_number)
    return _validated(value, line_number)


def _jsonl_records(
    items: Iterable[str | bytes | _TooLong], source: str | None, limit: int
) -> Iterator[DocumentRecord]:
    """One record per non-blank line; nothing at all for an empty or blank stream."""
    offset = 0
    for number, raw in enumerate(items, start=1):
        if isinstance(raw, _TooLong):
            yield _too_long(raw, number, limit)
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
    for record in _jsonl_records(_lines(fp, max_line_bytes), source, max_line_bytes):
        seen = True
        yield record
    if not seen:
        raise InputError("no JSON Lines records: the file is empty or blank", source=source)


def _sniff(items: Iterator[str | bytes | _TooLong]) -> tuple[str, list[str | bytes | _TooLong]]:
    """``jsonl`` when one of the first non-blank lines is a whole JSON object, else ``json``."""
    head: list[str | bytes | _TooLong] = []
    non_blank = 0
    for item in items:
        head.append(item)
        if isinstance(item, _TooLong):
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
        chunk = fp.read(_CHUNK)
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
    decoder = _decoder(flags)
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
                yield broken(error.msg, error.pos, index)
                return
            except RecursionError:
                yield broken("nested too deeply", position, index)
                return
            except ValueError as error:
                yield _unreadable(_value_error(error, source=source, line=element_line), element_line, index)
                return
            try:
                _check_value(value, text[position:end], flags, source=source, line=element_line, pointer=f"/{index}")
            except InputError as error:
                yield _unreadable(error, element_line, index)
            else:
                yield _validated(value, element_line, index)
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
        text = _decode(data, source=source, line=None, offset=0).removeprefix("\ufeff")
    except InputError as error:
        yield _unreadable(error, 1)
        return
    start = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if text.startswith("[", start):
        yield from _array_records(text, start, source)
        return
    try:
        value = parse_json(text, source=source)
    except InputError as error:
        yield _unreadable(error, 1)
        return
    yield _validated(value, 1)


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
        items = _lines(fp, max_line_bytes)
        head: list[str | bytes | _TooLong] = []
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
        yield _unreadable(error, 1)
        return
    if data is None:
        message = f"JSON input larger than {_size(MAX_JSON_BYTES)}: write such collections as JSON Lines"
        yield DocumentRecord(line=1, document=None, problems=(Problem(pointer="", message=message, rule="input"),))
        return
    yield from _json_records(data, source)
