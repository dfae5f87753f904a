"""Extract a JSON Lines corpus into Parquet tables on a local Dask cluster.

Each line of the corpus is a JSON object with ``id`` and ``text``; its other fields
(``outlet``, ``date``, ...) become metadata columns of every table. Run it from the
repository root::

    pip install 'attribution[dask]'
    python examples/dask_extract.py corpus.jsonl out --workers 2

The tables land in ``out/documents``, ``out/claims``, ... (one Parquet part per
partition); the records that failed are printed on standard error, one JSON object each.
"""

import argparse
import json
import sys

import dask.bag as db
from distributed import Client, LocalCluster

from attribution.dask import PipelinePlugin, extract_bag


def extract(client: Client, corpus: str, output: str, *, blocksize: str = "4MiB") -> list[dict]:
    """Extract ``corpus`` into tables under ``output`` on ``client``'s cluster; returns the failures."""
    client.register_plugin(PipelinePlugin())  # each worker loads the pipeline once
    records = db.read_text(corpus, blocksize=blocksize).map(json.loads)  # a partition per block
    return extract_bag(records, output).compute()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="JSON Lines: one object with id and text per line")
    parser.add_argument("output", help="the folder of the tables")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args(argv)
    # Dask's statistical profiler keeps a call tree per computing second, about 15 KB a
    # document with spaCy's deep stacks: off, so that a worker's memory stays flat.
    no_profiler = {"distributed.worker.profile.enabled": False}
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None, config=no_profiler)
    with cluster:
        with Client(cluster) as client:
            failures = extract(client, args.corpus, args.output)
    for failure in failures:
        print(json.dumps(failure), file=sys.stderr)
    print(f"{len(failures)} failed {'record' if len(failures) == 1 else 'records'}; tables in {args.output}/")
    return 1 if failures else 0


if __name__ == "__main__":  # the workers are new processes: they must not run this again
    sys.exit(main())
