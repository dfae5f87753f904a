"""Anonymity of sources on PolNeAR dev: recall on anonymous sources, and the named ones kept named.

Two sets of gold attributions (read at run time; no article text is stored):

* **anonymous** — every dev attribution whose source span PolNeAR's converter flags
  ``anonymous_source`` (a regex over the gold span, not a gold label; 11 in dev);
* **named** — the attributions labelled ``named`` in
  ``tests/data/polnear_dev_named_sources.jsonl`` (doc id + source offsets + label, labelled by
  hand: a seeded random sample of dev attributions with a source span, each read in its
  context and labelled ``named`` — a named person or organization, or a pronoun/description
  that refers to one —, ``unnamed`` or ``other``; the first 50 ``named`` ones are used).

Two measurements:

1. **isolation** — the gold source span is described and resolved alone
   (:func:`attribution.extract.sources.describe` + :class:`attribution.extract.sources.Resolver`)
   and its ``anonymous`` flag read;
2. **end to end** — the whole extractor runs on the document; a gold attribution is matched
   to the extracted claim whose content overlaps its content most (character Jaccard >= 0.5);
   the matched claim's source's ``anonymous`` flag is read. Unmatched gold attributions are
   counted separately.

The labelled items that are not named (``other``: collectives, documents, generic people;
``unnamed``) are reported apart, for information: how many of them are flagged anonymous.

Figures: recall = anonymous items flagged anonymous / anonymous items; named kept named =
named items not flagged anonymous / named items; precision = anonymous items flagged /
(anonymous items flagged + named items flagged) over the pooled labelled items.

Run from the repository root::

    python benchmarks/anonymity.py
    python benchmarks/anonymity.py --verbose     # per-item spans (to stdout only; never save)
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "polnear_dev_named_sources.jsonl"


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def _items(gold: list[dict[str, Any]], labels: list[dict[str, Any]], named_limit: int) -> list[dict[str, Any]]:
    by_id = {d["id"]: d for d in gold}
    items = []
    for document in gold:
        for quote in document["quotes"]:
            if quote["source"] and "anonymous_source" in quote["flags"]:
                items.append({"doc": document["id"], "source": tuple(quote["source"]), "content": tuple(quote["content"]), "set": "anonymous"})
    named = [label for label in labels if label["label"] == "named"][:named_limit]
    rest = [label for label in labels if label["label"] != "named"]
    for label in named + rest:
        document = by_id[label["doc"]]
        quote = next(q for q in document["quotes"] if q["source"] and tuple(q["source"]) == tuple(label["source"]))
        which = "named" if label["label"] == "named" else label["label"]
        items.append({"doc": label["doc"], "source": tuple(label["source"]), "content": tuple(quote["content"]), "set": which})
    return items


def _figures(results: list[tuple[str, bool | None]]) -> dict[str, Any]:
    anon = [flag for which, flag in results if which == "anonymous" and flag is not None]
    named = [flag for which, flag in results if which == "named" and flag is not None]
    tp, fp = sum(anon), sum(named)
    return {
        "anonymous_items": len(anon),
        "recall": tp / len(anon) if anon else None,
        "named_items": len(named),
        "named_kept_named": (len(named) - fp) / len(named) if named else None,
        "precision": tp / (tp + fp) if tp + fp else None,
        "unmatched": sum(1 for w, flag in results if flag is None and w in ("anonymous", "named")),
        "other_items": len([f for w, f in results if w in ("other", "unnamed") and f is not None]),
        "other_flagged": sum(1 for w, f in results if w in ("other", "unnamed") and f),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the measurement; prints a table (or JSON) to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--named", type=int, default=50, help="how many labelled named sources to use")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--verbose", action="store_true", help="print each item (stdout only)")
    args = parser.parse_args(argv)
    path = args.eval_dir / "polnear_dev.jsonl"
    if not path.is_file():
        print(f"anonymity: {path} not found (PolNeAR dev is read at run time)", file=sys.stderr)
        return 1
    gold = [json.loads(line) for line in path.open(encoding="utf-8")]
    labels = [json.loads(line) for line in LABELS.open(encoding="utf-8")]
    items = _items(gold, labels, args.named)

    from attribution.extract import analyze, load_pipeline
    from attribution.extract.sources import Resolver
    from attribution.extract.sources import describe

    texts = {d["id"]: d["text"] for d in gold}
    wanted = sorted({item["doc"] for item in items})
    parser_only = load_pipeline(steps=[])
    full = load_pipeline()
    isolation: list[tuple[str, bool | None]] = []
    end_to_end: list[tuple[str, bool | None]] = []
    for doc_id in wanted:
        text = texts[doc_id]
        doc = parser_only(text)
        extracted = analyze(text, nlp=full, id=doc_id)
        sources = {s.id: s for s in extracted.sources}
        for item in (i for i in items if i["doc"] == doc_id):
            start, end = item["source"]
            entity = Resolver(text).add(describe(doc, start, end))
            isolation.append((item["set"], entity.anonymous))
            best, best_j = None, 0.5
            for claim in extracted.claims:
                j = _jaccard(item["content"], (claim.content.start, claim.content.end))
                if j >= best_j:
                    best, best_j = claim, j
            flag = None
            if best is not None:
                flag = bool(best.source and sources[best.source].anonymous)
            end_to_end.append((item["set"], flag))
            if args.verbose:
                shown = best.source_mention.text if best is not None and best.source_mention else None
                print(f"{item['set']:<9} iso={entity.anonymous!s:<5} e2e={flag!s:<5} gold={text[start:end]!r} extracted={shown!r}")
    report = {"isolation": _figures(isolation), "end_to_end": _figures(end_to_end)}
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    print("| measurement | anonymous items | recall | named items | named kept named | precision | unmatched | other/unnamed flagged |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, fig in report.items():
        print(
            f"| {name} | {fig['anonymous_items']} | {pct(fig['recall'])} | {fig['named_items']} | "
            f"{pct(fig['named_kept_named'])} | {pct(fig['precision'])} | {fig['unmatched']} | "
            f"{fig['other_flagged']}/{fig['other_items']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
