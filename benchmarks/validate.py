"""Validation at corpus speed, and the command line's start-up time.

Builds ``--docs`` extracted documents (default 10,000) into one JSON Lines file: the
paragraphs of ``examples/cipher_brief_pakistan.txt`` and the whole article are extracted
once with :func:`attribution.analyze_many`, then cycled with new ids. Then, in alternating
order, ``--repeats`` times each:

* ``attribution validate FILE.jsonl`` over the whole file: documents per second on the
  wall clock and per CPU second of the child process, start-up included;
* ``attribution --help`` and ``attribution validate`` on a file of one document: the
  start-up a user waits for.

The fastest run of each counts (the machine may be shared). Every command runs as
``python -m attribution`` with this interpreter.

Run from the repository root::

    python benchmarks/validate.py
    python benchmarks/validate.py --docs 2000 --repeats 5
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "cipher_brief_pakistan.txt"


def build_documents(count: int, path: Path) -> int:
    """Write ``count`` extracted documents to ``path``; returns its size in bytes."""
    import attribution
    from attribution.serialize import to_dict

    text = ARTICLE.read_text(encoding="utf-8")
    texts = [paragraph for paragraph in text.split("\n") if paragraph.strip()] + [text]
    documents = [to_dict(document) for document in attribution.analyze_many(texts)]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            data = dict(documents[i % len(documents)])
            data["id"] = f"doc-{i}"
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
    return path.stat().st_size


def timed(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``python -m attribution ARGS`` (exit status 0 or 1)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "attribution", *args], capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"attribution {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to validate")
    parser.add_argument("--repeats", type=int, default=3, help="alternated runs of each")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        size = build_documents(args.docs, corpus)
        one = Path(folder) / "one.json"
        one.write_text(corpus.open(encoding="utf-8").readline(), encoding="utf-8")
        commands = {
            "validate corpus": ["validate", str(corpus)],
            "--help": ["--help"],
            "validate one document": ["validate", str(one)],
        }
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeats):
            for name, command in commands.items():
                wall, cpu = timed(command)
                old_wall, old_cpu = best.get(name, (wall, cpu))
                best[name] = (min(wall, old_wall), min(cpu, old_cpu))

    wall, cpu = best["validate corpus"]
    print(f"documents: {args.docs:,} ({size / 1e6:.1f} MB of JSON Lines)")
    print(
        f"attribution validate: {wall:.2f} s wall, {cpu:.2f} s CPU -> "
        f"{args.docs / wall:,.0f} documents/s (wall), {args.docs / cpu:,.0f} documents/s (CPU)"
    )
    for name in ("--help", "validate one document"):
        wall, cpu = best[name]
        print(f"start-up, attribution {name}: {wall:.3f} s wall, {cpu:.3f} s CPU")
    print(f"(fastest of {args.repeats} alternated runs each)")


if __name__ == "__main__":
    main()
