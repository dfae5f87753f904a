"""``attribution.runner``: every record comes out once, in order; nothing hangs.

A tiny pipeline (a blank English tokenizer, a trap component and the attribution
component with no steps) stands in for the real one: what is tested here is the run,
not extraction. Anything that could hang runs in a subprocess with a timeout.
"""

import math
import os
import signal
import subprocess
import sys
import textwrap

import pytest
import spacy
from spacy.language import Language

from attribution.errors import ExtractionError, InputError
from attribution.extract import analyze_many, check_text
from attribution.model import AttributedDocument
from attribution.runner import Extracted, Failure, Record, WorkerError, check_record, process_records, run_records


@Language.component("test_runner_trap")
def _trap(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("trap sprung")
    if "EXIT" in doc.text:
        raise SystemExit(3)
    return doc


@pytest.fixture(scope="module")
def tiny():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_runner_trap")
    nlp.add_pipe("attribution", config={"steps": []})
    nlp.max_length = 1_000
    return nlp


def _records(texts):
    return [Record(id=f"r{i}", text=text, origin=f"in.jsonl:{i}") for i, text in enumerate(texts, 1)]


def test_each_record_gives_one_result_in_order(tiny):
    texts = ["one.", None, "BOOM here", "x" * 1_001, "bad \ud800", "two.", "EXIT now", "three."]
    results = list(process_records(_records(texts), tiny, batch_size=3))
    assert [r.id for r in results] == [f"r{i}" for i in range(1, 9)]
    kinds = ["ok" if isinstance(r, AttributedDocument) else r.reason.split(":")[0] for r in results]
    assert kinds == [
        "ok",
        "document text must be a str, not NoneType",
        "extraction failed",
        "document has 1,001 characters, more than the pipeline's limit of 1,000 (nlp.max_length); split it into smaller documents",
        "document text holds a lone surrogate U+D800 at character 4 (not valid Unicode text)",
        "ok",
        "extraction failed",
        "ok",
    ]
    assert str(results[2]) == "in.jsonl:3: document 'r3': extraction failed: RuntimeError: trap sprung"


@pytest.mark.parametrize(
    ("metadata", "reason"),
    [
        ({"score": math.nan}, "metadata cannot be written as JSON: ValueError: Out of range float"),
        ({"when": object()}, "metadata cannot be written as JSON: TypeError: Object of type object"),
        ({"name": "\udc80"}, "metadata holds a lone surrogate U+DC80"),
    ],
)
def test_metadata_json_cannot_hold_is_a_failure(tiny, metadata, reason):
    (result,) = process_records([Record(id="m", text="fine.", metadata=metadata)], tiny)
    assert isinstance(result, Failure) and result.reason.startswith(reason)


def test_metadata_is_kept_and_ids_are_checked(tiny):
    good, bad = process_records(
        [Record(id="a", text="fine.", metadata={"url": "http://x", "n": 1}), Record(id="\udc80", text="fine.")], tiny
    )
    assert good.metadata == {"url": "http://x", "n": 1}
    assert "document id holds a lone surrogate" in bad.reason and bad.id == "\\udc80"
    with pytest.raises(InputError, match="non-empty str"):
        check_record(Record(id="", text="x"), tiny)
    with pytest.raises(InputError, match="lone surrogate"):
        check_text("ok", tiny, "\ud800")


@pytest.mark.parametrize("name", ["batch_size", "n_process"])
@pytest.mark.parametrize("value", [0, -1])
def test_sizes_below_one_are_value_errors_naming_the_argument(tiny, name, value):
    with pytest.raises(ValueError, match=f"^{name} must be"):
        list(analyze_many(["x."], nlp=tiny, **{name: value}))
    with pytest.raises(ValueError, match=f"^{name} must be"):
        list(run_records([], tiny, **{name: value}))


@pytest.mark.parametrize("n_process", [1, 2])
def test_pool_gives_the_same_results_in_order(tiny, n_process):
    texts = [f"text number {i}." for i in range(30)]
    texts[7], texts[20] = None, "BOOM"
    results = list(run_records(_records(texts), tiny, n_process=n_process, batch_size=4))
    assert [r.id for r in results] == [f"r{i}" for i in range(1, 31)]
    assert [isinstance(r, Failure) for r in results] == [i in (7, 20) for i in range(30)]
    assert all(r.document.text == texts[i] for i, r in enumerate(results) if isinstance(r, Extracted))


def test_analyze_many_keeps_every_good_document_then_raises():
    texts = ["“Yes,” she said."] * 5 + [None] + ["No."] * 5
    for n_process in (1, 2):
        got = []
        with pytest.raises(ExtractionError, match="doc-6: document text must be a str") as info:
            for document in analyze_many(texts, n_process=n_process, batch_size=2):
                got.append(document.id)
        assert got == [f"doc-{i}" for i in range(1, 12) if i != 6]
        assert [f.id for f in info.value.failures] == ["doc-6"]


_SCRIPT = textwrap.dedent(
    """
    import multiprocessing, time, spacy
    from spacy.language import Language
    from attribution.runner import Record, run_records

    @Language.component("slow")
    def slow(doc):
        time.sleep(0.2)
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("slow")
    nlp.add_pipe("attribution", config={"steps": []})
    records = (Record(id=str(i), text=f"text {i}.") for i in range(10_000))
    for n, result in enumerate(run_records(records, nlp, n_process=2, batch_size=2)):
        if n == 2:
            print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    """
)


def _children_gone(pids, timeout=10.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [p for p in pids if os.path.exists(f"/proc/{p}") and "zombie" not in _state(p)]
        if not alive:
            return True
        time.sleep(0.1)
    return False


def _state(pid):
    try:
        with open(f"/proc/{pid}/status") as fp:
            return next((line.lower() for line in fp if line.startswith("State:")), "")
    except OSError:
        return ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "kill a worker"])
def test_an_interrupt_or_a_dead_worker_ends_the_run_and_every_worker(tmp_path, how):
    script = tmp_path / "run.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        workers = [int(p) for p in process.stdout.readline().split()]
        assert len(workers) == 2
        if how == "kill a worker":
            os.kill(workers[0], signal.SIGKILL)
        else:
            os.kill(process.pid, getattr(signal, how))
        process.wait(timeout=20)
    finally:
        process.kill()
    stderr = process.stderr.read()
    assert process.returncode != 0
    assert _children_gone(workers), "worker processes outlived the run"
    if how == "kill a worker":
        assert f"WorkerError: worker process {workers[0]} died (killed by SIGKILL)" in stderr


def test_worker_error_is_an_attribution_error():
    assert issubclass(WorkerError, RuntimeError)
