"""Extraction runs that lose nothing: each record checked, each failure reported, in order.

:func:`process_records` runs a stream of :class:`Record` objects through a pipeline in
this process and yields, in input order, one
:class:`~attribution.model.AttributedDocument` or one :class:`Failure` per record. A
record that cannot be processed (a text that is not a string, over the pipeline's
length limit, holding a lone surrogate; an extractor that raises; a result that cannot
be written as JSON) becomes a :class:`Failure` naming its id and origin, and the run
goes on. It is the function to call once per partition from a distributed engine.

:func:`run_records` does the same over a pool of worker processes. The workers are
forked once per run after the pipeline is loaded, so they share it instead of loading
it again; each takes chunks of records and sends back the documents as JSON text. The
pool never waits on a worker that is gone: a worker that dies ends the run with
:class:`WorkerError`, and an interrupt (``KeyboardInterrupt``, or any exception in
the caller) stops every worker within seconds.

Example:
    >>> from attribution.runner import Record, process_records  # doctest: +SKIP
    >>> records = [Record(id="a", text="“Yes,” she said."), Record(id="b", text=None)]
    >>> [type(r).__name__ for r in process_records(records, nlp)]  # doctest: +SKIP
    ['AttributedDocument', 'Failure']
"""

import itertools
import json
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator, Mapping
from multiprocessing.connection import Connection, wait
from typing import Any

import attrs

from .errors import AttributionError, InputError
from .model import AttributedDocument, deferred_checks
from .serialize import from_dict, to_dict

__all__ = [
    "Extracted",
    "Failure",
    "Record",
    "WorkerError",
    "check_record",
    "process_records",
    "run_records",
]

#: Records a worker takes at a time. Small enough that two workers finish close together
#: at the end of a run; large enough that sending them costs nothing next to parsing.
CHUNK_SIZE = 8

_STOP_WAIT = 3.0  # seconds a worker is given to exit before it is killed

#: ``json.dumps(data, ensure_ascii=False, allow_nan=False)``, without building an encoder per document.
_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


@attrs.frozen(kw_only=True)
class Record:
    """One document to process.

    Attributes:
        id: The document id.
        text: The text (anything: :func:`check_record` rejects what is not a usable string).
        metadata: Extra metadata for the document (for JSONL input, the record's other fields).
        origin: Where it came from, for messages (``file:line``); ``None`` when unknown.
        error: Why the record could not even be read (malformed JSON, not UTF-8), when so:
            it then comes out as a :class:`Failure` in its place, in order.
    """

    id: Any
    text: Any = None
    metadata: Mapping[str, Any] = attrs.field(factory=dict)
    origin: str | None = None
    error: str | None = None


@attrs.frozen(kw_only=True)
class Failure:
    """A record that could not be processed, and why.

    Attributes:
        id: The record's id.
        reason: What went wrong, in one line.
        origin: Where the record came from (``file:line``), when known.
    """

    id: str
    reason: str
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The failure as JSON-able data: ``id``, ``origin`` and ``reason``."""
        return {"id": self.id, "origin": self.origin, "reason": self.reason}

    def __str__(self) -> str:
        if self.origin is None or self.origin == self.id:
            return f"{self.id}: {self.reason}"
        return f"{self.origin}: document {self.id!r}: {self.reason}"


@attrs.define(kw_only=True)
class Extracted:
    """A processed document, as checked JSON text (and the document, when at hand).

    Attributes:
        id: The document id.
        json: The document as one line of JSON (UTF-8 encodable, no ``NaN``).
    """

    id: str
    json: str
    _document: AttributedDocument | None = attrs.field(default=None, alias="document", repr=False)

    @property
    def document(self) -> AttributedDocument:
        """The document (read back from :attr:`json` when it came from a worker)."""
        if self._document is None:
            self._document = from_dict(json.loads(self.json))
        return self._document


class WorkerError(AttributionError, RuntimeError):
    """A worker process died (killed, or out of memory) during a run."""


def _describe(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _surrogate(value: str, what: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        char = value[error.start]
        raise ValueError(
            f"{what} holds a lone surrogate U+{ord(char):04X} at character {error.start} (not valid Unicode text)"
        ) from None


def check_record(record: Record, nlp: Any) -> None:
    """Check that ``record`` can go through ``nlp``: raise if it cannot.

    A record that carries a read ``error`` fails with it. The id must be a non-empty string; the text a string within ``nlp.max_length``; id,
    text and metadata free of lone surrogates, and the metadata writable as strict JSON
    (no ``NaN``, no objects JSON cannot hold).

    Raises:
        InputError: The record cannot be processed; the message says why.
    """
    from .extract.checks import check_text

    if record.error is not None:
        raise InputError(record.error)
    if not isinstance(record.id, str) or not record.id:
        raise InputError(f"document id must be a non-empty str, not {record.id!r:.40}")
    check_text(record.text, nlp, record.id)
    if record.metadata:
        if not isinstance(record.metadata, Mapping):
            raise InputError(f"metadata must be a mapping, not {type(record.metadata).__name__}")
        try:
            text = json.dumps(dict(record.metadata), ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as error:
            raise InputError(f"metadata cannot be written as JSON: {_describe(error)}") from None
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InputError(
                f"metadata holds a lone surrogate U+{ord(text[error.start]):04X} (not valid Unicode text)"
            ) from None


def _failure(record: Record, reason: str) -> Failure:
    doc_id = record.id if isinstance(record.id, str) and record.id else (record.origin or "?")
    try:
        doc_id.encode("utf-8")
    except UnicodeEncodeError:
        doc_id = doc_id.encode("utf-8", "backslashreplace").decode("utf-8")
    return Failure(id=doc_id, reason=reason, origin=record.origin)


def _checked(record: Record, nlp: Any) -> Failure | None:
    try:
        check_record(record, nlp)
    except InputError as error:
        return _failure(record, error.reason)
    return None


def _ours_last(nlp: Any) -> bool:
    """Whether the attribution component is the last of ``nlp``'s (no component runs after it)."""
    from .extract.components import AttributionPipe

    pipeline = getattr(nlp, "pipeline", None)
    return bool(pipeline) and isinstance(pipeline[-1][1], AttributionPipe)


def _finish(record: Record, doc: Any, nlp: Any, ours_last: bool | None = None) -> tuple[AttributedDocument, str] | Failure:
    """The document for ``record`` (parsing it now when ``doc`` is None) and its JSON.

    ``ours_last`` is :func:`_ours_last` of ``nlp`` when the caller knows it already.
    """
    from .extract.components import document_from_doc, stored_document

    try:
        if doc is None:
            doc = nlp(record.text)
        if ours_last if ours_last is not None else _ours_last(nlp):
            # No component ran after ours: the document it built is the one to give.
            document, data = stored_document(doc, id=record.id)
        else:
            document = document_from_doc(doc, id=record.id)
            data = None
        if record.metadata:
            with deferred_checks():  # metadata take no part in the invariants across objects
                document = attrs.evolve(document, metadata={**record.metadata, **document.metadata})
            data = None
        text = _JSON.encode(to_dict(document) if data is None else data)
        _surrogate(text, "the result")
    except (Exception, SystemExit) as error:  # one document's failure must not end the run
        return _failure(record, f"extraction failed: {_describe(error)}")
    return document, text


def _process(records: Iterable[Record], nlp: Any, batch_size: int) -> Iterator[tuple[AttributedDocument, str] | Failure]:
    """:func:`process_records`, with each document's checked JSON beside it."""
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, batch_size)):
        checks = [_checked(record, nlp) for record in batch]
        good = [record for record, failure in zip(batch, checks) if failure is None]
        try:
            docs = iter(list(nlp.pipe((r.text for r in good), batch_size=batch_size)))
        except (Exception, SystemExit):  # some document broke the batch: take them one at a time
            docs = iter([None] * len(good))
        ours_last = _ours_last(nlp)
        for record, failure in zip(batch, checks):
            yield failure if failure is not None else _finish(record, next(docs), nlp, ours_last)


def process_records(
    records: Iterable[Record], nlp: Any, *, batch_size: int = 32
) -> Iterator[AttributedDocument | Failure]:
    """Run ``records`` through ``nlp`` in this process: one result per record, in order.

    Each record is checked (:func:`check_record`) before it enters ``nlp.pipe``. A record
    that fails the check, makes an extractor raise, or whose result cannot be written as
    strict JSON (``NaN``, a numpy scalar in metadata) is yielded as a :class:`Failure`;
    the others as documents, with the record's metadata merged into theirs (the
    extractor's own keys win). ``SystemExit`` raised while processing a document fails
    that document; only ``KeyboardInterrupt`` stops the run.

    Args:
        records: The records, consumed lazily.
        nlp: A pipeline with the attribution component (see
            :func:`attribution.extract.load_pipeline`).
        batch_size: Records per ``nlp.pipe`` batch.

    Yields:
        An :class:`~attribution.model.AttributedDocument` or a :class:`Failure` per record.

    Raises:
        ValueError: ``batch_size`` is less than 1.
    """
    _check_sizes(batch_size=batch_size)
    for item in _process(records, nlp, batch_size):
        yield item if isinstance(item, Failure) else item[0]


def _check_sizes(**sizes: int) -> None:
    for name, value in sizes.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an integer of at least 1, got {value!r}")


def run_records(
    records: Iterable[Record], nlp: Any, *, n_process: int = 1, batch_size: int = 32
) -> Iterator[Extracted | Failure]:
    """Run ``records`` through ``nlp``, in ``n_process`` processes: one result per record, in order.

    With ``n_process=1`` this is :func:`process_records` in this process. With more, that
    many worker processes are forked (the pipeline is inherited, not loaded again) and
    take chunks of records; records are checked here before they are sent. Close the
    iterator (or let it finish) to stop the workers; an exception or interrupt in the
    caller stops them too.

    Args:
        records: The records, consumed lazily (a bounded number are in flight).
        nlp: A pipeline with the attribution component.
        n_process: Processes to use. Where processes cannot be forked (Windows, macOS
            spawn-only builds) the run stays in this process.
        batch_size: Records per ``nlp.pipe`` batch in each process.

    Yields:
        :class:`Extracted` (the document as checked JSON) or :class:`Failure`, per record.

    Raises:
        ValueError: ``n_process`` or ``batch_size`` is less than 1.
        WorkerError: A worker process died; the message names it and what it was doing.
    """
    _check_sizes(n_process=n_process, batch_size=batch_size)
    if n_process == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _in_process(records, nlp, batch_size)
    return _pool(records, nlp, n_process, batch_size)


def _in_process(records: Iterable[Record], nlp: Any, batch_size: int) -> Iterator[Extracted | Failure]:
    for item in _process(records, nlp, batch_size):
        yield item if isinstance(item, Failure) else Extracted(id=item[0].id, json=item[1], document=item[0])


# -- the pool ----------------------------------------------------------------------------


def _worker(conn: Connection, nlp: Any, batch_size: int, parent: int) -> None:
    """A worker: take chunks of records, send back ``(index, results)``; exit with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when the run ends
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        while not conn.poll(1.0):
            if os.getppid() != parent:  # the parent is gone: do not linger as an orphan
                os._exit(0)
        try:
            task = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if task is None:
            return
        index, records = task
        try:
            results = [
                item if isinstance(item, Failure) else (item[0].id, item[1])
                for item in _process(records, nlp, batch_size)
            ]
        except Exception as error:  # not expected: _process guards each document
            results = [_failure(r, f"extraction failed: {_describe(error)}") for r in records]
        conn.send((index, results))


@attrs.define
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, list[Record]] | None = None


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _pool(records: Iterable[Record], nlp: Any, n_process: int, batch_size: int) -> Iterator[Extracted | Failure]:
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []
    try:
        for _ in range(n_process):
            ours, theirs = context.Pipe(duplex=True)
            process = context.Process(
                target=_worker, args=(theirs, nlp, min(batch_size, CHUNK_SIZE), os.getpid()), daemon=True
            )
            process.start()
            theirs.close()
            workers.append(_Worker(process, ours))
        yield from _dispatch(iter(records), nlp, workers)
    finally:
        _stop(workers)


def _dispatch(records: Iterator[Record], nlp: Any, workers: list[_Worker]) -> Iterator[Extracted | Failure]:
    done: dict[int, list[Any]] = {}  # chunk index -> results, until their turn comes
    checks: dict[int, list[Failure | None]] = {}
    chunks = enumerate(iter(lambda: list(itertools.islice(records, CHUNK_SIZE)), []))
    turn, exhausted = 0, False
    while True:
        for worker in workers:
            while worker.task is None and not exhausted:
                index, chunk = next(chunks, (None, None))
                if index is None:
                    exhausted = True
                    break
                checks[index] = [_checked(record, nlp) for record in chunk]
                good = [r for r, failure in zip(chunk, checks[index]) if failure is None]
                if good:
                    worker.task = (index, good)
                    worker.conn.send(worker.task)
                else:
                    done[index] = []
        while turn in done:
            results = iter(done.pop(turn))
            for failure in checks.pop(turn):
                if failure is not None:
                    yield failure
                    continue
                item = next(results)
                yield item if isinstance(item, Failure) else Extracted(id=item[0], json=item[1])
            turn += 1
        busy = [w for w in workers if w.task is not None]
        if not busy:
            return
        handles: dict[Any, _Worker] = {w.conn: w for w in busy}
        handles.update({w.process.sentinel: w for w in workers})
        ready = wait(list(handles))
        for handle in sorted(ready, key=lambda h: not isinstance(h, Connection)):  # results before deaths
            worker = handles[handle]
            if isinstance(handle, Connection) and worker.task is not None:
                try:
                    index, results = worker.conn.recv()
                except (EOFError, OSError):
                    continue  # it died: its sentinel says how
                done[index] = results
                worker.task = None
            elif not isinstance(handle, Connection):
                worker.process.join(0.1)
                doing = ""
                if worker.task is not None:
                    ids = [r.id for r in worker.task[1]]
                    doing = f" while processing {ids[0]!r}" + (f" .. {ids[-1]!r}" if len(ids) > 1 else "")
                raise WorkerError(
                    f"worker process {worker.process.pid} died ({_exit_reason(worker.process.exitcode)}){doing}; "
                    "the run stops here"
                )


def _stop(workers: list[_Worker]) -> None:
    """Stop every worker: ask the idle ones, terminate the busy, kill what is left."""
    for worker in workers:
        try:
            if worker.task is None and worker.process.is_alive():
                worker.conn.send(None)
            else:
                worker.process.terminate()
        except (OSError, ValueError):
            worker.process.terminate()
    for worker in workers:
        worker.process.join(_STOP_WAIT)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(_STOP_WAIT)
        worker.conn.close()
