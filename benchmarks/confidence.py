"""Does a claim's ``confidence`` mean something? Precision by confidence band on PolNeAR.

For every predicted claim, whether it matches a gold attribution (overlap matching,
character Jaccard >= 0.5, one-to-one, exactly as ``attribution evaluate``) is recorded
with its confidence. The script prints:

* precision by confidence band (``--bands``, default 0.1 wide): a higher band should
  have a higher precision;
* the curve a user gets with ``attribution extract --min-confidence T``: precision,
  recall and F1 of the claims kept at each threshold T;
* with ``--cells``, precision by how the content was found and by cue class, read back
  from the confidence (the table the extractor's confidences were fitted to: fit them
  on ``--split train`` only).

The gold data are read at run time from ``../shared/eval`` next to the checkout
(``--eval-dir`` to change). Run from the repository root::

    python benchmarks/confidence.py                  # dev
    python benchmarks/confidence.py --split train --cells
    python benchmarks/confidence.py --format json
"""

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attribution.evaluate import DocumentScore, evaluate_batched, read_gold

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
THRESHOLDS = (0.0, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)


def _band(confidence: float, width: float) -> float:
    return round(min(int(confidence / width + 1e-9) * width, 1.0 - width), 3)


def measure(path: Path, *, limit: int | None, model: str | None, batch_size: int) -> dict[str, Any]:
    """Score the extractor on ``path`` and keep (confidence, matched) for every claim."""
    from attribution.extract import analyze_many

    claims: list[tuple[float, bool]] = []
    confidences: dict[int, list[float]] = {}
    gold_total = 0

    def predict_many(texts: Iterator[str]) -> Iterator[Any]:
        for number, document in enumerate(analyze_many(texts, model=model, batch_size=batch_size)):
            confidences[number] = [c.confidence for c in document.claims]
            yield document

    seen = 0

    def on_document(score: DocumentScore) -> None:
        nonlocal seen, gold_total
        matched = {m.prediction for m in score.overlap.matches}
        values = confidences.pop(seen)
        seen += 1
        gold_total += len(score.document.attributions)
        claims.extend((value, index in matched) for index, value in enumerate(values))

    evaluate_batched(read_gold(path, limit=limit), predict_many, on_document=on_document)
    return {"gold": gold_total, "claims": claims}


def bands(claims: list[tuple[float, bool]], width: float) -> list[dict[str, Any]]:
    """Precision of the claims in each confidence band."""
    tally: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for confidence, right in claims:
        cell = tally[_band(confidence, width)]
        cell[0] += right
        cell[1] += 1
    return [
        {"from": low, "to": round(low + width, 3), "claims": n, "right": ok, "precision": round(ok / n, 3)}
        for low, (ok, n) in sorted(tally.items())
    ]


def curve(claims: list[tuple[float, bool]], gold: int) -> list[dict[str, Any]]:
    """Precision, recall and F1 of the claims kept at each ``--min-confidence`` threshold."""
    rows = []
    for threshold in THRESHOLDS:
        kept = [right for confidence, right in claims if confidence >= threshold]
        tp = sum(kept)
        p = tp / len(kept) if kept else 0.0
        r = tp / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(
            {"min_confidence": threshold, "claims": len(kept), "precision": round(p, 3), "recall": round(r, 3),
             "f1": round(f1, 3)}
        )
    return rows


def cells(claims: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Precision by (how the content was found, cue class), decoded from the confidence."""
    from attribution.extract.claims import build

    decode: dict[float, str] = {}
    for how, base in build.CONFIDENCE.items():
        for cls, weight in build.CLASS_WEIGHT.items():
            decode.setdefault(round(base * weight, 3), f"{how}/{cls}")
    for how, base in build.CONFIDENCE.items():
        for cls, weight in build.CLASS_WEIGHT.items():
            decode.setdefault(round(base * weight * build.NESTED_WEIGHT, 3), f"{how}/{cls} nested")
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for confidence, right in claims:
        cell = tally[decode.get(round(confidence, 3), f"? {confidence}")]
        cell[0] += right
        cell[1] += 1
    return [
        {"cell": name, "claims": n, "right": ok, "precision": round(ok / n, 3)}
        for name, (ok, n) in sorted(tally.items(), key=lambda kv: -kv[1][1])
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="folder with polnear_*.jsonl")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--model", default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--bands", type=float, default=0.1, metavar="WIDTH", help="band width (default 0.1)")
    parser.add_argument("--cells", action="store_true", help="also print precision by (how, cue class)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)

    path = args.eval_dir / f"polnear_{args.split}.jsonl"
    if not path.exists():
        print(f"confidence: no gold data at {path} (use --eval-dir)", file=sys.stderr)
        return 1
    measured = measure(path, limit=args.limit, model=args.model, batch_size=args.batch_size)
    result: dict[str, Any] = {
        "split": args.split,
        "gold": measured["gold"],
        "claims": len(measured["claims"]),
        "bands": bands(measured["claims"], args.bands),
        "curve": curve(measured["claims"], measured["gold"]),
    }
    if args.cells:
        result["cells"] = cells(measured["claims"])
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    print(f"PolNeAR {args.split}: {result['claims']} claims, {result['gold']} gold attributions (overlap matching)\n")
    print("| confidence | claims | right | precision |\n| --- | ---: | ---: | ---: |")
    for row in result["bands"]:
        print(f"| {row['from']:.2f}–{row['to']:.2f} | {row['claims']} | {row['right']} | {row['precision']:.3f} |")
    print("\n| --min-confidence | claims | precision | recall | F1 |\n| ---: | ---: | ---: | ---: | ---: |")
    for row in result["curve"]:
        print(f"| {row['min_confidence']:.2f} | {row['claims']} | {row['precision']:.3f} | {row['recall']:.3f} "
              f"| {row['f1']:.3f} |")
    if args.cells:
        print("\n| how/class | claims | right | precision |\n| --- | ---: | ---: | ---: |")
        for row in result["cells"]:
            print(f"| {row['cell']} | {row['claims']} | {row['right']} | {row['precision']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
