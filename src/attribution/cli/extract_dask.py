"""``attribution extract --engine dask``: the records sent to a Dask cluster, partition by partition.

The records are read here, lazily, and sent in partitions of ``--partition-size``; a
bounded number of partitions is in flight at once (two per worker), so memory stays flat
however long the input. Each partition runs :func:`attribution.partitions.write_records`
on a worker, which writes it as one part of every table (``part-<run>-<partition>``) and
sends back only its failures. Without ``--scheduler`` a ``LocalCluster`` of
``--n-process`` worker processes (one thread each) runs on this machine; every worker
loads the pipeline once (:class:`attribution.dask.PipelinePlugin`).
"""

import argparse
import contextlib
import itertools
import logging
import math
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..runner import Failure, Record
from .table import plural

__all__ = ["partition_size", "run_dask"]

#: The largest partition by default: a part of each table per 500 documents.
MAX_PARTITION = 500

#: Dask settings for the workers of the local cluster. Dask's statistical profiler keeps a
#: call tree of every second a worker computes, for its last 1,000 seconds: with spaCy's
#: deep stacks that grew each worker by about 15 KB a document, 75 MB over 5,000.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def partition_size(total: int | None, workers: int) -> int:
    """Documents per partition: up to :data:`MAX_PARTITION`, and at least four partitions per worker when the total is known."""
    if total is None:
        return MAX_PARTITION
    return max(1, min(MAX_PARTITION, math.ceil(total / (4 * max(1, workers)))))


def _say(message: str) -> None:
    print(f"attribution extract: {message}", file=sys.stderr, flush=True)


class _OneLine(logging.Filter):
    """Reports an error the event loop logs as one line, without its traceback.

    Dask's client runs on a Tornado event loop, which logs a failing callback with its
    traceback ("Exception in callback ..."). One such failure is Dask's own, when Ctrl-C
    interrupts a wait (``distributed.utils.sync``: "cannot access free variable
    'future'"); it is still reported, as one line naming the error.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            _say(f"the Dask client reported an error in its event loop: {_describe(error)}")
            return False
        return True


def _describe(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@contextlib.contextmanager
def _workers_ignore_interrupts() -> Iterator[None]:
    """SIGINT ignored while the local cluster starts, so that its worker processes ignore it for good.

    A Ctrl-C at the terminal goes to every process of the foreground group, the local
    cluster's workers too, and each would print a traceback of its own. A process
    started while SIGINT is ignored keeps ignoring it (Python leaves an inherited
    ``SIG_IGN`` alone); this process handles it again once the cluster is up, and closes
    the cluster. A Ctrl-C during those seconds of start-up is lost.
    """
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to set
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _local_cluster(workers: int) -> Any:
    """A ``LocalCluster`` of ``workers`` processes (one thread each) for this command alone.

    Its workers ignore Ctrl-C (:func:`_workers_ignore_interrupts`) and print only
    critical log records. Dask's workers log at ERROR what is no error of the run: a
    worker whose heartbeat finds the scheduler already closed, as it can while the
    cluster shuts down after an interrupt, logs a traceback. Every failure that
    matters to a run reaches this command as a failed task and is reported per
    record, so nothing the user needs is hidden.
    """
    from distributed import LocalCluster

    with _workers_ignore_interrupts():  # Ctrl-C is this process's to handle, not each worker's
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # no dashboard, and its HTTP server on a free local port: a second
            # run, or any other cluster on 8787, is then no reason for a warning
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            config=WORKER_CONFIG,
            silence_logs=logging.CRITICAL,
        )


def run_dask(
    args: argparse.Namespace,
    records: Iterator[Record],
    *,
    columns: Sequence[str],
    total: int | None,
    report: Callable[[Failure], None],
    progress: Any,
) -> tuple[int, int]:
    """Run ``records`` on a Dask cluster into ``args.output``; returns (exit code, documents sent and not failed).

    A partition whose task fails as a whole (its worker died more often than Dask
    retries) has each of its records reported as a failure, with the reason.
    """
    from distributed import Client, wait

    from ..dask import PipelinePlugin
    from ..partitions import write_records
    from ..tables import next_part

    options = {
        "format": args.format,
        "metadata_columns": tuple(columns),
        "model": args.model,
        "include": tuple(args.include),
        "exclude": tuple(args.exclude),
        "batch_size": args.batch_size,
        "min_confidence": args.min_confidence,
    }
    run = next_part(args.output)
    sent = failed = 0
    with contextlib.ExitStack() as stack:
        loop_log, one_line = logging.getLogger("tornado.application"), _OneLine()
        loop_log.addFilter(one_line)
        stack.callback(loop_log.removeFilter, one_line)
        try:
            if args.scheduler is None:
                cluster = stack.enter_context(_local_cluster(args.n_process))
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(args.scheduler, timeout="30s"))
            client.register_plugin(PipelinePlugin(args.model, include=args.include, exclude=args.exclude))
        except Exception as error:  # no cluster, or the pipeline cannot load: one line, exit 1
            _say(f"cannot start the Dask engine: {_describe(error)}")
            return 1, 0
        workers = max(1, len(client.scheduler_info()["workers"]))
        size = args.partition_size or partition_size(total, workers)
        in_flight: dict[Any, list[Record]] = {}

        def collect(futures: Any) -> None:
            nonlocal failed
            for future in futures:
                chunk = in_flight.pop(future)
                try:
                    failures = future.result()
                except Exception as error:  # the whole partition was lost: every record is reported
                    failures = [Failure(id=r.id, origin=r.origin, reason=f"partition failed: {_describe(error)}") for r in chunk]
                for failure in failures:
                    report(failure)
                failed += len(failures)
                progress.update(len(chunk))

        def collect_all() -> None:
            while in_flight:
                collect(wait(list(in_flight), return_when="FIRST_COMPLETED").done)

        chunks = iter(lambda: list(itertools.islice(records, size)), [])
        try:
            for index, chunk in enumerate(chunks):
                future = client.submit(write_records, chunk, args.output, part=f"{run}-{index:05d}", pure=False, **options)
                in_flight[future] = chunk
                sent += len(chunk)
                if len(in_flight) >= 2 * workers:
                    done = wait(list(in_flight), return_when="FIRST_COMPLETED").done
                    collect(done)
            collect_all()
        except KeyboardInterrupt:
            if args.scheduler is not None and in_flight:
                _finish_in_flight(len(in_flight), collect_all)
            raise
    return 0, sent - failed


def _finish_in_flight(count: int, collect_all: Callable[[], None]) -> None:
    """After an interrupt, wait for the partitions a cluster of its own is running.

    Closing the client does not stop a task already running on a worker: it would write
    its part after this command ended, possibly while ``--resume`` reads the output, and
    its documents would be written twice. So the partitions sent (at most two per worker)
    are finished first; a second interrupt leaves them to the cluster.
    """
    _say(f"interrupted: waiting for the {plural(count, 'partition')} sent to the cluster to be written (Ctrl-C again to stop waiting)")
    try:
        collect_all()
    except KeyboardInterrupt:
        _say("partitions are still running on the cluster: let them finish before --resume, or their documents are written twice")
        raise
