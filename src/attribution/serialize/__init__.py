"""JSON and JSONL for attributed documents, through one cattrs converter.

The converter itself lives in :mod:`attribution.converter` (re-exported here as
:data:`converter`, :func:`make_converter` and :func:`configure_converter`).

:func:`from_json` and :func:`iter_jsonl` validate what they read against the packaged
schema (:mod:`attribution.schema`). :func:`iter_jsonl` streams: it holds one line at a
time, so files larger than memory can be checked, and it yields one
:class:`JsonlRecord` per line so that bad lines can be reported while good ones are
still used.

Modules, bottom up: ``_records`` (:class:`DocumentRecord`), ``_json`` (plain data, JSON
text, strict parsing, writing JSON Lines), ``_lines`` (bounded line reading),
``_reading`` (:func:`iter_jsonl`, :func:`iter_documents`). Import from
``attribution.serialize``.

Example:
    >>> from attribution.model import AttributedDocument
    >>> doc = AttributedDocument(id="d1", text="Hi.")
    >>> from_json(to_json(doc)) == doc
    True
"""

from ..converter import configure_converter, converter, make_converter
from ._json import dump_jsonl, from_dict, from_json, parse_json, to_dict, to_json
from ._lines import MAX_LINE_BYTES, MAX_SKIP_BYTES, TooLong, format_size, lines, too_long
from ._reading import MAX_JSON_BYTES, iter_documents, iter_jsonl
from ._records import DocumentRecord, JsonlRecord

__all__ = [
    "MAX_JSON_BYTES",
    "MAX_LINE_BYTES",
    "MAX_SKIP_BYTES",
    "DocumentRecord",
    "JsonlRecord",
    "TooLong",
    "configure_converter",
    "converter",
    "dump_jsonl",
    "from_dict",
    "format_size",
    "from_json",
    "iter_documents",
    "iter_jsonl",
    "lines",
    "make_converter",
    "parse_json",
    "to_dict",
    "to_json",
    "too_long",
]
