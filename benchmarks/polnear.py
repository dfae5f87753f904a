"""Score attribution's extractor on PolNeAR (dev, optionally train), with error samples.

Prints the same table as ``attribution evaluate`` (exact and overlap matching, by mode,
speaker accuracy; see :mod:`attribution.evaluate` for the rules) for each split, and
with ``--errors N`` a sample of N false positives and N false negatives (overlap
matching unless ``--error-matching exact``), each with the nearest span on the other
side and its Jaccard, to help tuning. The samples go to stdout only: never save them
into the repository (the texts are third-party news, licensed for evaluation only).

The gold data are read at run time from ``../shared/eval`` next to the checkout
(``--eval-dir`` to change). Run from the repository root::

    python benchmarks/polnear.py                          # dev
    python benchmarks/polnear.py --split dev --split train
    python benchmarks/polnear.py --errors 20 --error-mode direct
    python benchmarks/polnear.py --format json > /tmp/polnear-dev.json

Tune on train and dev together, and do not fit rules to single documents.
"""

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attribution.cli.evaluate import render
from attribution.evaluate import (
    DocumentScore,
    GoldAttribution,
    Matching,
    Prediction,
    evaluate_batched,
    jaccard,
    normalize_segments,
    read_gold,
)

#: Where the gold data live by default: ``../shared/eval`` next to the checkout.
DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit // 2 - 2] + " ... " + text[-(limit // 2 - 3) :]


def _segments_text(text: str, segments: tuple[tuple[int, int], ...]) -> str:
    return " [...] ".join(text[s:e] for s, e in segments)


class ErrorSample:
    """A fixed-size uniform sample (reservoir) of errors, so memory stays bounded."""

    def __init__(self, size: int, seed: int) -> None:
        self.size = size
        self.seen = 0
        self.items: list[dict[str, Any]] = []
        self._random = random.Random(seed)

    def offer(self, make: Any) -> None:
        """Consider one error; ``make()`` builds its record only if it is kept."""
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(make())
            return
        slot = self._random.randrange(self.seen)
        if slot < self.size:
            self.items[slot] = make()


def _nearest(text: str, segments: Any, others: list[tuple[Any, str]]) -> tuple[float, str | None]:
    mine = normalize_segments(text, segments)
    best, best_text = 0.0, None
    for other_segments, label in others:
        score = jaccard(mine, normalize_segments(text, other_segments))
        if score > best:
            best, best_text = score, label
    return best, best_text


def collector(
    false_positives: ErrorSample, false_negatives: ErrorSample, matching: Matching, mode: str | None
) -> Any:
    """A callback for :func:`evaluate_batched` that samples the errors of each document."""

    def on_document(score: DocumentScore) -> None:
        document = score.document
        text = document.text
        alignment = score.exact if matching is Matching.EXACT else score.overlap
        golds: tuple[GoldAttribution, ...] = document.attributions
        predictions: tuple[Prediction, ...] = score.predictions
        gold_side = [(g.content, f"[{g.mode.value}] {_clip(_segments_text(text, g.content))}") for g in golds]
        pred_side = [
            (p.content, f"[{p.mode.value}] {_clip(_segments_text(text, p.content))}") for p in predictions
        ]

        for index in alignment.unmatched_predictions:
            p = predictions[index]
            if mode and p.mode.value != mode:
                continue

            def make(p: Prediction = p) -> dict[str, Any]:
                nearest, nearest_text = _nearest(text, p.content, gold_side)
                return {
                    "document": document.id,
                    "offsets": list(p.content),
                    "mode": p.mode.value,
                    "content": _clip(_segments_text(text, p.content)),
                    "speaker": None if p.source is None else text[p.source[0] : p.source[1]],
                    "nearest": nearest_text,
                    "jaccard": round(nearest, 3),
                }

            false_positives.offer(make)
        for index in alignment.unmatched_gold:
            g = golds[index]
            if mode and g.mode.value != mode:
                continue

            def make(g: GoldAttribution = g) -> dict[str, Any]:
                nearest, nearest_text = _nearest(text, g.content, pred_side)
                return {
                    "document": document.id,
                    "offsets": list(g.content),
                    "mode": g.mode.value,
                    "content": _clip(_segments_text(text, g.content)),
                    "speaker": _segments_text(text, g.source) if g.source else None,
                    "cue": _segments_text(text, g.cue) if g.cue else None,
                    "nearest": nearest_text,
                    "jaccard": round(nearest, 3),
                }

            false_negatives.offer(make)

    return on_document


def _print_errors(title: str, sample: ErrorSample) -> None:
    print(f"\n{title}: {len(sample.items)} sampled of {sample.seen}")
    for number, item in enumerate(sample.items, 1):
        print(f"\n{number}. {item['document']} {item['offsets']} [{item['mode']}]")
        print(f"   content: {item['content']}")
        print(f"   speaker: {item['speaker']}" + (f"; cue: {item['cue']}" if item.get("cue") else ""))
        if item["nearest"] is not None:
            print(f"   nearest on the other side (Jaccard {item['jaccard']}): {item['nearest']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="folder with polnear_*.jsonl")
    parser.add_argument(
        "--split", action="append", choices=("dev", "train"), help="split(s) to score (default: dev)"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the library's default)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents per split")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print N false positives and N false negatives"
    )
    parser.add_argument("--error-matching", choices=("exact", "overlap"), default="overlap")
    parser.add_argument(
        "--error-mode", choices=("direct", "indirect", "mixed"), default=None, help="only errors of this mode"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the error sample")
    args = parser.parse_args(argv)

    from attribution.extract import analyze_many

    results = []
    for split in args.split or ["dev"]:
        path = args.eval_dir / f"polnear_{split}.jsonl"
        if not path.exists():
            print(f"polnear: no gold data at {path} (use --eval-dir)", file=sys.stderr)
            return 1
        false_positives = ErrorSample(args.errors, args.seed)
        false_negatives = ErrorSample(args.errors, args.seed + 1)
        on_document = (
            collector(false_positives, false_negatives, Matching(args.error_matching), args.error_mode)
            if args.errors
            else None
        )

        def predict_many(texts: Iterator[str]) -> Any:
            return analyze_many(texts, model=args.model, batch_size=args.batch_size, n_process=args.n_process)

        started = time.perf_counter()
        evaluation = evaluate_batched(
            read_gold(path, limit=args.limit), predict_many, on_document=on_document
        )
        seconds = time.perf_counter() - started
        if args.format == "json":
            data = json.loads(render(evaluation, "json", gold=str(path), model=args.model))
            data["split"] = split
            data["seconds"] = round(seconds, 1)
            if args.errors:
                data["false_positives"] = false_positives.items
                data["false_negatives"] = false_negatives.items
            results.append(data)
            continue
        print(render(evaluation, "text", gold=str(path), model=args.model))
        print(f"{seconds:.1f} s")
        if args.errors:
            where = f"{args.error_matching} matching"
            if args.error_mode:
                where += f", {args.error_mode} only"
            _print_errors(f"false positives ({where})", false_positives)
            _print_errors(f"false negatives ({where})", false_negatives)
        print()
    if args.format == "json":
        print(json.dumps(results if len(results) > 1 else results[0], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
