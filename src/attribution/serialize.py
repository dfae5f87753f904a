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
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from .converter import configure_converter, converter, make_converter
from .errors import InputError, Problem, SchemaValidationError
from .model import AttributedDocument

__all__ = [
    "JsonlRecord",
    "configure_converter",
    "converter",
    "dump_jsonl",
    "from_dict",
    "from_json",
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


def parse_json(
    data: str | bytes, *, source: str | None = None, line: int | None = None, offset: int = 0
) -> Any:
    """Parse one JSON value strictly (UTF-8, no ``NaN``/``Infinity``).

    Args:
        data: JSON text, or its UTF-8 bytes (a leading byte order mark is ignored).
        source: The file name for messages.
        line: The line ``data`` is on, for JSONL; ``None`` for a whole file.
        offset: The byte offset of ``data`` in its file, for messages.

    Raises:
        attribution.errors.InputError: ``data`` is empty, not UTF-8 or not JSON; the
            message says where (line and column, or byte offset).
    """
    text = _decode(data, source=source, line=line, offset=offset).removeprefix("\ufeff")
    if not text.strip():
        raise InputError("empty input: expected a JSON document", source=source, line=line or 1)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        where = f"column {error.colno}"
        if line is None:
            where = f"line {error.lineno} {where}"
        raise InputError(
            f"malformed JSON: {error.msg} at {where}",
            source=source,
            line=line if line is not None else error.lineno,
        ) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", source=source, line=line) from None
    except ValueError as error:  # NaN, Infinity, integers with more than 4300 digits
        reason = "an integer has too many digits" if "digits" in str(error) else str(error)
        raise InputError(f"malformed JSON: {reason}", source=source, line=line) from None


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

    return validate(parse_json(data, source=source))


# -- JSONL -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class JsonlRecord:
    """What one line of a JSON Lines file holds.

    Attributes:
        line: The 1-based line number.
        document: The document, or ``None`` when the line is not a valid one.
        problems: Why it is not; empty when ``document`` is set. A line that is not
            JSON at all has one problem with the pointer ``""`` and rule ``input``.
    """

    line: int
    document: AttributedDocument | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the line holds a valid document."""
        return self.document is not None


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


def _lines(fp: IO[str] | IO[bytes]) -> Iterator[str | bytes]:
    while True:
        try:
            line = fp.readline()
        except UnicodeDecodeError as error:  # a text file opened by the caller
            raise InputError(
                f"not UTF-8: invalid byte at byte offset {error.start} of a decoder chunk; "
                "open the file in binary mode to find the line"
            ) from None
        if not line:
            return
        yield line


def _record(line_number: int, raw: str | bytes, source: str | None, offset: int) -> JsonlRecord:
    from .schema import validate

    try:
        document = validate(parse_json(raw, source=source, line=line_number, offset=offset))
    except InputError as error:
        problem = Problem(pointer="", message=error.reason, rule="input")
        return JsonlRecord(line=line_number, document=None, problems=(problem,))
    except SchemaValidationError as error:
        return JsonlRecord(line=line_number, document=None, problems=error.problems)
    return JsonlRecord(line=line_number, document=document)


def iter_jsonl(
    fp_or_path: IO[str] | IO[bytes] | str | os.PathLike[str], *, source: str | None = None
) -> Iterator[JsonlRecord]:
    """Stream the records of a JSON Lines file, one :class:`JsonlRecord` per line.

    Blank lines are skipped. Each line is parsed and validated alone, so a bad line
    gives a record with problems and reading goes on.

    Args:
        fp_or_path: A path, or a file opened for reading (binary mode is best: a
            non-UTF-8 byte is then reported on its line).
        source: The file name for messages; defaults to the path or the file's name.

    Yields:
        A record per non-blank line, in order.

    Raises:
        attribution.errors.InputError: The file holds no record at all (it is empty
            or blank), or a text-mode file is not UTF-8.
    """
    if isinstance(fp_or_path, str | os.PathLike):
        with open(fp_or_path, "rb") as file:
            name = source if source is not None else os.fspath(fp_or_path)
            yield from iter_jsonl(file, source=name)
        return
    if source is None:
        name = getattr(fp_or_path, "name", None)
        source = name if isinstance(name, str) else None
    seen = False
    offset = 0
    for number, raw in enumerate(_lines(fp_or_path), start=1):
        if raw.strip():
            seen = True
            yield _record(number, raw, source, offset)
        offset += len(raw)  # in bytes for binary files, characters for text files
    if not seen:
        raise InputError("no JSON Lines records: the file is empty or blank", source=source)
