"""Precision and recall of rebuttal links on the labelled set ``tests/data/rebuttals.jsonl``.

Run from the repository root::

    python benchmarks/rebuttals.py

Three measures are printed, each for all items and for each split ("dev": the items the
rules were developed on; "held-out" and "held-out-2": items written afterwards; see
``docs/benchmarks.md`` (section "Rebuttals") for how blind each one still is):

* **end to end** -- :func:`attribution.extract.analyze` on each text (claims, sources and
  rebuttals all extracted);
* **end to end, items whose claims were found** -- the same, counted only on the items
  where every labelled rebutting and target claim was extracted;
* **rebuttals step alone** -- ``attribution.rebuttals.v1`` run on the labelled claims and
  sources of each item (judges the step apart from claim extraction).

A predicted link is right when its rebutting claim's content overlaps the labelled
rebutting text and its target's content overlaps the labelled target text (by at least
half of the labelled text). "kind" figures also require the right kind.
"""

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATA = Path(__file__).parents[1] / "tests" / "data" / "rebuttals.jsonl"


def load_items(path: Path = DATA) -> list[dict[str, Any]]:
    """The labelled items (comment lines starting with ``//`` skipped)."""
    with path.open(encoding="utf-8") as fp:
        return [json.loads(line) for line in fp if line.strip() and not line.startswith("//")]


def _nearest(text: str, needle: str, anchor: int) -> int:
    """The start of the occurrence of ``needle`` nearest to ``anchor``."""
    starts, at = [], text.find(needle)
    while at != -1:
        starts.append(at)
        at = text.find(needle, at + 1)
    if not starts:
        raise ValueError(f"{needle!r} is not in {text!r}")
    return min(starts, key=lambda s: abs(s - anchor))


def gold_document(item: dict[str, Any]) -> Any:
    """The item's text with its labelled sources and claims, and no rebuttals."""
    from attribution.model import AttributedDocument, Claim, Descriptors, Source, Span

    text = item["text"]
    sources = []
    for source_id, info in item["sources"].items():
        start = text.index(info["mention"])
        descriptors = Descriptors(nationality=info.get("nationality"), affiliation=info.get("affiliation"))
        sources.append(Source(id=source_id, kind=info.get("kind", "unknown"), descriptors=descriptors,
                              mentions=[Span.of(text, start, start + len(info["mention"]))]))
    claims = []
    for number, (source_id, cue, content) in enumerate(item["claims"], 1):
        start = text.index(content)
        cue_start = _nearest(text, cue, start)
        mention = item["sources"][source_id]["mention"]
        mention_start = _nearest(text, mention, start)
        claims.append(Claim(
            id=f"c{number}", source=source_id, content=Span.of(text, start, start + len(content)),
            cue=Span.of(text, cue_start, cue_start + len(cue)),
            source_mention=Span.of(text, mention_start, mention_start + len(mention)), mode="indirect",
        ))
    return AttributedDocument(id=item["id"], text=text, sources=sources, claims=claims)


def _covers(text: str, content: Any, snippet: str) -> bool:
    start = text.index(snippet)
    end = start + len(snippet)
    shared = min(end, content.end) - max(start, content.start)
    return shared >= len(snippet) / 2


def _match(item: dict[str, Any], document: Any, rebuttal: Any, gold: list[str]) -> bool:
    text = item["text"]
    claim, target = document.claim(rebuttal.claim), document.claim(rebuttal.target)
    return _covers(text, claim.content, gold[0]) and _covers(text, target.content, gold[1])


def _claims_found(item: dict[str, Any], document: Any) -> bool:
    snippets = [s for gold in item["rebuttals"] for s in gold[:2]]
    return all(any(_covers(item["text"], c.content, s) for c in document.claims) for s in snippets)


class Tally:
    """Counts of right, predicted and labelled links (with and without the kind)."""

    def __init__(self) -> None:
        self.right = self.right_kind = self.predicted = self.gold = 0
        self.errors: list[str] = []

    def add(self, item: dict[str, Any], document: Any) -> None:
        """Count the links of ``document`` against the labels of ``item``."""
        self.gold += len(item["rebuttals"])
        self.predicted += len(document.rebuttals)
        used: set[int] = set()
        for rebuttal in document.rebuttals:
            hit = next((i for i, g in enumerate(item["rebuttals"]) if i not in used and _match(item, document, rebuttal, g)), None)
            if hit is None:
                self.errors.append(f"{item['id']}: false link {document.claim(rebuttal.claim).content.text!r} -> "
                                   f"{document.claim(rebuttal.target).content.text!r} ({rebuttal.kind.value})")
                continue
            used.add(hit)
            self.right += 1
            self.right_kind += rebuttal.kind.value == item["rebuttals"][hit][2]
        for i, gold in enumerate(item["rebuttals"]):
            if i not in used:
                self.errors.append(f"{item['id']}: missed {gold[0]!r} -> {gold[1]!r} ({gold[2]})")

    def figures(self) -> dict[str, float]:
        """Precision and recall of links, and of links with the right kind."""
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "precision": ratio(self.right, self.predicted), "recall": ratio(self.right, self.gold),
            "precision_kind": ratio(self.right_kind, self.predicted), "recall_kind": ratio(self.right_kind, self.gold),
        }

    def line(self, label: str) -> str:
        """One printable line of figures."""
        f = self.figures()
        return (f"{label:<30} P={f['precision']:.2f} R={f['recall']:.2f}  (with kind: P={f['precision_kind']:.2f} "
                f"R={f['recall_kind']:.2f})  links: {self.right} right / {self.predicted} predicted / {self.gold} labelled")


SPLITS = ("all", "dev", "held-out", "held-out-2")


def evaluate(items: Iterable[dict[str, Any]], *, end_to_end: bool = True, threshold: float | None = None) -> dict[str, dict[str, Tally]]:
    """Tallies by measure and split ("all", "dev", "held-out").

    Measures: ``"end to end"`` and ``"end to end, items whose claims were found"``
    (with ``end_to_end``), and ``"rebuttals step alone (labelled claims)"``.
    """
    from attribution.extract import analyze, load_pipeline
    from attribution.extract.rebuttals import DEFAULT_THRESHOLD, make_rebuttals

    items = list(items)
    step = make_rebuttals(None, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    config = {} if threshold is None else {"attribution.rebuttals.v1": {"threshold": threshold}}
    nlp = load_pipeline(step_config=config)
    measures = ["rebuttals step alone (labelled claims)"]
    if end_to_end:
        measures = ["end to end", "end to end, items whose claims were found", *measures]
    tallies = {m: {split: Tally() for split in SPLITS} for m in measures}

    def count(measure: str, item: dict[str, Any], document: Any) -> None:
        for split in ("all", item.get("split", "dev")):
            tallies[measure][split].add(item, document)

    for item in items:
        with nlp.select_pipes(disable=["attribution"]):
            count(measures[-1], item, step(nlp(item["text"]), gold_document(item)))
        if end_to_end:
            document = analyze(item["text"], nlp=nlp, id=item["id"])
            count("end to end", item, document)
            if _claims_found(item, document):
                count("end to end, items whose claims were found", item, document)
    return tallies


def main(argv: list[str] | None = None) -> int:
    """Print the figures; ``--errors`` lists every false and missed link."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list false and missed links")
    parser.add_argument("--step-only", action="store_true", help="only the rebuttals step on labelled claims")
    parser.add_argument("--threshold", type=float, default=None, help="the step's threshold (default: its default)")
    args = parser.parse_args(argv)
    items = load_items()
    for split in SPLITS:
        chosen = [i for i in items if split == "all" or i.get("split", "dev") == split]
        print(f"{split}: {len(chosen)} items, {sum(len(i['rebuttals']) for i in chosen)} labelled links, "
              f"{sum(not i['rebuttals'] for i in chosen)} items without any")
    for measure, by_split in evaluate(items, end_to_end=not args.step_only, threshold=args.threshold).items():
        print(f"\n{measure}")
        for split, tally in by_split.items():
            print(tally.line(f"  {split} ({tally.gold} labelled links)"))
            if args.errors and split != "all":
                for error in tally.errors:
                    print("     ", error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
