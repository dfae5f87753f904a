"""``attribution extract``: inputs, formats, errors and exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.serialize import from_dict

EXAMPLE = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.txt"
SHORT = "“We are confident that the talks will resume,” one of the officials said.\n"


@pytest.fixture
def short_file(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    return path


def test_one_file_gives_an_array_of_one_document(short_file, capsys):
    assert main(["extract", str(short_file), "--quiet"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    document = from_dict(data)
    assert document.id == str(short_file)
    assert document.text == SHORT


def test_output_validates_against_the_schema(short_file, capsys):
    schema = pytest.importorskip("attribution.schema")
    assert main(["extract", str(EXAMPLE), str(short_file), "--quiet"]) == 0
    documents = json.loads(capsys.readouterr().out)
    assert len(documents) == 2
    for data in documents:
        schema.validate(data)


def test_jsonl_output_has_one_document_per_line(short_file, capsys):
    assert main(["extract", str(short_file), str(short_file), "--format", "jsonl", "--quiet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [from_dict(json.loads(line)).text for line in lines] == [SHORT, SHORT]


def test_table_shows_who_said_what(capsys):
    assert main(["extract", str(EXAMPLE), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== {EXAMPLE} ==")
    assert "claims" in out.splitlines()[1] or "claims" in out.splitlines()[2]


def test_jsonl_input_reports_bad_records_and_keeps_good_ones(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "good", "text": SHORT}) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n\n",
        encoding="utf-8",
    )
    assert main(["extract", "--input", "jsonl", str(path), "--format", "jsonl", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["good"]
    assert f"{path}:2: malformed JSON" in captured.err
    assert f'{path}:3: the record has no string field "text"' in captured.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty text"),
        (b"caf\xe9 au lait", "not UTF-8 text: invalid byte 0xe9 at byte offset 3"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
    ],
)
def test_unreadable_text_is_one_line_error_and_others_still_run(tmp_path, short_file, capsys, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert main(["extract", str(bad), str(short_file), "--format", "jsonl", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert f"{bad}: {message}" in captured.err
    assert len(captured.out.splitlines()) == 1


def test_missing_file_and_directory(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), str(tmp_path), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "nope.txt: no such file" in err
    assert f"{tmp_path}: is a directory" in err


def test_unknown_step_is_a_usage_error_naming_the_choices(short_file, capsys):
    assert main(["extract", str(short_file), "--without", "no.such.step.v1"]) == 2
    assert "available" in capsys.readouterr().err


def test_unknown_model_is_an_error_not_a_traceback(short_file, capsys):
    assert main(["extract", str(short_file), "--model", "en_core_web_nonexistent"]) == 1
    assert "not installed" in capsys.readouterr().err


def test_bad_numbers_are_usage_errors(short_file):
    assert main(["extract", str(short_file), "--n-process", "0"]) == 2


def test_stdin_and_exit_codes_in_a_real_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "attribution", "extract", "-", "--format", "jsonl"],
        input=SHORT.encode(),
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["id"] == "stdin"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    result = subprocess.run(
        [sys.executable, "-m", "attribution", "extract", str(bad)], capture_output=True, timeout=300
    )
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    usage = subprocess.run([sys.executable, "-m", "attribution", "extract"], capture_output=True, timeout=300)
    assert usage.returncode == 2


def test_oversized_document_is_refused_and_others_still_run(tmp_path, short_file, capsys):
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 250_000, encoding="utf-8")  # 1,250,000 characters
    assert main(["extract", str(huge), str(short_file), "--format", "jsonl", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert f"{huge}: document has 1,250,000 characters" in captured.err
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == [str(short_file)]


# -- inputs too large to hold -------------------------------------------------------------

_WRITE_STREAM = (
    "import sys\n"
    "w = sys.stdout.buffer.write\n"
    "w(b'{\"id\": \"a\", \"text\": \"The CIA declined to comment.\"}\\n')\n"
    "w(b'{\"id\": \"long\", \"text\": \"' + b'x' * (70 * 2**20) + b'\"}\\n')\n"
    "w(b'{\"id\": \"b\", \"text\": \"Officials said it was over.\"}\\n')\n"
)
_PEAK = (
    "import sys\n"
    "from attribution.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "def peak_mib():\n    # VmHWM is this program's own high-water mark; ru_maxrss would carry the parent's over exec.\n    for line in open('/proc/self/status'):\n        if line.startswith('VmHWM:'):\n            return int(line.split()[1]) // 1024\n    raise RuntimeError('no VmHWM')\n"
    "print('peak', peak_mib(), file=sys.stderr)\n"
    "sys.exit(status)\n"
)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads its peak memory from /proc")
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_over_long_jsonl_lines_are_reported_in_bounded_memory_and_the_rest_processed():
    # stdin: a 70 MiB line between two good ones, streamed; then /dev/zero, which never ends a line.
    writer = subprocess.Popen([sys.executable, "-c", _WRITE_STREAM], stdout=subprocess.PIPE)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PEAK, "extract", "--input", "jsonl", "--format", "jsonl", "--quiet", "-", "/dev/zero"],
            stdin=writer.stdout, capture_output=True, text=True, timeout=240,
        )
    finally:
        writer.stdout.close()
        writer.kill()
        writer.wait()
    *errors, peak = done.stderr.splitlines()
    assert done.returncode == 1
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["a", "b"]
    assert errors[:2] == [
        "attribution extract: stdin:2: line longer than the limit of 64 MiB (" + f"{70 * 2**20 + 27} bytes): skipped",
        "attribution extract: /dev/zero:1: line longer than the limit of 64 MiB, and no line ends in the 1 GiB "
        "after it: stopped reading",
    ]
    assert int(peak.split()[1]) < 800  # the pipeline and one line's worth, not the stream


def test_a_text_file_larger_than_the_limit_is_one_line_not_read_to_its_end(tmp_path, capsys, monkeypatch):
    import attribution.cli.inputs as inputs

    monkeypatch.setattr(inputs, "MAX_LINE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 300, encoding="utf-8")
    assert main(["extract", str(big), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"attribution extract: {big}: larger than the limit of 1000 bytes: split it into smaller files",
        "attribution extract: 1 document failed, 0 written",
    ]
    assert json.loads(captured.out) == []
