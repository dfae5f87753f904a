"""Flat tables of attributed documents, for pandas, Polars, DuckDB and Parquet.

:func:`to_tables` turns documents into one Arrow table per kind of record —
``documents``, ``claims``, ``sources``, ``rebuttals``, ``non_responses`` and
``anonymity_conditions`` — with the fixed columns listed in :data:`COLUMNS` and the
schemas of :func:`schemas`. :class:`TableWriter` streams documents into one Parquet or
CSV dataset per table, in row groups, so memory stays flat over any corpus.

Document metadata: the documents table keeps the whole metadata as a JSON object in its
``metadata`` column; the keys named as *metadata columns* (``url``, ``date``,
``outlet``, ...) also become a string column on every table (values that are not
strings as JSON text), so a claim row carries its document's outlet and date. The set
of metadata columns is fixed for a table or a stream, so every row group and every
part of a dataset has the same schema.

Needs pyarrow: ``pip install 'attribution[tables]'``.
"""

try:
    import pyarrow  # noqa: F401
except ModuleNotFoundError as error:  # pragma: no cover - the extra is installed in the tests
    raise ModuleNotFoundError(
        "attribution.tables needs pyarrow: pip install 'attribution[tables]'", name=error.name
    ) from None

from .build import infer_metadata_columns, to_tables
from .schema import COLUMNS, TABLE_NAMES, Column, schema, schemas
from .writer import (
    FORMATS,
    TableWriter,
    next_part,
    read_document_ids,
    read_metadata_columns,
    remove_incomplete_parts,
)

__all__ = [
    "COLUMNS",
    "FORMATS",
    "TABLE_NAMES",
    "Column",
    "TableWriter",
    "infer_metadata_columns",
    "next_part",
    "read_document_ids",
    "read_metadata_columns",
    "remove_incomplete_parts",
    "schema",
    "schemas",
    "to_tables",
]
