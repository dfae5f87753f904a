"""Reading gold attributions: PolNeAR-style JSONL, or the project's own documents.

Two formats are read, line by line or as one JSON file:

- PolNeAR-style records (``{"id", "text", "quotes": [...]}``, see the evaluation data's
  README), one document per line;
- attributed documents in the project's own format (what ``attribution extract``
  writes, or a hand-annotated document such as ``examples/cipher_brief_pakistan.json``):
  each claim becomes a gold attribution (:func:`gold_from_document`). A ``.json`` file
  may hold one document or an array of them.

A line that cannot be read (not UTF-8, not JSON, a number too long to convert, nesting
too deep, a lone surrogate, a record of neither format) is an
:class:`~attribution.errors.InputError` naming the file and line; :func:`iter_gold`
yields it in place of the document so the caller can report it and go on.
"""

import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, BinaryIO

import cattrs

from ..errors import InputError, InvariantError
from ..model import AttributedDocument, ClaimMode
from ..serialize import from_dict
from .records import GoldAttribution, GoldDocument
from .segments import Segment, Segments

__all__ = ["MAX_LINE_BYTES", "gold_from_document", "iter_gold", "parse_gold", "read_gold"]

#: The longest line read, in bytes; a longer one is reported and skipped.
MAX_LINE_BYTES = 64 * 1024 * 1024

_SURROGATE = re.compile("[\ud800-\udfff]")


def _offsets(value: Any, text_length: int, what: str) -> Segment:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    ):
        raise ValueError(f"{what} must be a [start, end] pair of integers, not {value!r}")
    start, end = value
    if not 0 <= start <= end <= text_length:
        raise ValueError(f"{what} {value!r} is outside the text (0..{text_length})")
    return (start, end)


def _parts(quote: Mapping[str, Any], key: str, text_length: int, where: str) -> Segments:
    whole = quote.get(key)
    parts = quote.get(f"{key}_parts") or []
    if not isinstance(parts, list):
        raise ValueError(f"{where}.{key}_parts must be a list")
    if parts:
        return tuple(_offsets(p, text_length, f"{where}.{key}_parts[{i}]") for i, p in enumerate(parts))
    if whole is None:
        return ()
    return (_offsets(whole, text_length, f"{where}.{key}"),)


def _check_no_surrogates(value: Any, where: str) -> None:
    """Raise ValueError naming the first string in ``value`` that holds a lone surrogate."""
    stack = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                raise ValueError(
                    f"{path} holds a lone surrogate (U+{ord(found.group()):04X}) at character {found.start()}"
                )
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, path))
                stack.append((child, f"{path}.{key}"))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"invalid JSON: {error}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise ValueError(f"invalid JSON: {error}") from None


def gold_from_document(document: AttributedDocument) -> GoldDocument:
    """The claims of an attributed document as gold attributions.

    A claim's content parts (or its content), its speaker mention and its cue become the
    gold content, source and cue; its mode the gold type. The document's metadata comes
    along.

    Args:
        document: An attributed document, e.g. a hand-annotated one.

    Returns:
        The gold document.
    """
    attributions = [
        GoldAttribution(
            content=[(p.start, p.end) for p in (claim.content_parts or (claim.content,))],
            mode=claim.mode,
            source=[] if claim.source_mention is None else [(claim.source_mention.start, claim.source_mention.end)],
            cue=[] if claim.cue is None else [(claim.cue.start, claim.cue.end)],
            id=claim.id,
        )
        for claim in document.claims
    ]
    return GoldDocument(
        id=document.id, text=document.text, attributions=attributions, metadata=dict(document.metadata)
    )


def _from_polnear(data: Mapping[str, Any]) -> GoldDocument:
    quotes = data.get("quotes", [])
    if not isinstance(quotes, list):
        raise ValueError("'quotes' must be a list")
    text_length = len(data["text"])
    attributions = []
    for i, quote in enumerate(quotes):
        where = f"quotes[{i}]"
        if not isinstance(quote, dict):
            raise ValueError(f"{where} must be an object")
        mode = quote.get("type")
        if mode not in {m.value for m in ClaimMode}:
            choices = ", ".join(m.value for m in ClaimMode)
            raise ValueError(f"{where}.type is {mode!r}; expected one of {choices}")
        content = _parts(quote, "content", text_length, where)
        if not content:
            raise ValueError(f"{where} has no content")
        attributions.append(
            GoldAttribution(
                content=content,
                mode=mode,
                source=_parts(quote, "source", text_length, where),
                cue=_parts(quote, "cue", text_length, where),
                id=quote.get("brat_event") if isinstance(quote.get("brat_event"), str) else None,
                kind=quote.get("kind") if isinstance(quote.get("kind"), str) else None,
            )
        )
    metadata = {k: val for k, val in data.items() if k not in ("id", "text", "quotes")}
    return GoldDocument(id=data["id"], text=data["text"], attributions=attributions, metadata=metadata)


def _from_project(data: Mapping[str, Any]) -> GoldDocument:
    try:
        document = from_dict(data)
    except InvariantError as error:
        raise ValueError(f"not a valid attributed document: {error}") from None
    except cattrs.BaseValidationError as error:
        notes = "; ".join(str(e) for e in error.exceptions[:3])
        raise ValueError(f"not an attributed document: {notes or error}") from None
    return gold_from_document(document)


def _gold_record(data: Any) -> GoldDocument:
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, found {type(data).__name__}")
    for key in ("id", "text"):
        if not isinstance(data.get(key), str):
            raise ValueError(f"missing or non-string field {key!r}")
    _check_no_surrogates(data, "the record")
    if "quotes" not in data and "claims" in data:
        return _from_project(data)
    return _from_polnear(data)


def parse_gold(line: str, *, source: str | None = None, line_number: int | None = None) -> GoldDocument:
    """Parse one JSON line of gold data (PolNeAR-style or an attributed document).

    Args:
        line: The JSON text of one document.
        source: The file name, for error messages.
        line_number: The 1-based line number, for error messages.

    Returns:
        The gold document.

    Raises:
        attribution.errors.InputError: The line is not valid JSON or not a gold
            document (the message names ``source:line_number``).
    """
    try:
        return _gold_record(_loads(line))
    except (ValueError, TypeError) as error:
        raise InputError(str(error), source=source, line=line_number) from None


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` pairs; ``None`` for a line over :data:`MAX_LINE_BYTES`."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = stream.readline(MAX_LINE_BYTES)
            yield number, None
        else:
            yield number, raw


def _whole_file(name: str) -> Iterator[GoldDocument | InputError]:
    with open(name, "rb") as stream:
        data = stream.read()
    try:
        value = _loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        yield InputError(f"not UTF-8: {error.reason} at byte {error.start}", source=name)
        return
    except ValueError as error:
        yield InputError(str(error), source=name)
        return
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        try:
            yield _gold_record(item)
        except (ValueError, TypeError) as error:
            where = f"/{index}: " if isinstance(value, list) else ""
            yield InputError(f"{where}{error}", source=name)


def iter_gold(path: "str | os.PathLike[str]") -> Iterator[GoldDocument | InputError]:
    """Stream gold documents, yielding an :class:`InputError` for each unreadable one.

    A ``.json`` file is read whole (one document or an array of them); any other file
    is JSON Lines, read one line at a time (blank lines are skipped). The file is opened
    when iteration starts.

    Args:
        path: The gold file.

    Yields:
        Each document in file order, or the error that stands in its place.

    Raises:
        OSError: The file cannot be opened.
    """
    name = os.fspath(path)
    if name.endswith(".json"):
        yield from _whole_file(name)
        return
    with open(name, "rb") as stream:
        for number, raw in _lines(stream):
            if raw is None:
                yield InputError(f"line longer than {MAX_LINE_BYTES} bytes", source=name, line=number)
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield InputError(f"not UTF-8: {error.reason}", source=name, line=number)
                continue
            if not line.strip():
                continue
            try:
                yield parse_gold(line, source=name, line_number=number)
            except InputError as error:
                yield error


def read_gold(
    path: "str | os.PathLike[str]",
    *,
    limit: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[GoldDocument]:
    """Stream gold documents from a file (see :func:`iter_gold` for the formats).

    Args:
        path: The gold file.
        limit: Stop after this many documents.
        on_error: Called with each unreadable line's error, which is then skipped; when
            ``None`` (the default) the first such error is raised.

    Yields:
        Each document in file order.

    Raises:
        attribution.errors.InputError: A line is not UTF-8, not JSON, or not a gold
            document, and ``on_error`` is ``None``; the message names the file and line.
        OSError: The file cannot be opened.
    """
    if limit is not None and limit <= 0:
        return
    count = 0
    for item in iter_gold(path):
        if isinstance(item, InputError):
            if on_error is None:
                raise item
            on_error(item)
            continue
        yield item
        count += 1
        if limit is not None and count >= limit:
            return
