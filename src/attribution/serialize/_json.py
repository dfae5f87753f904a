"""Documents as JSON: plain data, JSON text, strict parsing, JSON Lines writing."""

import io
import json
import os
import re
from collections.abc import Iterable
from typing import IO, Any

from .. import jsonvalue
from ..converter import converter
from ..errors import InputError
from ..model import AttributedDocument

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


def decode(data: str | bytes, *, source: str | None, line: int | None, offset: int) -> str:
    """``data`` as text; bytes that are not UTF-8 raise an :class:`InputError` naming the byte offset."""
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


def strict_decoder(flags: list[str]) -> json.JSONDecoder:
    """A strict decoder that notes in ``flags`` what :mod:`attribution.jsonvalue` must look at:
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
        f"malformed JSON: {error.msg.removesuffix(' at')} at {where}", source=source, line=line if line is not None else error.lineno
    )


def value_error(error: ValueError, *, source: str | None, line: int | None) -> InputError:
    """The :class:`InputError` for a JSON value Python refuses to parse."""
    # NaN, Infinity, integers with more than 4300 digits
    reason = "an integer has too many digits" if "digits" in str(error) else str(error)
    return InputError(f"malformed JSON: {reason}", source=source, line=line)


def check_value(
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
    text = decode(data, source=source, line=line, offset=offset).removeprefix("\ufeff")
    if not text.strip():
        raise InputError("empty input: expected a JSON document", source=source, line=line or 1)
    flags: list[str] = []
    try:
        value = strict_decoder(flags).decode(text)
    except json.JSONDecodeError as error:
        raise _json_error(error, source=source, line=line) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", source=source, line=line) from None
    except ValueError as error:
        raise value_error(error, source=source, line=line) from None
    return check_value(value, text, flags, source=source, line=line)


def from_json(data: str | bytes, *, source: str | None = None) -> AttributedDocument:
    """Read one document from JSON, validating it against the schema and invariants.

    Args:
        data: JSON text, or its UTF-8 bytes.
        source: The file name, for messages.

    Raises:
        attribution.errors.InputError: ``data`` is empty, not UTF-8 or not JSON.
        attribution.errors.SchemaValidationError: The JSON is not a valid document.
    """
    from ..schema import validate  # jsonschema is slow to import: only when reading

    return validate(parse_json(data, source=source), plain_json=True)


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
