"""``attribution extract`` runs that lose nothing: bad lines, failed documents, interrupts, resume.

In-process through ``main()`` where no signal is involved (the pipeline loaded once for
the module); in a subprocess with a timeout where something could hang or a signal is sent.
"""

import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import catalogue
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution import plugins
from attribution.cli import main
from attribution.cli.writers import JsonWriter, whole_records
from attribution.extract.registry import available_steps
from attribution.plugins import extractors

SHORT = "“We are confident that the talks will resume,” one of the officials said."
TEXTS = [SHORT, "The CIA declined to comment.", "According to the report, prices rose.", "Nothing here."]


def _jsonl(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", errors="surrogatepass")
    return path


HUGE = '{"id": "huge", "text": "a", "n": ' + "9" * 5000 + "}"
DEEP = '{"id": "deep", "text": "a", "n": ' + "[" * 100_000 + "]" * 100_000 + "}"
SURROGATE = json.dumps({"id": "s", "text": "bad \ud800 text"})
SURROGATE_ID = json.dumps({"id": "\udc80", "text": "fine"})
SURROGATE_META = json.dumps({"id": "m", "text": "fine", "who": "\udfff"})
NAN = '{"id": "nan", "text": "a", "score": NaN}'
BAD_LINES = {
    HUGE: "malformed JSON: an integer has too many digits",
    DEEP: "malformed JSON: nested too deeply",
    # Lone surrogates are refused when the line is read (parse_json), before check_text.
    SURROGATE: "string holds a lone surrogate \\ud800 at character 4",
    SURROGATE_ID: "string holds a lone surrogate \\udc80 at character 0",
    SURROGATE_META: "string holds a lone surrogate \\udfff at character 0",
    NAN: "malformed JSON: NaN is not valid JSON",
}


def _good(i):
    return json.dumps({"id": f"g{i}", "text": TEXTS[i % len(TEXTS)], "url": f"https://example.org/{i}"})


@pytest.mark.parametrize("bad", list(BAD_LINES))
def test_a_bad_line_is_reported_and_the_rest_processed(tmp_path, cached, bad, run_cli):
    path = _jsonl(tmp_path / "in.jsonl", [_good(1), bad, _good(2)])
    code, out, err = run_cli(["extract", "--input", "jsonl", "--format", "jsonl", "--quiet", str(path)])
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["g1", "g2"]
    (line,) = [line for line in err.splitlines() if f"{path}:" in line]
    assert line.startswith(f"attribution extract: {path}:2: ") and BAD_LINES[bad] in line
    assert "Traceback" not in err


def test_parallel_run_with_bad_lines_finishes(tmp_path):
    lines = [_good(i) for i in range(12)]
    lines[3:3] = [HUGE, DEEP, SURROGATE, json.dumps({"id": "none", "text": None})]
    path = _jsonl(tmp_path / "in.jsonl", lines)
    result = subprocess.run(
        [sys.executable, "-m", "attribution", "extract", "--input", "jsonl", "--format", "jsonl", "--n-process", "2",
         "--batch-size", "2", "--quiet", str(path)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 1, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [f"g{i}" for i in range(12)]
    assert sum(f"{path}:" in line for line in result.stderr.splitlines()) == 4


def test_metadata_kept_and_fields_named(tmp_path, cached, run_cli):
    path = _jsonl(tmp_path / "in.jsonl", [json.dumps({"key": "a1", "body": SHORT, "outlet": "Cipher", "date": "2018-01-01"})])
    code, out, err = run_cli(
        ["extract", "--input", "jsonl", "--text-field", "body", "--id-field", "key", "--quiet", str(path)]
    )
    assert code == 0, err
    (document,) = json.loads(out)
    assert document["id"] == "a1" and document["text"] == SHORT
    assert document["metadata"]["outlet"] == "Cipher" and document["metadata"]["date"] == "2018-01-01"


def test_json_is_always_an_array_that_validate_accepts(tmp_path, cached, run_cli):
    text = tmp_path / "a.txt"
    text.write_text(SHORT, encoding="utf-8")
    for paths in ([text], [text, text]):
        code, out, _ = run_cli(["extract", "--quiet", "--output", str(tmp_path / "out.json"), *map(str, paths)])
        assert code == 0
        assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == len(paths)
        code, out, err = run_cli(["validate", str(tmp_path / "out.json")])
        assert code == 0, err
        assert f"{len(paths)} valid, 0 invalid" in out
    code, out, _ = run_cli(["extract", "--quiet", str(tmp_path / "missing.txt")])
    assert (code, json.loads(out)) == (1, [])


def test_errors_file_and_progress_total(tmp_path, cached, run_cli):
    path = _jsonl(tmp_path / "in.jsonl", [_good(1), "{broken", _good(2)])
    errors = tmp_path / "errors.jsonl"
    code, out, err = run_cli(["extract", "--input", "jsonl", "--format", "jsonl", "--errors", str(errors), str(path)])
    assert code == 1
    assert [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()] == [
        {"id": f"{path}:2", "origin": f"{path}:2", "reason": "malformed JSON: Expecting property name enclosed in double quotes at column 2"}
    ]
    assert "/3 [" in err  # the bar knows the total


@pytest.fixture
def registered():
    available_steps()
    before = set(catalogue.REGISTRY)
    plugins._WARNED.clear()
    yield
    for key in set(catalogue.REGISTRY) - before:
        if key[:-1] == extractors.namespace:
            catalogue._remove(key)
    plugins._WARNED.clear()


class _Meddler:
    """A plugin step that adds ``values[word]`` to the metadata of a document holding ``word``."""

    def __init__(self, name, values):
        self.name, self.after, self.before, self.values = name, (), (), values

    def __call__(self, doc, partial):
        import attrs

        for word, value in self.values.items():
            if word in partial.text:
                if "exit" in value:
                    sys.exit(value["exit"])
                return attrs.evolve(partial, metadata={**partial.metadata, **value})
        return partial


@pytest.mark.parametrize(
    ("values", "written"),
    [
        ({"talks": {"score": math.nan}, "CIA": {"score": "numpy"}}, ["g2"]),
        ({"talks": {"exit": 0}}, ["g0", "g1", "g2"]),
    ],
    ids=["nan-and-numpy-float32", "sys.exit"],
)
def test_plugin_values_json_cannot_hold_fail_that_document_only(tmp_path, registered, values, written, run_cli):
    if values.get("CIA") == {"score": "numpy"}:
        numpy = pytest.importorskip("numpy")
        values = {**values, "CIA": {"score": numpy.float32(0.5)}}
    extractors.register("acme.meddler.v1", func=lambda nlp, **config: _Meddler("acme.meddler.v1", values))
    path = _jsonl(tmp_path / "in.jsonl", [_good(0), _good(1), _good(2)])  # talks, CIA, neither
    code, out, err = run_cli(["extract", "--input", "jsonl", "--format", "jsonl", "--with", "acme.meddler.v1", "--quiet", str(path)])
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    if len(written) < 3:  # NaN (g0) and a numpy scalar (g1) each fail their own document only
        assert (code, ids) == (1, written)
        assert sum("document 'g0': extraction failed" in line or "document 'g1'" in line for line in err.splitlines()) == 2
    else:
        assert (code, ids) == (0, written)
        assert "failed and is skipped: SystemExit: 0 (it is not run again in this run)" in err


def test_plugins_check_reports_a_factory_that_raises(registered, run_cli):
    def factory(nlp, **config):
        raise RuntimeError("no licence key")

    extractors.register("acme.raising.v1", func=factory)
    code, out, err = run_cli(["plugins", "--check"])
    assert code == 1
    (line,) = [line for line in out.splitlines() if "acme.raising.v1" in line]
    assert "its factory raised RuntimeError: no licence key" in line


def test_full_disk_is_one_line_and_exit_1(tmp_path, cached, run_cli):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    text = tmp_path / "a.txt"
    text.write_text(SHORT, encoding="utf-8")
    code, _, err = run_cli(["extract", "--quiet", str(text), "--output", "/dev/full"])
    assert (code, err.splitlines()) == (1, ["attribution extract: cannot write the output: No space left on device"])
    with open("/dev/full", "w") as full:  # standard output too, and nothing more at exit
        result = subprocess.run(
            [sys.executable, "-m", "attribution", "extract", "--quiet", str(text)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["attribution extract: cannot write the output: No space left on device"]


def _start(args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "attribution", "extract", *args], stderr=subprocess.PIPE, text=True, **kwargs)


def _workers(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.fixture(scope="module")
def stopped_runs(tmp_path_factory):
    """Four runs stopped midway, each once for the tests that look at it.

    ``SIGINT`` and ``SIGTERM`` to a two-process run writing a JSON array, ``SIGKILL`` to a
    worker of a two-process JSONL run, and ``SIGINT`` to a one-process run of whole
    articles that ``--resume`` then finishes. Each entry: (exit status, stderr, output
    path, worker pids, arguments).
    """
    folder = tmp_path_factory.mktemp("stopped")
    many = _jsonl(folder / "many.jsonl", [_good(i) for i in range(400)])
    article = (Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.txt").read_text(encoding="utf-8")
    articles = _jsonl(folder / "articles.jsonl", [json.dumps({"id": f"g{i}", "text": article}) for i in range(8)])
    resume_out = folder / "resume.jsonl"
    plans = {
        # fed through standard input, which stays open: the run is still going when the signal comes
        "SIGINT": (folder / "int.json", ["--input", "jsonl", "--n-process", "2", "--quiet"], "-", 10),
        "SIGTERM": (folder / "term.json", ["--input", "jsonl", "--n-process", "2", "--quiet"], "-", 10),
        "killed": (folder / "killed.jsonl", ["--input", "jsonl", "--format", "jsonl", "--n-process", "2", "--quiet"], many, 5),
        "resume": (resume_out, ["--input", "jsonl", "--format", "jsonl", "--batch-size", "1", "--quiet",
                                "--errors", str(folder / "errors.jsonl")], articles, 3),
    }
    args = {name: [*options, "--output", str(out), str(path)] for name, (out, options, path, _) in plans.items()}
    processes, workers = {}, {}
    try:
        for name, (out, _, _, lines) in plans.items():  # one at a time: on two cores, overlapping runs only wait
            fed = plans[name][2] == "-"
            process = processes[name] = _start(args[name], stdin=subprocess.PIPE if fed else subprocess.DEVNULL)
            if fed:
                process.stdin.write(many.read_text(encoding="utf-8"))
                process.stdin.flush()
            deadline = time.monotonic() + 180
            while not (out.exists() and out.read_bytes().count(b"\n") >= lines):
                assert process.poll() is None, (name, process.stderr.read())
                assert time.monotonic() < deadline, f"no output from {name}"
                time.sleep(0.05)
            workers[name] = _workers(process.pid)
            if name == "killed" and workers[name]:
                os.kill(workers[name][0], signal.SIGKILL)
            else:
                process.send_signal(signal.SIGTERM if name == "SIGTERM" else signal.SIGINT)
            process.wait(timeout=30)
    finally:
        for process in processes.values():
            process.kill()
            process.wait()
            if process.stdin is not None:
                process.stdin.close()
    runs = {
        name: (processes[name].returncode, processes[name].stderr.read(), plans[name][0], workers[name], args[name])
        for name in plans
    }
    return runs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_interrupted_json_array_is_closed_and_workers_gone(stopped_runs, sig):
    code, stderr, out, workers, _ = stopped_runs[sig]
    assert code == (130 if sig == "SIGINT" else 143), stderr
    assert "every record written so far is complete" in stderr and "Traceback" not in stderr
    documents = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in documents] == [f"g{i}" for i in range(len(documents))]
    time.sleep(0.5)
    assert workers and not [p for p in workers if os.path.exists(f"/proc/{p}")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_worker_ends_the_run_with_a_message(stopped_runs):
    code, stderr, out, workers, _ = stopped_runs["killed"]
    assert code == 1
    assert f"worker process {workers[0]} died (killed by SIGKILL)" in stderr and "Traceback" not in stderr
    assert all(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert not os.path.exists(f"/proc/{workers[1]}")


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
def test_a_signal_another_thread_takes_waits_until_the_record_is_whole():
    """A process pool's threads can take a process's SIGINT; the record still ends first."""
    go = threading.Event()

    def signal_this_thread():
        go.wait()
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    thread = threading.Thread(target=signal_this_thread)
    thread.start()  # before the hold, as a pool's threads are
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with whole_records():
            go.set()
            thread.join()
            for step in range(10_000):  # an interrupt not held back is raised between these
                steps.append(step)
    assert len(steps) == 10_000


def test_an_interrupt_right_after_the_first_record_leaves_a_closed_array(tmp_path, monkeypatch):
    out = tmp_path / "out.json"
    writer = JsonWriter(str(out))
    record = type("Extracted", (), {"json": json.dumps({"id": "a", "text": "x"})})()
    # The interrupt comes as the record is flushed, before the writer has counted it.
    flush = writer.out.flush
    monkeypatch.setattr(writer.out, "flush", lambda: (flush(), signal.raise_signal(signal.SIGINT)))
    with pytest.raises(KeyboardInterrupt):
        writer.write(record)
    monkeypatch.undo()
    writer.close()
    assert [d["id"] for d in json.loads(out.read_text(encoding="utf-8"))] == ["a"]


def test_interrupted_then_resumed_gives_every_id_once(stopped_runs, cached, run_cli):
    code, stderr, out, _, args = stopped_runs["resume"]
    assert code == 130, stderr
    with open(out, "ab") as fp:
        fp.write(b'{"id": "g7", "te')  # as if cut off mid-record
    first = len(out.read_bytes().splitlines()) - 1
    code, _, err = run_cli(["extract", "--resume", *args])  # in-process: the module's pipeline
    assert code == 0, err
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(f"g{i}" for i in range(8)) and 0 < first < 8


def test_usage_errors_exit_2(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(SHORT, encoding="utf-8")
    assert main(["extract", str(text), "--resume"]) == 2
    assert main(["extract", str(text), "--without", "nonsense"]) == 2
    assert main(["extract", str(text), "--batch-size", "0"]) == 2


# -- a property: random JSONL lines -------------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "x", "y"]), inner, max_size=2),
    max_leaves=5,
)
_LIMIT = 2**18  # the JSONL line limit during the property, so that an over-long line is cheap
_bad_lines = st.one_of(
    _json_values.map(json.dumps),
    st.text(max_size=10).map(lambda t: "{" + t.replace("\n", " ")),
    st.sampled_from([HUGE, DEEP, SURROGATE, SURROGATE_ID, SURROGATE_META, NAN, '{"id": "e", "text": "  "}', "1e999"]),
    st.integers(1, 40).map(lambda n: _good(0)[:n]),  # cut short
    st.just("x" * (_LIMIT + 1)),  # over the line limit
).map(lambda line: line.encode("utf-8", "surrogatepass")) | st.sampled_from([b"\xff\xfe{}", b'{"id": "z", "text": "a\x00"}'])
_lines = st.lists(
    st.one_of(
        st.tuples(st.just("good"), st.sampled_from(TEXTS)),
        st.tuples(st.just("crlf"), st.sampled_from(TEXTS)),  # a good record with a CRLF line end
        st.tuples(st.just("bad"), _bad_lines),
        st.tuples(st.just("blank"), st.sampled_from([b"", b"  \t"])),
    ),
    max_size=6,
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(lines=_lines)
def test_random_jsonl_lines_every_good_record_once_every_bad_one_reported(cached, lines, run_cli):
    """Extract, then validate what it wrote: every good record once and valid, every bad line reported once."""
    import attribution.cli.inputs

    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(attribution.cli.inputs, "MAX_LINE_BYTES", _LIMIT)
        path, output = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        written, good, bad = [], [], []
        for number, (kind, value) in enumerate(lines, 1):
            if kind in ("good", "crlf"):
                record = json.dumps({"id": f"g{number}", "text": value, "n": number}).encode()
                written.append(record + (b"\r" if kind == "crlf" else b""))
                good.append(f"g{number}")
            else:
                written.append(value)
                if kind == "bad":
                    bad.append(number)
        path.write_bytes(b"".join(line + b"\n" for line in written))
        code, out, err = run_cli(["extract", "--input", "jsonl", "--format", "jsonl", "--quiet", "--output", str(output), str(path)])
        checked = run_cli(["validate", "--format", "jsonl", str(output)])
        documents = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert code == (1 if bad or not good else 0), err
    reported = [line for line in err.splitlines() if line.startswith(f"attribution extract: {path}:")]
    if not good and not bad:
        assert reported == [f"attribution extract: {path}: no JSONL records (the file is empty)"]
    else:
        assert [int(line.split(":")[2]) for line in reported] == bad
    assert [d["id"] for d in documents] == good
    if good:
        assert checked == (0, f"{output}: {len(good)} valid, 0 invalid\n", "")
