"""What extraction costs the user: ``attribution.analyze_many`` against ``nlp.pipe``.

One process, one loaded pipeline (``attribution.extract.load_pipeline``), the same texts:

* **spaCy** — ``nlp.pipe(texts)`` with every attribution component disabled
  (``nlp.select_pipes``): what parsing alone costs with this very model;
* **attribution** — ``attribution.analyze_many(texts, nlp=nlp)``: the whole call a user
  makes, down to the :class:`~attribution.model.AttributedDocument` objects.

The two alternate ``--repeats`` times (spaCy first, then attribution first, ...) and the
minimum of each counts, on CPU time (``time.process_time``) and on the wall clock, both
printed; the ratio attribution / spaCy is the figure to read (issue target: at most 1.10
on CPU time). Both use the same batch size (``--batch-size``, analyze_many's default).

Two document shapes, both from the first ``--docs`` (40) PolNeAR dev documents:
**articles** (each document whole) and **paragraphs** (each non-empty line its own
document).

Per step, on the articles (and the paragraphs): the CPU seconds of paragraph splitting
(the ``attribution_paragraphs`` component on the tokenized text), the parse (spaCy's own
components), each extractor step, storing the result on the Doc (the component's
conversions, the check of the finished document and span groups) and taking the attrs
document with its id, and its JSON, from the Doc as ``analyze_many`` does
(``stored_document``). The steps run on Docs parsed beforehand, one after the other,
so each is timed alone (minimum over the repeats).

The figure the earlier version of this benchmark reported is kept, labelled for what it
is: the attribution components run right after the parse of each batch, on the same Docs,
as a percentage of that parse ("components inside the pipeline"). It leaves out what a
user pays besides (the paragraph component, building the documents, the pipeline's own
overhead) and so reads lower than the user's ratio.

``--big-article N`` also times one article of N characters (999,000 by default when given
without a value): distinct PolNeAR documents, dev then train, joined and cut; parse
alone, then analyze.

Documents are read from ``../shared/eval/polnear_dev.jsonl`` (next to the checkout;
``--eval-dir`` to change). Without them the benchmark says so and exits 0.

Run from the repository root::

    python benchmarks/speed.py                       # 40 articles and their paragraphs, 3 repeats
    python benchmarks/speed.py --repeats 5 --format json
    python benchmarks/speed.py --only articles --big-article
"""

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: Where the gold data live by default: ``../shared/eval`` next to the checkout.
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"


def read_texts(eval_dir: Path, count: int) -> list[str] | None:
    """The first ``count`` PolNeAR dev texts, or None when the data are absent."""
    path = eval_dir / "polnear_dev.jsonl"
    if not path.is_file():
        return None
    texts = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) == count:
                break
    return texts


def paragraphs(texts: Iterable[str]) -> list[str]:
    """Every non-empty line of ``texts``, each as its own document."""
    return [line for text in texts for line in text.split("\n") if line.strip()]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def clocked(run: Callable[[], Any]) -> tuple[float, float, Any]:
    """CPU seconds, wall seconds and the result of ``run()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    return time.process_time() - cpu, time.perf_counter() - wall, result


class TimedStep:
    """An extractor step that adds up the CPU time of its calls."""

    def __init__(self, step: Any) -> None:
        self.step = step
        self.name = step.name
        self.after = getattr(step, "after", ())
        self.before = getattr(step, "before", ())
        self.seconds = 0.0

    def __call__(self, doc: Any, partial: Any) -> Any:
        started = time.process_time()
        try:
            return self.step(doc, partial)
        finally:
            self.seconds += time.process_time() - started


def short(name: str) -> str:
    """``attribution.claims.v1`` -> ``claims``."""
    parts = name.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == "attribution" else name


def user_cost(nlp: Any, texts: list[str], ours: list[str], batch_size: int, repeats: int) -> dict[str, Any]:
    """Alternated passes of ``nlp.pipe`` (attribution off) and ``analyze_many``; the minima."""
    import attribution

    def spacy_pass() -> int:
        with nlp.select_pipes(disable=ours):
            return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))

    def attribution_pass() -> int:
        documents = attribution.analyze_many(texts, nlp=nlp, batch_size=batch_size)
        return sum(len(document.claims) for document in documents)

    runs: dict[str, list[tuple[float, float]]] = {"spacy": [], "attribution": []}
    tokens = claims = 0
    for repeat in range(repeats):
        order = [("spacy", spacy_pass), ("attribution", attribution_pass)]
        for name, run in order if repeat % 2 == 0 else reversed(order):
            cpu, wall, count = clocked(run)
            runs[name].append((cpu, wall))
            if name == "spacy":
                tokens = count
            else:
                claims = count
    best = {name: (min(c for c, _ in found), min(w for _, w in found)) for name, found in runs.items()}
    return {
        "documents": len(texts),
        "characters": sum(map(len, texts)),
        "tokens": tokens,
        "claims": claims,
        "runs": {name: [[round(c, 3), round(w, 3)] for c, w in found] for name, found in runs.items()},
        "spacy_cpu": best["spacy"][0],
        "spacy_wall": best["spacy"][1],
        "attribution_cpu": best["attribution"][0],
        "attribution_wall": best["attribution"][1],
        "ratio_cpu": best["attribution"][0] / best["spacy"][0],
        "ratio_wall": best["attribution"][1] / best["spacy"][1],
    }


def per_step(nlp: Any, texts: list[str], ours: list[str], batch_size: int, repeats: int) -> dict[str, Any]:
    """CPU seconds of each stage, each timed alone on the same texts; minima over repeats."""
    paragraph_component = nlp.get_pipe("attribution_paragraphs")
    pipe = nlp.get_pipe("attribution")
    steps = list(pipe.steps)
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(seconds, best.get(name, seconds))

    for _ in range(repeats):
        tokenized = [nlp.make_doc(text) for text in texts]
        cpu, _, _ = clocked(lambda: [paragraph_component(doc) for doc in tokenized])
        keep("paragraph splitting", cpu)
        with nlp.select_pipes(disable=[name for name in ours if name != "attribution_paragraphs"]):
            cpu, _, docs = clocked(lambda: list(nlp.pipe(texts, batch_size=batch_size)))
        keep("parse (spaCy components, with paragraph splitting)", cpu)
        timed = [TimedStep(step) for step in steps]
        pipe.steps = timed
        try:
            cpu, _, docs = clocked(lambda: [pipe(doc) for doc in docs])
        finally:
            pipe.steps = steps
        for step in timed:
            keep(f"step: {short(step.name)}", step.seconds)
        keep("storing results on the Doc (component, besides the steps)", cpu - sum(s.seconds for s in timed))
        cpu, _, _ = clocked(lambda: [_document_and_json(doc, f"doc-{i}") for i, doc in enumerate(docs)])
        keep("the attrs document and its JSON (stored_document)", cpu)
    return best


def _document_and_json(doc: Any, doc_id: str) -> str:
    """What ``analyze_many`` does with a processed Doc: its document, with an id, as JSON."""
    from attribution.extract.components import stored_document

    _, data = stored_document(doc, id=doc_id)
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def inside_pipeline(nlp: Any, texts: list[str], ours: list[str], batch_size: int) -> dict[str, float]:
    """The earlier figure: components after the parser, batch by batch, vs that parse."""
    after = [name for name in ours if name != "attribution_paragraphs"]
    components = [nlp.get_pipe(name) for name in after]
    parse = extract = 0.0
    for start in range(0, len(texts), batch_size):
        batch = texts[start : start + batch_size]
        started = time.process_time()
        with nlp.select_pipes(disable=after):
            docs = list(nlp.pipe(batch, batch_size=batch_size))
        parsed = time.process_time()
        for doc in docs:
            for component in components:
                component(doc)
        extract += time.process_time() - parsed
        parse += parsed - started
    return {"parse_cpu": parse, "components_cpu": extract, "percent": extract / parse * 100}


def long_text(eval_dir: Path, characters: int) -> tuple[str, int]:
    """One text of ``characters`` characters: distinct PolNeAR documents (dev, then train)
    joined by blank lines and cut; and how many documents it holds.

    Distinct documents, not one repeated: repeated text repeats its claims, and every copy
    of a claim may then rebut every earlier copy of an opposing one, so the rebuttals
    themselves grow with the square of the copies.
    """
    pieces, length = [], 0
    for name in ("polnear_dev.jsonl", "polnear_train.jsonl"):
        path = eval_dir / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                if length >= characters:
                    break
                if line.strip():
                    pieces.append(json.loads(line)["text"])
                    length += len(pieces[-1]) + 2
    text = "\n\n".join(pieces)
    while len(text) < characters:  # not enough documents: repeat them
        text = text + "\n\n" + text
    return text[:characters], len(pieces)


def big_article(nlp: Any, eval_dir: Path, ours: list[str], characters: int) -> dict[str, Any]:
    """Parse alone, then analyze, one article of ``characters`` characters."""
    import attribution

    text, documents = long_text(eval_dir, characters)
    with nlp.select_pipes(disable=ours):
        parse_cpu, parse_wall, _ = clocked(lambda: nlp(text))
    cpu, wall, document = clocked(lambda: attribution.analyze(text, nlp=nlp))
    return {
        "characters": len(text),
        "documents": documents,
        "claims": len(document.claims),
        "sources": len(document.sources),
        "rebuttals": len(document.rebuttals),
        "parse_cpu": parse_cpu,
        "parse_wall": parse_wall,
        "analyze_cpu": cpu,
        "analyze_wall": wall,
        "ratio_cpu": cpu / parse_cpu,
        "ratio_wall": wall / parse_wall,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the library's default)")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--docs", type=int, default=40, help="PolNeAR dev documents (default 40)")
    parser.add_argument("--batch-size", type=int, default=32, help="for both (analyze_many's default)")
    parser.add_argument("--repeats", type=int, default=3, help="alternated runs of each; minima count")
    parser.add_argument("--only", choices=("articles", "paragraphs"), default=None)
    parser.add_argument("--no-steps", action="store_true", help="skip the per-step table")
    parser.add_argument(
        "--big-article", type=int, nargs="?", const=999_000, default=None, metavar="CHARACTERS",
        help="also time one article this long (default when given: 999,000 characters)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)

    texts = read_texts(args.eval_dir, args.docs)
    if texts is None:
        print(f"speed: no PolNeAR data in {args.eval_dir}; nothing to measure", file=sys.stderr)
        return 0

    import spacy

    from attribution.extract import load_pipeline

    nlp = load_pipeline(model=args.model)
    ours = [name for name in nlp.pipe_names if name.startswith("attribution")]
    shapes = {"articles": texts, "paragraphs": paragraphs(texts)}
    if args.only:
        shapes = {args.only: shapes[args.only]}
    # Warm up: lexicons, lazy imports, first-batch allocations.
    list(__import__("attribution").analyze_many(texts[:3], nlp=nlp))

    result: dict[str, Any] = {
        "spacy": spacy.__version__,
        "model": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "pipeline": nlp.pipe_names,
        "batch_size": args.batch_size,
        "repeats": args.repeats,
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "shapes": {},
    }
    for shape, shape_texts in shapes.items():
        found = user_cost(nlp, shape_texts, ours, args.batch_size, args.repeats)
        if not args.no_steps:
            found["steps"] = per_step(nlp, shape_texts, ours, args.batch_size, args.repeats)
        found["inside_pipeline"] = inside_pipeline(nlp, shape_texts, ours, args.batch_size)
        result["shapes"][shape] = found
    if args.big_article:
        result["big_article"] = big_article(nlp, args.eval_dir, ours, args.big_article)
    result["load_average_after"] = os.getloadavg()
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result, indent=2) if args.format == "json" else render(result))
    return 0


def render(result: dict[str, Any]) -> str:
    """The measurements as a readable report."""
    load = ", ".join(f"{x:.1f}" for x in result["load_average"])
    load_after = ", ".join(f"{x:.1f}" for x in result["load_average_after"])
    lines = [
        f"spaCy {result['spacy']}, {result['model']}; pipeline: {', '.join(result['pipeline'])}",
        f"batch size {result['batch_size']}; {result['repeats']} alternated runs each, minima; "
        f"{result['cpu_count']} CPUs; load average {load} before, {load_after} after",
        "",
        "The user's cost: attribution.analyze_many(texts) / nlp.pipe(texts), same loaded model",
        "",
        "| documents | count | tokens | claims | nlp.pipe CPU s | analyze_many CPU s | ratio (CPU) "
        "| nlp.pipe wall s | analyze_many wall s | ratio (wall) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for shape, found in result["shapes"].items():
        lines.append(
            f"| {shape} | {found['documents']} | {found['tokens']:,} | {found['claims']:,} | "
            f"{found['spacy_cpu']:.2f} | {found['attribution_cpu']:.2f} | **{found['ratio_cpu']:.3f}** | "
            f"{found['spacy_wall']:.2f} | {found['attribution_wall']:.2f} | {found['ratio_wall']:.3f} |"
        )
    steps = [(shape, found["steps"]) for shape, found in result["shapes"].items() if "steps" in found]
    if steps:
        names = list(steps[0][1])
        lines += [
            "",
            "Per step, CPU seconds (each stage timed alone on the same texts; minima)",
            "",
            "| stage | " + " | ".join(shape for shape, _ in steps) + " |",
            "| --- |" + " ---: |" * len(steps),
        ]
        for name in names:
            lines.append(f"| {name} | " + " | ".join(f"{found.get(name, 0.0):.3f}" for _, found in steps) + " |")
    lines.append("")
    for shape, found in result["shapes"].items():
        inside = found["inside_pipeline"]
        lines.append(
            f"components inside the pipeline ({shape}; the earlier figure, not the user's cost): "
            f"parse {inside['parse_cpu']:.2f} s, attribution components after it "
            f"{inside['components_cpu']:.2f} s, +{inside['percent']:.1f}% CPU time"
        )
    big = result.get("big_article")
    if big:
        lines.append(
            f"one article of {big['characters']:,} characters ({big['documents']} PolNeAR documents joined; "
            f"{big['claims']} claims, "
            f"{big['sources']} sources, {big['rebuttals']} rebuttals): parse {big['parse_cpu']:.1f} s CPU "
            f"({big['parse_wall']:.1f} s wall), analyze {big['analyze_cpu']:.1f} s CPU "
            f"({big['analyze_wall']:.1f} s wall): ratio {big['ratio_cpu']:.2f} (CPU), "
            f"{big['ratio_wall']:.2f} (wall)"
        )
    lines.append(f"peak RSS {result['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
