"""Where ``attribution extract`` writes its documents: one writer per ``--format``.

A writer is made by a factory in :data:`WRITERS` (keyed by the ``--format`` name) from
the ``--output`` path (``None``: standard output), whether the run resumes and the
metadata keys that become table columns (used by the table formats only). It gets
each processed document as it comes (:meth:`Writer.write`) and is closed exactly once
(:meth:`Writer.close`), also when the run is interrupted, so that what it wrote is
complete: the JSON array is closed, every JSONL line is whole, every Parquet or CSV part
is made visible. To add a format, register a factory in :data:`WRITERS` and add the name
to the ``--format`` choices.

Each record is written while ``SIGINT`` and ``SIGTERM`` are held back, so an interrupt
falls between records, never inside one.
"""

import contextlib
import functools
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TextIO

from ..runner import Extracted

__all__ = [
    "TABLE_FORMATS",
    "WRITERS",
    "DatasetWriter",
    "JsonWriter",
    "JsonlWriter",
    "TableWriter",
    "Writer",
    "open_text",
    "whole_records",
]

#: The ``--format`` names that write one dataset per table into an ``--output`` folder.
TABLE_FORMATS = ("parquet", "csv")

_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def whole_records() -> Iterator[None]:
    """Hold back ``SIGINT`` and ``SIGTERM`` while a record is written.

    A signal that comes meanwhile is noted and raised again when the record is whole.
    Python runs signal handlers in the main thread whichever thread the operating system
    hands the signal to, so this holds also while other threads run (a process pool's
    helper threads), which a signal mask of the main thread alone does not. Outside the
    main thread, where handlers cannot be set, nothing is held.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def note(signum: int, frame: object) -> None:
        pending.append(signum)

    previous = {held: signal.signal(held, note) for held in _HELD}
    try:
        yield
    finally:
        for held, handler in previous.items():
            signal.signal(held, signal.SIG_DFL if handler is None else handler)
        if pending:
            signal.raise_signal(pending[0])


def open_text(path: str | None, *, append: bool = False) -> TextIO:
    """``path`` opened for writing UTF-8 text (``append`` to add to it); ``None`` is stdout.

    Raises:
        OSError: The file cannot be opened.
    """
    if path is None or path == "-":
        return sys.stdout
    return open(path, "a" if append else "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - the writer closes it


class Writer(Protocol):
    """What a ``--format`` writer does."""

    def write(self, result: Extracted) -> None:
        """Write one processed document."""

    def close(self) -> None:
        """Complete the output (also after an interrupt) and release it."""


class _StreamWriter:
    def __init__(self, output: str | None, *, resume: bool = False, metadata_columns: Sequence[str] = ()) -> None:
        self.out = open_text(output, append=resume)
        self.count = 0

    def _put(self, text: str) -> None:
        with whole_records():
            self.out.write(text)
            self.out.flush()
            self.count += 1

    def close(self) -> None:
        try:
            self.out.flush()
        finally:
            if self.out is not sys.stdout:
                self.out.close()


class JsonlWriter(_StreamWriter):
    """One document per line, flushed as it is written."""

    def write(self, result: Extracted) -> None:
        """Write ``result`` as one line."""
        self._put(result.json + "\n")


class JsonWriter(_StreamWriter):
    """A JSON array of documents (``[]`` when there are none), however many inputs there are."""

    def write(self, result: Extracted) -> None:
        """Write ``result`` as the array's next item."""
        text = json.dumps(json.loads(result.json), ensure_ascii=False, indent=2)
        self._put(("[\n" if self.count == 0 else ",\n") + text)

    def close(self) -> None:
        """Close the array."""
        try:
            with whole_records():
                self.out.write("\n]\n" if self.count else "[]\n")
        finally:
            super().close()


class TableWriter(_StreamWriter):
    """The readable terminal view, one block per document."""

    def write(self, result: Extracted) -> None:
        """Write ``result`` as a table."""
        from .table import render_table

        self._put(("\n" if self.count else "") + render_table(result.document))


class DatasetWriter:
    """One Parquet or CSV dataset per table in the ``output`` folder, a new part per run.

    Rows are written in row groups as documents come (memory stays flat); the run's part
    of each table becomes visible when the writer closes, the documents table last, with
    interrupts held back meanwhile. A resumed run adds its own part beside the others.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (the message says how to install it).
        InputError: A metadata column name cannot be used.
    """

    def __init__(
        self, output: str | None, *, format: str, resume: bool = False, metadata_columns: Sequence[str] = ()
    ) -> None:
        from ..tables import TableWriter as _Tables

        if output is None:
            raise ValueError(f"--format {format} writes a folder: it needs --output DIR")
        self.tables = _Tables(output, format=format, metadata_columns=metadata_columns)
        self.count = 0

    def write(self, result: Extracted) -> None:
        """Add ``result``'s rows to every table."""
        with whole_records():
            self.tables.write(result.document)
            self.count += 1

    def close(self) -> None:
        """Write the last row group and make the run's parts visible."""
        with whole_records():
            self.tables.close()


#: Writer factories by ``--format`` name: ``factory(output, resume=..., metadata_columns=...) -> Writer``.
WRITERS: dict[str, Callable[..., Writer]] = {
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "table": TableWriter,
    **{name: functools.partial(DatasetWriter, format=name) for name in TABLE_FORMATS},
}
