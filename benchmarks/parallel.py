"""Speed-up from worker processes: 1 process vs N, ours vs spaCy's own ``n_process``.

The documents are the bundled ``examples/cipher_brief_pakistan.txt`` (3.4 KB) repeated
``--docs`` times with varied ids, as JSONL-like records. One pipeline is loaded once; then
each setup runs over the same records, ``--repeats`` times in alternating order
(1, N, spacy-N, 1, N, spacy-N, ...), and the fastest pass of each counts:

- ``1``: :func:`attribution.runner.run_records` in this process;
- ``N``: :func:`attribution.runner.run_records` with ``n_process=N`` (workers forked once
  per run, inheriting the loaded pipeline, taking 8 documents at a time);
- ``spacy-N`` (``--spacy``): what ``analyze_many`` did before, ``nlp.pipe(...,
  n_process=N)`` and :func:`~attribution.extract.document_from_doc` in the parent.

For each pass: wall-clock seconds, CPU seconds of this process, CPU seconds of the worker
processes (``RUSAGE_CHILDREN``, counted once they have been reaped), documents and tokens
per second. The speed-up is wall-clock time of ``1`` over that of ``N``. On a shared
machine wall-clock time depends on what else runs: compare the minima, and look at CPU
time (busy cores) to see whether the work was done in parallel at all.

Run from the repository root::

    python benchmarks/parallel.py --docs 300 --n-process 2 --repeats 3 --spacy
"""

import argparse
import json
import resource
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cipher_brief_pakistan.txt"


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _records(count: int):
    from attribution.runner import Record

    text = EXAMPLE.read_text(encoding="utf-8")
    return [Record(id=f"cipher-{i:05d}", text=text, metadata={"n": i}) for i in range(count)]


def _ours(nlp, records, n_process, batch_size):
    from attribution.runner import Failure, run_records

    out = list(run_records(records, nlp, n_process=n_process, batch_size=batch_size))
    assert not any(isinstance(r, Failure) for r in out), [r for r in out if isinstance(r, Failure)][:3]
    return len(out)


def _spacy(nlp, records, n_process, batch_size):
    from attribution.extract import document_from_doc

    pairs = ((r.text, r.id) for r in records)
    return sum(
        1 for doc, doc_id in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size)
        if document_from_doc(doc, id=doc_id)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--spacy", action="store_true", help="also time spaCy's own n_process")
    parser.add_argument("--model", default=None)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)

    from attribution.extract import load_pipeline

    nlp = load_pipeline(args.model)
    records = _records(args.docs)
    tokens = len(nlp.tokenizer(records[0].text)) * len(records)
    setups = [("1", _ours, 1), (str(args.n_process), _ours, args.n_process)]
    if args.spacy:
        setups.append((f"spacy-{args.n_process}", _spacy, args.n_process))
    passes: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in setups}
    for repeat in range(args.repeats):
        order = setups if repeat % 2 == 0 else setups[::-1]
        for name, run, n_process in order:
            wall, (own, children) = time.perf_counter(), _cpu()
            count = run(nlp, records, n_process, args.batch_size)
            wall, (own2, children2) = time.perf_counter() - wall, _cpu()
            assert count == args.docs
            figures = {"wall": wall, "cpu_parent": own2 - own, "cpu_workers": children2 - children}
            passes[name].append(figures)
            print(f"pass {repeat + 1} {name:>8}: " + ", ".join(f"{k} {v:.1f}s" for k, v in figures.items()), file=sys.stderr)
    best = {name: min(p, key=lambda f: f["wall"]) for name, p in passes.items()}
    one = best["1"]["wall"]
    rows = [
        {
            "setup": name,
            "wall_s": round(f["wall"], 2),
            "wall_s_all": [round(p["wall"], 1) for p in passes[name]],
            "cpu_parent_s": round(f["cpu_parent"], 2),
            "cpu_workers_s": round(f["cpu_workers"], 2),
            "docs_per_s": round(args.docs / f["wall"], 2),
            "tokens_per_s": round(tokens / f["wall"]),
            "speedup": round(one / f["wall"], 2),
        }
        for name, f in best.items()
    ]
    if args.format == "json":
        print(json.dumps({"docs": args.docs, "tokens": tokens, "batch_size": args.batch_size, "results": rows}, indent=2))
    else:
        print(f"{args.docs} documents, {tokens:,} tokens, batch {args.batch_size}; fastest of {args.repeats} passes")
        print("| setup | wall s (all passes) | CPU s parent | CPU s workers | docs/s | tokens/s | speed-up |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for r in rows:
            print(
                f"| {r['setup']} | {r['wall_s']} ({', '.join(map(str, r['wall_s_all']))}) | {r['cpu_parent_s']} | "
                f"{r['cpu_workers_s']} | {r['docs_per_s']} | {r['tokens_per_s']:,} | {r['speedup']}x |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
