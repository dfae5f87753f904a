"""Score the claims on PolNeAR from a parse made once: the figures marked "cached parse".

Parsing is most of the time ``attribution evaluate`` takes (about 10 minutes for train
on two cores). While rules are tuned, only the ``attribution`` component changes, so
this script parses each split once, with every pipe but ``attribution``, into a spaCy
``DocBin`` (``build``), and then runs only the ``attribution`` component on the stored
Docs and prints the table of ``attribution evaluate`` (``eval``). The figures equal the
real command's as long as the tokenizer, the model and the ``attribution_paragraphs``
component are unchanged: rebuild after a change to any of them (the cache records the
model's name and version and refuses a cache made with another).

The gold data are read at run time from ``../shared/eval`` next to the checkout
(``--eval-dir`` to change); the cache goes to ``.cache/polnear`` in the checkout
(``--cache`` to change; it holds parses of third-party news: never commit it). Run from
the repository root::

    python benchmarks/cached_eval.py build                 # dev and train, once
    python benchmarks/cached_eval.py eval dev              # about 10 s
    python benchmarks/cached_eval.py eval train --format json

Quote a figure from the real command (``attribution evaluate``) once, at the end.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
DEFAULT_CACHE = ROOT / ".cache" / "polnear"
SPLITS = ("dev", "train")


def _gold_path(eval_dir: Path, split: str) -> Path:
    return eval_dir / f"polnear_{split}.jsonl"


def _model_tag(nlp) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"


def build(eval_dir: Path, cache: Path, splits: list[str], model: str | None, limit: int | None) -> int:
    from spacy.tokens import DocBin

    from attribution.evaluate import read_gold
    from attribution.extract import load_pipeline

    nlp = load_pipeline(model)
    names = [name for name in nlp.pipe_names if name != "attribution"]
    cache.mkdir(parents=True, exist_ok=True)
    for split in splits:
        golds = list(read_gold(_gold_path(eval_dir, split), limit=limit))
        docs = DocBin(store_user_data=False)
        started = time.process_time()
        with nlp.select_pipes(enable=names):
            for doc in nlp.pipe((gold.text for gold in golds), batch_size=32):
                docs.add(doc)
        docs.to_disk(cache / f"{split}.spacy")
        (cache / f"{split}.json").write_text(
            json.dumps({"model": _model_tag(nlp), "documents": len(golds)}), encoding="utf-8"
        )
        print(f"{split}: {len(golds)} documents parsed in {time.process_time() - started:.0f} CPU s", file=sys.stderr)
    return 0


def evaluate(eval_dir: Path, cache: Path, split: str, model: str | None, output: str) -> int:
    from spacy.tokens import DocBin

    from attribution.cli.evaluate import render
    from attribution.evaluate import evaluate_pairs, read_gold
    from attribution.extract import document_from_doc, load_pipeline

    nlp = load_pipeline(model)
    stored = cache / f"{split}.spacy"
    if not stored.exists():
        print(f"cached_eval: no cached parse at {stored}: run 'build' first", file=sys.stderr)
        return 1
    made = json.loads((cache / f"{split}.json").read_text(encoding="utf-8"))
    if made["model"] != _model_tag(nlp):
        print(f"cached_eval: {stored} was parsed with {made['model']}, not {_model_tag(nlp)}: run 'build'", file=sys.stderr)
        return 1
    golds = list(read_gold(_gold_path(eval_dir, split), limit=made["documents"]))
    docs = list(DocBin().from_disk(stored).get_docs(nlp.vocab))
    if len(docs) != len(golds) or any(doc.text != gold.text for doc, gold in zip(docs, golds)):
        print(f"cached_eval: {stored} does not hold the texts of {split}: run 'build'", file=sys.stderr)
        return 1
    component = nlp.get_pipe("attribution")
    started = time.process_time()
    evaluation = evaluate_pairs((gold, document_from_doc(component(doc))) for gold, doc in zip(golds, docs))
    seconds = time.process_time() - started
    print(render(evaluation, output, gold=f"{_gold_path(eval_dir, split)} (cached parse)", model=model))
    print(f"{split}: the attribution component took {seconds:.1f} CPU s", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("build", "eval"))
    parser.add_argument("split", nargs="?", choices=SPLITS, help="for eval: the split (default dev)")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="folder with polnear_*.jsonl")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of the cached parses")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the library's default)")
    parser.add_argument("--limit", type=int, default=None, help="build: parse only the first N documents")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    splits = [args.split] if args.split else (list(SPLITS) if args.command == "build" else ["dev"])
    for split in splits:
        if not _gold_path(args.eval_dir, split).exists():
            print(f"cached_eval: no gold data at {_gold_path(args.eval_dir, split)} (use --eval-dir)", file=sys.stderr)
            return 1
    if args.command == "build":
        return build(args.eval_dir, args.cache, splits, args.model, args.limit)
    return evaluate(args.eval_dir, args.cache, splits[0], args.model, args.format)


if __name__ == "__main__":
    sys.exit(main())
