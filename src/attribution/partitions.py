"""Extraction one partition at a time, for any engine that hands out partitions.

A distributed engine (Dask, Spark, Ray) splits a corpus into partitions and runs one
function on each, in whichever worker process is free. :func:`extract_partition` is
that function: it takes the partition's records (mappings with an id and a text, the
other fields kept as metadata, as in JSON Lines input), runs them through the pipeline,
writes the documents as one part of each table under ``output`` (the layout of
:class:`~attribution.tables.TableWriter`: ``output/claims/part-<part>.parquet``, ...) and
returns the records that failed, with their reasons. Nothing else travels back to the
driver.

The pipeline is loaded once per process (:data:`PIPELINES`) and kept for every later
partition, so a worker that runs a thousand partitions loads it once. Dask workers can
load it before their first task with :class:`attribution.dask.PipelinePlugin`.

Needs pyarrow (``pip install 'attribution[tables]'``); no engine is imported here.

Example:
    >>> from attribution.partitions import extract_partition  # doctest: +SKIP
    >>> extract_partition([{"id": "a", "text": "“Yes,” she said."}], "out", part="00000-00000")  # doctest: +SKIP
    []
"""

import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .model import with_min_confidence
from .runner import Failure, Record, process_records
from .tables import TableWriter, next_part

__all__ = ["PIPELINES", "PipelineCache", "extract_partition", "records_from_mappings", "write_records"]


class PipelineCache:
    """The pipelines this process has loaded, by their options: each is loaded once.

    Attributes:
        loads: How many pipelines this process has loaded so far.
    """

    def __init__(self) -> None:
        self._pipelines: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()
        self.loads = 0

    def get(self, model: str | None = None, *, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Any:
        """The pipeline for these options (see :func:`attribution.extract.load_pipeline`), loaded on first use.

        Raises:
            ModelNotAvailableError: ``model`` is not installed.
            PluginError: An unknown step was named.
        """
        key = (model, tuple(include), tuple(exclude))
        with self._lock:  # two threads of one worker must not load it twice
            nlp = self._pipelines.get(key)
            if nlp is None:
                from .extract import load_pipeline

                nlp = load_pipeline(model, include=list(include), exclude=list(exclude))
                self._pipelines[key] = nlp
                self.loads += 1
        return nlp


#: This process's pipelines, shared by every partition it runs.
PIPELINES = PipelineCache()


def records_from_mappings(rows: Iterable[Any], *, text_field: str = "text", id_field: str = "id") -> Iterator[Record]:
    """A :class:`~attribution.runner.Record` per mapping: its id, its text, the other fields as metadata.

    A row that is not a mapping, or has no string id, becomes a record that fails with
    the reason (it is reported, not dropped).
    """
    for number, row in enumerate(rows):
        if not isinstance(row, Mapping):
            yield Record(id=f"row {number}", error=f"expected a mapping with {id_field!r} and {text_field!r}, got {type(row).__name__}")
            continue
        doc_id = row.get(id_field)
        if not isinstance(doc_id, str) or not doc_id:
            where = f"row {number}"
            yield Record(id=where, error=f"field {id_field!r} must be a non-empty string, not {doc_id!r:.40}")
            continue
        metadata = {k: v for k, v in row.items() if k not in (text_field, id_field)}
        yield Record(id=doc_id, text=row.get(text_field), metadata=metadata)


def write_records(
    records: Iterable[Record],
    output: str,
    *,
    part: str | None = None,
    format: str = "parquet",
    metadata_columns: Sequence[str] = (),
    nlp: Any = None,
    model: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    batch_size: int = 32,
    min_confidence: float = 0.0,
) -> list[Failure]:
    """Run ``records`` through the pipeline and write them as one part of the tables under ``output``.

    The arguments are those of :func:`extract_partition`, with records already made.

    Returns:
        The records that failed, in order.
    """
    if nlp is None:
        nlp = PIPELINES.get(model, include=include, exclude=exclude)
    if part is None:
        part = f"{next_part(output)}-{uuid.uuid4().int % 10**12:012d}"
    failures: list[Failure] = []
    with TableWriter(output, format=format, metadata_columns=metadata_columns, part=part) as writer:
        for result in process_records(records, nlp, batch_size=batch_size):
            if isinstance(result, Failure):
                failures.append(result)
            else:
                writer.write(with_min_confidence(result, min_confidence) if min_confidence else result)
    return failures


def extract_partition(
    rows: Iterable[Any],
    output: str,
    *,
    part: str | None = None,
    format: str = "parquet",
    metadata_columns: Sequence[str] = (),
    text_field: str = "text",
    id_field: str = "id",
    model: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    batch_size: int = 32,
    min_confidence: float = 0.0,
) -> list[dict[str, Any]]:
    """Extract one partition of records and write it as one part of every table under ``output``.

    Each row is a mapping (a dict, a Spark ``Row.asDict()``, a pandas record) with an id
    and a text; its other fields become the document's metadata. A row that cannot be
    processed (no id, no text, over the length limit, an extractor raising) is returned
    as a failure and the others are written. The part becomes visible only once the whole
    partition is written, so an engine that retries a failed partition under the same
    ``part`` name leaves each document exactly once.

    Args:
        rows: The partition's records, read once.
        output: The folder of the tables (shared by every worker).
        part: The part's name, ``<run>-<partition>`` such as ``"00000-00042"``; give each
            partition its own, the same on a retry. By default a new random one.
        format: ``"parquet"`` or ``"csv"``.
        metadata_columns: The metadata keys that become columns; the same for every
            partition of a run (see :class:`~attribution.tables.TableWriter`).
        text_field: The field holding the text.
        id_field: The field holding the document id.
        model: The spaCy pipeline to load (once per process).
        include: Extractor steps to run in addition.
        exclude: Extractor steps not to run.
        batch_size: Documents per ``nlp.pipe`` batch.
        min_confidence: Keep only claims at least this confident.

    Returns:
        One ``{"id", "origin", "reason"}`` dict per record that failed.
    """
    records = records_from_mappings(rows, text_field=text_field, id_field=id_field)
    failures = write_records(
        records,
        output,
        part=part,
        format=format,
        metadata_columns=metadata_columns,
        model=model,
        include=include,
        exclude=exclude,
        batch_size=batch_size,
        min_confidence=min_confidence,
    )
    return [failure.to_dict() for failure in failures]
