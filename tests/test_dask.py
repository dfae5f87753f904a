"""``attribution.dask`` on a local cluster of two worker processes: every record once, failures reported.

One cluster for the module. Each worker loads the pipeline once (the plugin); then a
component that raises on a text holding "BOOM" is put into that loaded pipeline, so one
document fails during extraction and every run below shares the same pipeline.
"""

import json

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import dask.bag as db  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from attribution.cli import main  # noqa: E402
from attribution.dask import PipelinePlugin, extract_bag  # noqa: E402

pytestmark = pytest.mark.slow

TEXTS = [
    "“We are confident,” one of the officials said.",
    "The ministry declined to comment.",
    "According to the report, prices rose.",
    "Nothing to see here.",
]
COUNT = 300
BOOM = "doc-00123"


def _set_trap():
    """Put a raising component into this worker's loaded pipeline (defined inside: it travels by value)."""
    from spacy.language import Language

    from attribution.partitions import PIPELINES

    def trap(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return doc

    Language.component("test_dask_trap", func=trap)
    nlp = PIPELINES.get()
    if "test_dask_trap" not in nlp.pipe_names:
        nlp.add_pipe("test_dask_trap", before="attribution")
    return PIPELINES.loads


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePlugin())
        assert sorted(client.run(_set_trap).values()) == [1, 1]
        yield client


def _records():
    records = [
        {"id": f"doc-{i:05d}", "text": TEXTS[i % len(TEXTS)], "outlet": f"outlet-{i % 3}", "n": i} for i in range(COUNT)
    ]
    records[123]["text"] = "BOOM, it said."
    return records


def _ids(folder):
    return pq.read_table(folder / "documents", columns=["document_id"]).column("document_id").to_pylist()


def _loads(client):
    def loads():
        from attribution.partitions import PIPELINES

        return PIPELINES.loads

    return sorted(client.run(loads).values())


def test_every_record_once_and_the_raising_one_reported(tmp_path, client):
    bag = db.from_sequence(_records(), npartitions=8)
    failures = extract_bag(bag, str(tmp_path)).compute()
    assert [(f["id"], f["reason"]) for f in failures] == [(BOOM, "extraction failed: RuntimeError: boom")]
    ids = _ids(tmp_path)
    assert sorted(ids) == sorted(f"doc-{i:05d}" for i in range(COUNT) if i != 123)
    assert len(ids) == len(set(ids))
    parts = sorted(p.name for p in (tmp_path / "claims").iterdir())
    assert parts == [f"part-00000-{i:05d}.parquet" for i in range(bag.npartitions)] and bag.npartitions > 2
    claims = pq.read_table(tmp_path / "claims").to_pandas()
    assert set(claims["outlet"]) == {"outlet-0", "outlet-1", "outlet-2"}
    assert (claims["document_id"] == "doc-00000").sum() == 1
    assert _loads(client) == [1, 1]  # many partitions, the pipeline loaded once per worker


def test_the_command_line_on_a_scheduler(tmp_path, client):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records()[:130]) + "not json\n", encoding="utf-8")
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    argv = ["extract", "--engine", "dask", "--scheduler", client.scheduler.address, "--input", "jsonl"]
    argv += ["--format", "parquet", "--partition-size", "16", "--quiet"]
    argv += ["--output", str(out), "--errors", str(errors), str(path)]
    expected = [f"doc-{i:05d}" for i in range(130) if i != 123]
    assert main(argv) == 1
    failed = sorted(json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines())
    assert failed == sorted([BOOM, f"{path}:131"])
    assert sorted(_ids(out)) == expected
    # resumed: nothing is written twice; the failures are tried (and reported) again
    assert main([*argv, "--resume"]) == 1
    assert sorted(_ids(out)) == expected
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 4
    assert _loads(client) == [1, 1]


def test_the_documented_example_script(tmp_path, client):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "examples" / "dask_extract.py"
    spec = importlib.util.spec_from_file_location("dask_extract", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in _records()[:40]), encoding="utf-8")
    assert module.extract(client, str(corpus), str(tmp_path / "out"), blocksize="1KiB") == []
    ids = _ids(tmp_path / "out")
    assert sorted(ids) == [f"doc-{i:05d}" for i in range(40)]
    assert len(list((tmp_path / "out" / "documents").iterdir())) > 2  # several partitions


def test_a_partition_reports_rows_it_cannot_use(tmp_path, client):
    from attribution.partitions import extract_partition

    rows = [{"id": "ok", "text": TEXTS[0]}, {"text": "no id"}, "not a mapping", {"id": "t", "text": 5}]
    failures = client.submit(extract_partition, rows, str(tmp_path), part="00007-00001").result()
    assert [f["id"] for f in failures] == ["row 1", "row 2", "t"]
    assert "field 'id' must be a non-empty string" in failures[0]["reason"]
    assert _ids(tmp_path) == ["ok"]
    assert (tmp_path / "claims" / "part-00007-00001.parquet").is_file()
