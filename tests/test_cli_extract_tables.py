"""``attribution extract --format parquet|csv``: one dataset per table, resumable, nothing lost or doubled.

In-process (``run_cli``) with the module's pipeline where no signal is involved; in a
subprocess with timeouts for the real interruption (SIGINT mid-run, then ``--resume``).
"""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

import pyarrow.csv as pa_csv  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from attribution.tables import TABLE_NAMES, TableWriter, read_document_ids, schemas  # noqa: E402

TEXTS = [
    "“We are confident that the talks will resume,” one of the officials said.",
    "The CIA declined to comment.",
    "According to the report, prices rose.",
    "Nothing here.",
]


def _corpus(path, count, *, bad=()):
    lines = []
    for i in range(count):
        record = {"id": f"g{i}", "text": TEXTS[i % len(TEXTS)], "outlet": f"o{i % 2}", "date": "2024-05-01"}
        if i == 1:
            record["extra"] = [1, 2]
        lines.append(json.dumps(record))
    path.write_text("".join(line + "\n" for line in [*bad, *lines]), encoding="utf-8")
    return path


def _ids(folder):
    return pq.read_table(folder / "documents", columns=["document_id"]).column("document_id").to_pylist()


def _consistent(folder):
    """Every table's rows belong to a listed document, as many as the documents table counts."""
    documents = pq.read_table(folder / "documents").to_pandas().set_index("document_id")
    for table, column in [("claims", "n_claims"), ("sources", "n_sources"), ("non_responses", "n_non_responses")]:
        counts = pq.read_table(folder / table, columns=["document_id"]).to_pandas()["document_id"].value_counts()
        assert set(counts.index) <= set(documents.index), table
        assert (counts.reindex(documents.index, fill_value=0) == documents[column]).all(), table
    assert not list(folder.glob("*/.*")), "hidden in-progress files left"


def test_parquet_tables_with_metadata_columns_and_errors(tmp_path, cached, run_cli):
    path = _corpus(tmp_path / "in.jsonl", 20, bad=['{"id": "x"}'])
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    code, stdout, err = run_cli(["extract", "--input", "jsonl", "--format", "parquet", "--quiet", "--output", str(out), "--errors", str(errors), str(path)])
    assert code == 1 and stdout == ""
    assert err.splitlines()[-1] == "attribution extract: 1 document failed, 20 written"
    assert [json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines()] == [f"{path}:1"]
    assert sorted(p.name for p in (out / "claims").iterdir()) == ["part-00000.parquet"]
    for name in TABLE_NAMES:  # the metadata keys of the records become columns, in order
        assert pq.read_schema(out / name / "part-00000.parquet") == schemas(["outlet", "date", "extra"])[name]
    assert sorted(_ids(out)) == sorted(f"g{i}" for i in range(20))
    documents = pq.read_table(out / "documents").to_pandas()
    assert set(documents["outlet"]) == {"o0", "o1"} and documents.loc[documents["document_id"] == "g1", "extra"].item() == "[1, 2]"
    claims = pq.read_table(out / "claims").to_pandas()
    assert len(claims) and set(claims["date"]) == {"2024-05-01"}
    _consistent(out)


def test_csv_and_named_metadata_columns(tmp_path, cached, run_cli):
    path = _corpus(tmp_path / "in.jsonl", 6)
    out = tmp_path / "out"
    code, _, err = run_cli(["extract", "--input", "jsonl", "--format", "csv", "--metadata-columns", "outlet", "--quiet", "-o", str(out), str(path)])
    assert code == 0, err
    claims = pa_csv.read_csv(out / "claims" / "part-00000.csv")
    assert claims.schema.names[-1] == "outlet" and "date" not in claims.schema.names
    assert read_document_ids(out) == {f"g{i}" for i in range(6)}
    documents = pa_csv.read_csv(out / "documents" / "part-00000.csv").to_pylist()
    assert json.loads(documents[0]["metadata"]) == {"date": "2024-05-01", "outlet": "o0"}  # every key in the JSON


def test_resume_adds_a_part_for_the_rest_and_clears_what_an_interrupted_writer_left(tmp_path, cached, run_cli):
    out = tmp_path / "out"
    first = _corpus(tmp_path / "first.jsonl", 5)
    assert run_cli(["extract", "--input", "jsonl", "--format", "parquet", "--quiet", "-o", str(out), str(first)])[0] == 0
    # a writer stopped while making its parts visible: its claims part shows, its documents part does not
    stopped = TableWriter(out, metadata_columns=["outlet", "date"])
    with pytest.raises(KeyboardInterrupt), stopped:
        for i in (6, 7):
            stopped.write(_document(f"g{i}"))
        raise KeyboardInterrupt
    (out / "documents" / "part-00001.parquet").rename(out / "documents" / ".part-00001.parquet.inprogress")
    full = _corpus(tmp_path / "full.jsonl", 10)
    code, _, err = run_cli(["extract", "--input", "jsonl", "--format", "parquet", "--resume", "--quiet", "-o", str(out), str(full)])
    assert code == 0, err
    assert "claims/part-00001.parquet: left by an interrupted run" in err
    ids = _ids(out)
    assert sorted(ids) == sorted(f"g{i}" for i in range(10)) and len(ids) == 10
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    _consistent(out)
    assert run_cli(["extract", "--input", "jsonl", "--format", "parquet", "--resume", "--metadata-columns", "x", "-o", str(out), str(full)])[0] == 2


def _document(doc_id):
    import attrs

    import attribution

    example = Path(__file__).resolve().parents[1] / "examples" / "cipher_brief_pakistan.json"
    return attrs.evolve(attribution.from_json(example.read_text(encoding="utf-8")), id=doc_id)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "parquet"], "--format parquet writes one dataset per table: it needs --output DIR"),
        (["--format", "jsonl", "--engine", "dask", "-o", "x"], "--engine dask writes a part of each table per partition"),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler and --partition-size apply to --engine dask"),
        (["--format", "json", "--resume", "-o", "x"], "--resume needs --output PATH and --format jsonl, parquet or csv"),
        (["--metadata-columns", "a"], "--metadata-columns applies to --format parquet and csv"),
    ],
)
def test_usage_errors_name_the_problem(tmp_path, argv, message, run_cli):
    text = tmp_path / "a.txt"
    text.write_text(TEXTS[0], encoding="utf-8")
    code, _, err = run_cli(["extract", *argv, str(text)])
    assert code == 2 and message in err


def _wait_for(path, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n"):
            return
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)
    raise AssertionError("the run never started")


@pytest.mark.slow
def test_interrupted_with_sigint_then_resumed_gives_every_id_once(tmp_path):
    count = 400
    path = _corpus(tmp_path / "in.jsonl", count, bad=["not json"])
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    args = [sys.executable, "-m", "attribution", "extract", "--input", "jsonl", "--format", "parquet", "--n-process", "2"]
    args += ["--quiet", "--output", str(out), "--errors", str(errors), str(path)]
    process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(errors, process)  # the bad first line is reported: documents are being processed
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    finally:
        process.kill()
    stderr = process.stderr.read()
    assert process.returncode == 130, stderr
    assert "every record written so far is complete; rerun with --resume to finish" in stderr
    assert "Traceback" not in stderr
    first = _ids(out)
    assert 0 < len(first) < count and len(set(first)) == len(first)
    _consistent(out)
    result = subprocess.run([*args, "--resume"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr  # the bad line fails again
    assert f"1 document failed, {count - len(first)} written, {len(first)} already done" in result.stderr
    ids = _ids(out)
    assert sorted(ids) == sorted(f"g{i}" for i in range(count)) and len(ids) == count
    _consistent(out)


def test_the_corpus_questions_command_writes_the_tables_the_page_queries(tmp_path, monkeypatch, cached, run_cli):
    import re
    import shlex

    page = (Path(__file__).resolve().parents[1] / "docs" / "corpus-questions.md").read_text(encoding="utf-8")
    (command,) = re.findall(r"```console\n\$ (attribution extract .*?)\n```", page)
    records = [
        {"id": "a1", "text": TEXTS[0], "outlet": "X", "date": "2024-03-02", "words": 12},
        {"id": "a2", "text": TEXTS[1], "outlet": "Y", "date": "2024-04-09"},
    ]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli([*shlex.split(command)[1:], "--quiet"])
    assert code == 0, err
    documents = pq.read_table(tmp_path / "out" / "documents").to_pylist()
    assert [(d["document_id"], d["outlet"], d["date"]) for d in documents] == [("a1", "X", "2024-03-02"), ("a2", "Y", "2024-04-09")]
    assert "words" not in documents[0] and json.loads(documents[0]["metadata"])["words"] == 12
    assert pq.read_table(tmp_path / "out" / "claims").column("outlet").to_pylist() == ["X"]
