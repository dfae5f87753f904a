"""``attribution.dask`` on a local cluster of two worker processes: every record once, failures reported.

One cluster for the module. Each worker loads the pipeline once (the plugin); then a
component that raises on a text holding "BOOM" is put into that loaded pipeline, so one
document fails during extraction and every run below shares the same pipeline. The
documents are a few hundred short sentences: what is checked is where each one goes, not
the extraction itself. The command line runs in-process against this cluster
(``--scheduler``), and in a subprocess for a real Ctrl-C, once against this cluster and
once on a ``LocalCluster`` of its own (no ``--scheduler``), each then resumed.
"""

import json
import os
import signal
import subprocess
import sys
import time

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
COUNT = 200
BOOM_AT = 45
BOOM = f"doc-{BOOM_AT:05d}"


def _set_trap():
    """Put a component that raises on "BOOM" (and sleeps on "SLOW") into this worker's pipeline.

    Defined inside, it travels to the workers by value.
    """
    from spacy.language import Language

    from attribution.partitions import PIPELINES

    def trap(doc):
        import time

        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        if "SLOW" in doc.text:
            time.sleep(0.1)  # a long document that costs no CPU
        return doc

    Language.component("test_dask_trap", func=trap)
    nlp = PIPELINES.get()
    if "test_dask_trap" not in nlp.pipe_names:
        nlp.add_pipe("test_dask_trap", before="attribution")
    return PIPELINES.loads


@pytest.fixture(scope="module")
def client():
    options = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, **options) as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePlugin())
        assert sorted(client.run(_set_trap).values()) == [1, 1]
        yield client


def _records(count=COUNT):
    records = [
        {"id": f"doc-{i:05d}", "text": TEXTS[i % len(TEXTS)], "outlet": f"outlet-{i % 3}", "n": i} for i in range(count)
    ]
    if count > BOOM_AT:
        records[BOOM_AT]["text"] = "BOOM, it said."
    return records


def _write_corpus(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _ids(folder):
    return pq.read_table(folder / "documents", columns=["document_id"]).column("document_id").to_pylist()


def _consistent(folder):
    """No partial record: every claim and source row belongs to a listed document, as many as it counts."""
    documents = pq.read_table(folder / "documents").to_pandas().set_index("document_id")
    for table, column in [("claims", "n_claims"), ("sources", "n_sources")]:
        counts = pq.read_table(folder / table, columns=["document_id"]).to_pandas()["document_id"].value_counts()
        assert set(counts.index) <= set(documents.index), table
        assert (counts.reindex(documents.index, fill_value=0) == documents[column]).all(), table


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
    assert sorted(ids) == sorted(f"doc-{i:05d}" for i in range(COUNT) if i != BOOM_AT)
    assert len(ids) == len(set(ids))
    parts = sorted(p.name for p in (tmp_path / "claims").iterdir())
    assert parts == [f"part-00000-{i:05d}.parquet" for i in range(bag.npartitions)] and bag.npartitions > 2
    claims = pq.read_table(tmp_path / "claims").to_pandas()
    assert set(claims["outlet"]) == {"outlet-0", "outlet-1", "outlet-2"}
    assert (claims["document_id"] == "doc-00000").sum() == 1
    assert _loads(client) == [1, 1]  # many partitions, the pipeline loaded once per worker


def test_the_command_line_on_a_scheduler(tmp_path, client):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(60)) + "not json\n", encoding="utf-8")
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    argv = ["extract", "--engine", "dask", "--scheduler", client.scheduler.address, "--input", "jsonl"]
    argv += ["--format", "parquet", "--partition-size", "8", "--quiet"]
    argv += ["--output", str(out), "--errors", str(errors), str(path)]
    expected = [f"doc-{i:05d}" for i in range(60) if i != BOOM_AT]
    assert main(argv) == 1
    failed = sorted(json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines())
    assert failed == sorted([BOOM, f"{path}:61"])
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
    corpus = _write_corpus(tmp_path / "corpus.jsonl", _records(BOOM_AT))
    assert module.extract(client, str(corpus), str(tmp_path / "out"), blocksize="1KiB") == []
    ids = _ids(tmp_path / "out")
    assert sorted(ids) == [f"doc-{i:05d}" for i in range(BOOM_AT)]
    assert len(list((tmp_path / "out" / "documents").iterdir())) > 2  # several partitions


def test_a_partition_reports_rows_it_cannot_use(tmp_path, client):
    from attribution.partitions import extract_partition

    rows = [{"id": "ok", "text": TEXTS[0]}, {"text": "no id"}, "not a mapping", {"id": "t", "text": 5}]
    failures = client.submit(extract_partition, rows, str(tmp_path), part="00007-00001").result()
    assert [f["id"] for f in failures] == ["row 1", "row 2", "t"]
    assert "field 'id' must be a non-empty string" in failures[0]["reason"]
    assert _ids(tmp_path) == ["ok"]
    assert (tmp_path / "claims" / "part-00007-00001.parquet").is_file()


def _interrupt_mid_run(argv, out, *, feed=None):
    """Run ``argv`` in a session of its own; once a first part is written, Ctrl-C it as a terminal does.

    The signal goes to the whole process group: the command and the processes it started.
    ``feed``: lines written to its standard input, which stays open, so that the command is
    still running (waiting for more) whenever the signal comes. Returns the exit status and
    standard error.
    """
    stdin = subprocess.PIPE if feed is not None else subprocess.DEVNULL
    process = subprocess.Popen(argv, stdin=stdin, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        if feed is not None:
            process.stdin.write("".join(line + "\n" for line in feed))
            process.stdin.flush()
        deadline = time.monotonic() + 240
        while not (out / "documents").is_dir() or not any(p.suffix == ".parquet" for p in (out / "documents").iterdir()):
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline, "no part was written"
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, stderr


def _command(out, path, *options):
    argv = [sys.executable, "-m", "attribution", "extract", "--engine", "dask", "--input", "jsonl", "--format", "parquet"]
    argv += ["--metadata-columns", "outlet,n"]  # read from standard input: no records read ahead for them
    return [*argv, *options, "--partition-size", "4", "--quiet", "--output", str(out), str(path)]


def test_ctrl_c_with_a_scheduler_waits_for_the_partitions_sent_then_resume(tmp_path, client):
    count = 80
    records = [{**r, "text": f"SLOW {r['text']}"} if r["id"] != BOOM else r for r in _records(count)]
    path = _write_corpus(tmp_path / "in.jsonl", records)  # 0.1 s a document: 4 s in all, at the least
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    argv = _command(out, path, "--scheduler", client.scheduler.address, "--errors", str(errors))
    code, stderr = _interrupt_mid_run(argv, out)
    assert code == 130, stderr
    assert "interrupted: waiting for the" in stderr and "Traceback" not in stderr
    assert stderr.rstrip().endswith("every record written so far is complete; rerun with --resume to finish")
    # Nothing is still being written once the command has returned: no part can appear later.
    assert not list(out.glob("*/.*")), "a partition was still being written"
    first = _ids(out)
    assert 0 < len(first) < count - 1 and len(set(first)) == len(first)
    _consistent(out)
    assert main([*argv[3:], "--resume"]) == 1  # in-process, on the same cluster; BOOM fails
    ids = _ids(out)
    assert sorted(ids) == [f"doc-{i:05d}" for i in range(count) if i != BOOM_AT] and len(ids) == len(set(ids))
    _consistent(out)
    assert BOOM in {json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines()}


def test_ctrl_c_on_a_local_cluster_then_resume(tmp_path, client):
    """No --scheduler: the command starts a LocalCluster (of one worker, to load one pipeline, not two)."""
    records = [r for r in _records(60) if r["id"] != BOOM]  # that cluster's pipeline has no trap
    path = _write_corpus(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    feed = [json.dumps(r) for r in records[:40]]
    code, stderr = _interrupt_mid_run(_command(out, "-", "--n-process", "1"), out, feed=feed)
    assert code == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr  # the worker ignores it
    lines = stderr.strip().splitlines()
    interrupted = "attribution extract: interrupted; every record written so far is complete; rerun with --resume to finish"
    assert lines.count(interrupted) == 1, stderr
    # On a busy machine Ctrl-C can interrupt a wait of Dask's client, whose own callback then
    # fails on its event loop ("cannot access free variable 'future'"): that is reported as
    # one line (see the test of _OneLine below); no other line may be printed.
    loop_error = "attribution extract: the Dask client reported an error in its event loop: "
    assert all(line == interrupted or line.startswith(loop_error) for line in lines), stderr
    first = _ids(out)
    assert 0 < len(first) <= len(feed) and len(set(first)) == len(first)
    argv = _command(out, path, "--scheduler", client.scheduler.address)[3:]
    assert main([*argv, "--resume"]) == 0  # resumed on this module's cluster, to save starting another
    ids = _ids(out)
    assert sorted(ids) == sorted(r["id"] for r in records) and len(ids) == len(set(ids))
    _consistent(out)
    assert not list(out.glob("*/.*"))


def _log_a_heartbeat_failure() -> bool:
    import logging

    try:
        raise OSError("Stream is closed")
    except OSError:
        logging.getLogger("distributed.worker").exception("Failed to communicate with scheduler during heartbeat.")
    return True


def test_the_local_cluster_s_workers_print_no_traceback(capfd):
    # A worker whose heartbeat finds the scheduler closed, as it can while the cluster
    # shuts down after Ctrl-C, logs that at ERROR with a traceback; the run's own
    # failures come back as failed tasks, so the workers print only critical records.
    from distributed import Client

    from attribution.cli.extract_dask import _local_cluster

    with _local_cluster(1) as cluster, Client(cluster) as client:
        assert client.submit(_log_a_heartbeat_failure, pure=False).result()
    assert "Traceback" not in capfd.readouterr().err


def test_an_error_the_event_loop_logs_is_one_line_not_a_traceback(capsys):
    # Ctrl-C inside a wait can make Dask's own callback fail on the Tornado loop ("cannot
    # access free variable 'future'"), which Tornado logs with its traceback.
    import logging

    from attribution.cli.extract_dask import _OneLine

    log, one_line = logging.getLogger("tornado.application"), _OneLine()
    log.addFilter(one_line)
    try:
        try:
            raise NameError("cannot access free variable 'future'")
        except NameError:
            log.error("Exception in callback %r", "cancel", exc_info=True)
    finally:
        log.removeFilter(one_line)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip() == (
        "attribution extract: the Dask client reported an error in its event loop: "
        "NameError: cannot access free variable 'future'"
    )
