"""Writing the tables as they come: one Parquet (or CSV) dataset per table.

``TableWriter(directory)`` keeps at most ``documents_per_group`` documents' rows in
memory, then appends them to each table's file as one Parquet row group (or one CSV
batch), so memory stays flat however long the stream. The layout::

    DIR/documents/part-00000.parquet
    DIR/claims/part-00000.parquet
    DIR/sources/part-00000.parquet
    ...

Each table folder is a dataset: ``pyarrow.dataset.dataset("DIR/claims")``,
``pandas.read_parquet("DIR/claims")``, ``polars.scan_parquet("DIR/claims/*.parquet")``
or DuckDB's ``read_parquet('DIR/claims/*.parquet')`` read all its parts. Several writers
(worker processes, Dask partitions, a resumed run) write several parts side by side.

A part is written under a hidden name (``.part-00000.parquet.inprogress``, which those
readers skip) and renamed when the writer closes, the documents table last: a part
that is visible is complete, and a document listed in ``documents`` has all its rows
in the other tables.
"""

import csv
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..errors import InputError
from ..model import AttributedDocument
from .build import Rows
from .schema import COLUMNS, TABLE_NAMES, check_metadata_columns

__all__ = [
    "FORMATS",
    "TableWriter",
    "next_part",
    "read_document_ids",
    "read_metadata_columns",
    "remove_incomplete_parts",
]

#: The file formats a :class:`TableWriter` writes.
FORMATS = ("parquet", "csv")

#: A part's file name: ``part-<run>`` or ``part-<run>-<partition>`` (a run over partitions).
_PART = re.compile(r"^part-(\d+)(?:-\d+)?\.(parquet|csv)$")
_PENDING = re.compile(r"^\.part-[^/]*\.inprogress$")


def next_part(directory: str | os.PathLike[str]) -> str:
    """The first run number not yet used by a part in any table folder of ``directory`` (``"00000"``, ...).

    Parts named ``part-<run>-<partition>`` (one per partition of a distributed run) count
    by their run number.
    """
    used = -1
    for name in TABLE_NAMES:
        folder = Path(directory) / name
        if folder.is_dir():
            for entry in folder.iterdir():
                match = _PART.match(entry.name)
                if match:
                    used = max(used, int(match.group(1)))
    return f"{used + 1:05d}"


def _parts(folder: Path) -> list[Path]:
    return sorted(entry for entry in folder.iterdir() if _PART.match(entry.name)) if folder.is_dir() else []


def remove_incomplete_parts(directory: str | os.PathLike[str]) -> list[Path]:
    """Delete what an interrupted writer may have left in ``directory``, before a run resumes there.

    That is every hidden in-progress file, and every visible part of another table whose
    ``documents`` part is missing (a writer stopped while making its parts visible: the
    documents part is renamed last, so its documents are not counted as done and the
    resumed run writes their rows again).

    Returns:
        The files removed.
    """
    root = Path(directory)
    complete = {entry.name.rsplit(".", 1)[0] for entry in _parts(root / "documents")}
    removed: list[Path] = []
    for name in TABLE_NAMES:
        folder = root / name
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            orphan = _PART.match(entry.name) and entry.name.rsplit(".", 1)[0] not in complete
            if _PENDING.match(entry.name) or orphan:
                entry.unlink()
                removed.append(entry)
    return removed


def read_metadata_columns(directory: str | os.PathLike[str]) -> tuple[str, ...] | None:
    """The metadata columns of the complete parts in ``directory`` (``None`` when there is none yet).

    A run that adds parts beside them must use the same columns, so that every part of a
    dataset has the same schema.
    """
    parts = _parts(Path(directory) / "documents")
    if not parts:
        return None
    fixed = {column.name for column in COLUMNS["documents"]}
    if parts[0].suffix == ".parquet":
        names = pq.read_schema(parts[0]).names
    else:
        with open(parts[0], encoding="utf-8", newline="") as fp:
            names = next(csv.reader(fp), [])
    return tuple(name for name in names if name not in fixed)


def read_document_ids(directory: str | os.PathLike[str]) -> set[str]:
    """The ids of the documents in the complete parts of ``directory``'s documents table."""
    ids: set[str] = set()
    for entry in _parts(Path(directory) / "documents"):
        if entry.suffix == ".parquet":
            column = pq.read_table(entry, columns=["document_id"]).column("document_id")
        else:
            options = pa_csv.ConvertOptions(include_columns=["document_id"], column_types={"document_id": pa.string()})
            column = pa_csv.read_csv(entry, convert_options=options).column("document_id")
        ids.update(column.to_pylist())
    return ids


class TableWriter:
    """Streams documents into one Parquet or CSV dataset per table under ``directory``.

    Use it as a context manager (or call :meth:`close`): the parts become visible when
    it closes, also when the block ends by an exception or Ctrl-C.

    Args:
        directory: Where the table folders go; created when missing.
        format: ``"parquet"`` or ``"csv"``.
        metadata_columns: The document metadata keys that become columns (see
            :func:`~attribution.tables.to_tables`); fixed for the whole stream so that every
            row group and every part has the same schema.
        part: The part's name in each folder (``part-<part>.parquet``); by default the
            next unused number. Give each concurrent writer its own.
        documents_per_group: How many documents' rows are kept before they are written
            as one row group.
        compression: The Parquet compression codec.

    Raises:
        InputError: An unknown format or a bad metadata column name.

    Examples:
        >>> import tempfile, attribution
        >>> from attribution.tables import TableWriter
        >>> doc = attribution.from_json(open("examples/cipher_brief_pakistan.json").read())
        >>> with TableWriter(tempfile.mkdtemp()) as writer:
        ...     writer.write(doc)
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        format: str = "parquet",
        metadata_columns: Sequence[str] = (),
        part: str | None = None,
        documents_per_group: int = 500,
        compression: str = "zstd",
    ) -> None:
        if format not in FORMATS:
            raise InputError(f"unknown table format {format!r}; choose one of: {', '.join(FORMATS)}")
        if documents_per_group < 1:
            raise InputError("documents_per_group must be at least 1")
        self.directory = Path(directory)
        self.format = format
        self.metadata_columns = check_metadata_columns(metadata_columns)
        self.documents_per_group = documents_per_group
        self.compression = compression
        self.directory.mkdir(parents=True, exist_ok=True)
        self.part = next_part(self.directory) if part is None else part
        self.written = 0
        self._rows = Rows(self.metadata_columns)
        self._files: dict[str, Any] = {}
        self._closed = False

    def path(self, table: str) -> Path:
        """Where table ``table``'s part is once the writer has closed."""
        return self.directory / table / f"part-{self.part}.{self.format}"

    def _pending(self, table: str) -> Path:
        final = self.path(table)
        return final.with_name(f".{final.name}.inprogress")

    def write(self, document: AttributedDocument) -> None:
        """Add one document's rows; a row group is written every ``documents_per_group`` documents."""
        if self._closed:
            raise ValueError("the TableWriter is closed")
        self._rows.add(document)
        if self._rows.documents >= self.documents_per_group:
            self.flush()

    def write_many(self, documents: Iterable[AttributedDocument]) -> None:
        """Add every document of ``documents``."""
        for document in documents:
            self.write(document)

    def flush(self) -> None:
        """Write the rows kept so far (one row group per table) and forget them."""
        if self._rows.documents == 0:
            return
        for table in TABLE_NAMES:
            self._append(table, self._rows.table(table))
        self.written += self._rows.documents
        self._rows.clear()

    def _append(self, table: str, data: pa.Table) -> None:
        writer = self._files.get(table)
        if writer is None:
            pending = self._pending(table)
            pending.parent.mkdir(parents=True, exist_ok=True)
            if self.format == "parquet":
                writer = pq.ParquetWriter(pending, data.schema, compression=self.compression)
            else:
                writer = pa_csv.CSVWriter(pending, data.schema)
            self._files[table] = writer
        if data.num_rows or self.format == "csv":
            writer.write_table(data)

    def close(self) -> None:
        """Write what is left and make every part visible (the documents table last)."""
        if self._closed:
            return
        self._closed = True
        try:
            self.flush()
            for table in TABLE_NAMES:
                if table not in self._files:  # no document at all: an empty part keeps the schema
                    self._append(table, self._rows.table(table))
        finally:
            for writer in self._files.values():
                writer.close()
        for table in (*(t for t in TABLE_NAMES if t != "documents"), "documents"):
            os.replace(self._pending(table), self.path(table))

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
