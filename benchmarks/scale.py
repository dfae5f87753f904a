"""Corpus runs to Parquet: documents and tokens per second, and peak memory per worker.

Generates a JSON Lines corpus by repeating the bundled example with varied ids (each
document one paragraph of ``examples/cipher_brief_pakistan.txt``, or with ``--unit
article`` the whole article), then runs the command line a user runs on it, in a fresh
process each time, for each setup:

- ``1``: ``attribution extract --input jsonl --format parquet --output DIR``;
- ``2``: the same with ``--n-process 2`` (two forked workers);
- ``dask``: the same with ``--engine dask --n-process 2`` (a LocalCluster of two worker
  processes, one thread each).

While a run goes, the process tree under it is sampled every 0.2 s and each process's
peak resident memory (``VmHWM`` in ``/proc/PID/status``, the kernel's own high-water
mark) is kept, so the figures are per process: the command itself and each worker. The
run's CPU time is that of the command and every process it started (``RUSAGE_CHILDREN``).
Each run's output is checked: every id exactly once in the documents table.

Run from the repository root (Linux only)::

    python benchmarks/scale.py --docs 1000 10000
    python benchmarks/scale.py --docs 300 --unit article --setups 1 2
    python benchmarks/scale.py --docs 1000 --setups dask --partition-size 500
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cipher_brief_pakistan.txt"
SETUPS = {
    "1": [],
    "2": ["--n-process", "2"],
    "dask": ["--engine", "dask", "--n-process", "2"],
}


def _texts(unit: str) -> list[str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    return [text] if unit == "article" else [p for p in text.split("\n") if p.strip()]


def write_corpus(path: Path, count: int, unit: str) -> int:
    """Write ``count`` records to ``path``; returns the number of tokens in all."""
    import spacy

    texts = _texts(unit)
    tokenizer = spacy.blank("en").tokenizer  # the same tokenizer rules as en_core_web_sm
    sizes = [len(tokenizer(t)) for t in texts]
    tokens = 0
    with open(path, "w", encoding="utf-8") as fp:
        for i in range(count):
            k = i % len(texts)
            fp.write(json.dumps({"id": f"doc-{i:06d}", "text": texts[k], "outlet": "cipher", "n": i}) + "\n")
            tokens += sizes[k]
    return tokens


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        children = []
        for task in Path(f"/proc/{current}/task").glob("*"):  # a child belongs to the thread that started it
            try:
                children += (task / "children").read_text().split()
            except OSError:
                continue
        found += [int(c) for c in children]
        todo += [int(c) for c in children]
    return found


def _hwm(pid: int) -> tuple[int, str] | None:
    """Peak resident memory (bytes) and a short name of process ``pid``."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            name = "spawned" if any(b"spawn_main" in c for c in command) else "forked"
            return int(line.split()[1]) * 1024, name
    return None


def _run(argv: list[str]) -> dict:
    peaks: dict[int, tuple[int, str]] = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in [process.pid, *_descendants(process.pid)]:
                found = _hwm(pid)
                if found is not None and found[0] >= peaks.get(pid, (0, ""))[0]:
                    peaks[pid] = found
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate(timeout=6 * 3600)
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {process.returncode}:\n{stderr}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    command = peaks.pop(process.pid, (0, ""))[0]
    big = sorted(((mb, name) for mb, name in peaks.values() if mb > 100 * 1024**2), reverse=True)  # the workers
    return {"wall": wall, "cpu": cpu, "command_mb": command / 1024**2, "workers_mb": [m / 1024**2 for m, _ in big]}


def _check(output: Path, count: int) -> None:
    import pyarrow.parquet as pq

    ids = pq.read_table(output / "documents", columns=["document_id"]).column("document_id").to_pylist()
    if len(ids) != count or len(set(ids)) != count:
        raise SystemExit(f"{output}: {len(ids)} rows, {len(set(ids))} ids, expected {count}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    parser.add_argument("--unit", choices=("paragraph", "article"), default="paragraph")
    parser.add_argument("--setups", nargs="+", choices=list(SETUPS), default=list(SETUPS))
    parser.add_argument("--partition-size", type=int, metavar="N", help="dask: documents per partition (default: the command's)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for count in args.docs:
            corpus = Path(folder) / f"corpus-{count}.jsonl"
            tokens = write_corpus(corpus, count, args.unit)
            for setup in args.setups:
                output = Path(folder) / f"out-{count}-{setup}"
                command = [sys.executable, "-m", "attribution", "extract", "--input", "jsonl", "--format", "parquet"]
                command += ["--quiet", "--output", str(output), *SETUPS[setup], str(corpus)]
                if setup == "dask" and args.partition_size:
                    command[-1:-1] = ["--partition-size", str(args.partition_size)]
                load = os.getloadavg()[0]
                figures = _run(command)
                _check(output, count)
                row = {
                    "docs": count,
                    "tokens": tokens,
                    "setup": setup,
                    "load_1min": round(load, 1),
                    "wall_s": round(figures["wall"], 1),
                    "cpu_s": round(figures["cpu"], 1),
                    "docs_per_s": round(count / figures["wall"], 1),
                    "tokens_per_s": round(tokens / figures["wall"]),
                    "command_peak_mb": round(figures["command_mb"]),
                    "worker_peak_mb": [round(m) for m in figures["workers_mb"]],
                }
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
    if args.format == "json":
        print(json.dumps(rows, indent=2))
        return 0
    print(f"unit: {args.unit}; figures per run (wall clock, CPU of every process of the run)")
    print("| docs | setup | load | wall s | CPU s | docs/s | tokens/s | peak MB: command | peak MB: each worker |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        workers = " / ".join(str(m) for m in r["worker_peak_mb"]) or "–"
        print(
            f"| {r['docs']:,} | {r['setup']} | {r['load_1min']} | {r['wall_s']} | {r['cpu_s']} | {r['docs_per_s']} | "
            f"{r['tokens_per_s']:,} | {r['command_peak_mb']} | {workers} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
