"""Reading documents from hostile input: ``serialize.iter_documents`` and ``attribution validate``.

Each case is a fault a user met: numbers that overflow, repeated keys, values JSON cannot
hold, lone surrogates, a broken first line hiding a JSON Lines stream, endless lines,
arrays of documents, and a full disk.
"""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from attribution import jsonvalue, schema
from attribution.cli import main
from attribution.errors import InputError, SchemaValidationError
from attribution.serialize import iter_documents, parse_json, to_json

from test_cli_validate import document  # the same small valid document


def good(doc_id: str = "d") -> str:
    return to_json(document(doc_id))


def with_metadata(raw: str) -> str:
    """A good document whose metadata is the JSON text ``raw``."""
    line = good()
    assert line.endswith('"metadata": {}}')
    return line[: -len("{}}")] + raw + "}"


def validate_cli(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["validate", *args])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out


# -- values a document must not hold ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "pointer", "rule", "words"),
    [
        ('{"x": 1e999}', "/metadata/x", "finite", "number inf is out of range"),
        ('{"x": [1, -1E400]}', "/metadata/x/1", "finite", "number -inf is out of range"),
        ('{"x": 1, "y": 2, "x": 3}', "/metadata", "duplicate-key", "duplicate key 'x'"),
        ('{"x": "\\ud800"}', "/metadata/x", "surrogate", "lone surrogate \\ud800 at character 0"),
        ('{"\\udc80": 1}', "/metadata/\\udc80", "surrogate", "key holds a lone surrogate \\udc80"),
    ],
)
def test_validate_rejects_values_json_readers_disagree_on_with_one_line(tmp_path, capsys, raw, pointer, rule, words):
    path = tmp_path / "doc.json"
    path.write_text(with_metadata(raw), encoding="utf-8")
    code, errors, out = validate_cli(capsys, str(path))
    assert (code, out) == (1, f"{path}: 0 valid, 1 invalid\n")
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:1: {pointer}: ")  # control characters and surrogates shown escaped
    assert words in errors[0] and errors[0].endswith(f"[{rule}]")


def test_a_repeated_key_at_the_top_names_the_key_and_its_line_in_json_lines(tmp_path, capsys):
    path = tmp_path / "docs.jsonl"
    path.write_text(good() + "\n" + good().replace('{"schema_version"', '{"id":"first","schema_version"') + "\n")
    code, errors, out = validate_cli(capsys, str(path))
    assert (code, out) == (1, f"{path}: 1 valid, 1 invalid\n")
    assert errors == [f"{path}:2: /: duplicate key 'id' in one object (only the last value would be kept) [duplicate-key]"]


def test_paired_surrogate_escapes_are_fine():
    doc = parse_json(with_metadata('{"emoji": "\\ud83d\\ude00"}'))
    assert schema.validate(doc).metadata == {"emoji": "\U0001f600"}


def test_parse_json_says_where_and_which_rule():
    with pytest.raises(InputError) as info:
        parse_json('{"a": {"b": [0, 2e308]}}', source="f.json")
    assert (info.value.pointer, info.value.rule) == ("/a/b/1", "finite")
    assert str(info.value) == "f.json: /a/b/1: number inf is out of range (JSON numbers are finite)"


@pytest.mark.parametrize(
    ("value", "pointer", "rule"),
    [
        ({"tags": {"a", "b"}}, "/metadata/tags", "json-type"),
        ({"raw": b"bytes"}, "/metadata/raw", "json-type"),
        ({"n": float("nan")}, "/metadata/n", "finite"),
        ({1: "x"}, "/metadata", "json-type"),
        ({"s": "\udc80"}, "/metadata/s", "surrogate"),
    ],
)
def test_python_metadata_that_to_json_cannot_write_is_rejected(value, pointer, rule):
    data = json.loads(good())
    data["metadata"] = value
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(data)
    assert [(p.pointer, p.rule) for p in info.value.problems] == [(pointer, rule)]


def test_cyclic_metadata_is_rejected_and_shared_values_are_not():
    data = json.loads(good())
    loop: list = []
    loop.append(loop)
    data["metadata"] = {"loop": loop}
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(data)
    assert [(p.pointer, p.rule) for p in info.value.problems] == [("/metadata/loop/0", "cycle")]
    shared = {"k": 1}
    data["metadata"] = {"a": shared, "b": [shared, shared]}
    assert schema.validate(data).metadata == {"a": {"k": 1}, "b": [{"k": 1}, {"k": 1}]}


def test_json_value_walk_survives_any_depth():
    deep: list = []
    node = deep
    for _ in range(100_000):
        node.append([])
        node = node[0]
    node.append(float("inf"))
    [problem] = jsonvalue.iter_problems(deep)
    assert problem.rule == "finite" and problem.pointer == "/0" * 100_000 + "/0"


# -- finding the documents -------------------------------------------------------------


def test_a_broken_first_line_does_not_hide_json_lines(tmp_path, capsys):
    lines = ["{broken"] + [good(f"d{i}") for i in range(1188)]
    stdin = io.TextIOWrapper(io.BytesIO(("\n".join(lines) + "\n").encode()))
    named = tmp_path / "docs.txt"
    named.write_text("\n".join(lines) + "\n")
    for name in ("-", str(named)):
        if name == "-":
            sys.stdin = stdin
        try:
            code, errors, out = validate_cli(capsys, name)
        finally:
            sys.stdin = sys.__stdin__
        shown = "<stdin>" if name == "-" else name
        assert (code, out) == (1, f"{shown}: 1188 valid, 1 invalid\n")
        assert errors == [f"{shown}:1: /: malformed JSON: Expecting property name enclosed in double quotes at column 2 [input]"]


def test_pretty_json_is_still_one_document():
    text = to_json(document(), indent=2)
    records = list(iter_documents(io.BytesIO(text.encode())))
    assert [r.document for r in records] == [document()]


def test_a_json_array_of_documents_gives_each_its_line_and_index(tmp_path, capsys):
    bad = json.loads(good("b"))
    bad["claims"][0]["source"] = "bob"
    text = "[\n" + good("a") + ",\n" + json.dumps(bad) + ",\n" + good("c") + "\n]\n"
    records = list(iter_documents(io.StringIO(text), format="json"))
    assert [(r.line, r.index, r.ok) for r in records] == [(2, 0, True), (3, 1, False), (4, 2, True)]
    assert [(p.pointer, p.rule) for p in records[1].problems] == [("/1/claims/0/source", "dangling-reference")]
    path = tmp_path / "many.json"
    path.write_text(text)
    code, errors, out = validate_cli(capsys, str(path))
    assert (code, out) == (1, f"{path}: 2 valid, 1 invalid\n")
    assert errors[0].startswith(f"{path}:3: /1/claims/0/source: 'bob' is not the id")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", [(1, "input", "no documents: the array is empty")]),
        ("[" + good() + "] x", [(1, None, None), (1, "input", "extra data after the array")]),
        ("[" + good() + " " + good() + "]", [(1, None, None), (1, "input", "expected ',' or ']'")]),
        ("[\n" + good() + ",\n{oops", [(2, None, None), (3, "input", "Expecting property name")]),
        ('[{"a": 1e999}]', [(1, "finite", "out of range")]),
    ],
)
def test_broken_arrays_keep_what_came_before(text, expected):
    records = list(iter_documents(io.StringIO(text), format="json"))
    found = [(r.line, r.problems[0].rule if r.problems else None, r.problems[0].message if r.problems else None) for r in records]
    assert len(found) == len(expected)
    for (line, rule, message), (want_line, want_rule, want_words) in zip(found, expected):
        assert (line, rule) == (want_line, want_rule)
        assert want_words is None or want_words in message


@pytest.mark.parametrize(
    ("fmt", "message"),
    [("auto", "empty input: expected a JSON document"), ("jsonl", "no JSON Lines records: the file is empty or blank")],
)
def test_empty_input_is_one_problem(fmt, message):
    [record] = iter_documents(io.BytesIO(b"\n\n"), format=fmt)
    assert record.problems[0].message == message


# -- endless input ---------------------------------------------------------------------


def test_an_over_long_line_is_reported_and_the_rest_still_read():
    stream = io.BytesIO((good("a") + "\n" + "x" * 5000 + "\n" + good("b") + "\n").encode())
    records = list(iter_documents(stream, format="jsonl", max_line_bytes=4096))
    assert [(r.line, r.ok) for r in records] == [(1, True), (2, False), (3, True)]
    assert records[1].problems[0].rule == "line-length"
    assert records[1].problems[0].message == "line longer than the limit of 4 KiB (5001 bytes): skipped"


def test_a_stream_without_line_ends_stops_after_the_skip_limit(monkeypatch):
    monkeypatch.setattr("attribution.serialize._lines.MAX_SKIP_BYTES", 8 * 2**20)  # where the reader looks it up
    stream = io.BytesIO(b"\0" * (20 * 2**20) + b"\n" + good().encode())
    [record] = iter_documents(stream, max_line_bytes=2**20)
    assert "no line ends in the 8 MiB after it: stopped reading" in record.problems[0].message
    assert stream.tell() <= 11 * 2**20  # it stopped looking


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads its peak memory from /proc")
def test_validate_dev_zero_ends_with_one_line_in_bounded_memory():
    code = (
        "import sys\n"
        "from attribution.cli import main\n"
        "status = main(['validate', '--format', 'jsonl', '/dev/zero'])\n"
        "def peak_mib():\n    # VmHWM is this program's own high-water mark; ru_maxrss would carry the parent's over exec.\n    for line in open('/proc/self/status'):\n        if line.startswith('VmHWM:'):\n            return int(line.split()[1]) // 1024\n    raise RuntimeError('no VmHWM')\n"
        "print(peak_mib(), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    *errors, peak_mib = done.stderr.splitlines()
    assert done.returncode == 1
    assert errors == [
        "/dev/zero:1: /: line longer than the limit of 64 MiB, and no line ends in the 1 GiB after it: "
        "stopped reading [line-length]"
    ]
    assert done.stdout == "/dev/zero: 0 valid, 1 invalid\n"
    assert int(peak_mib) < 600  # one line's worth, not the stream


# -- output that cannot be written -----------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["validate", "EXAMPLE"], ["schema"]])
def test_a_full_disk_is_one_line_and_exit_1(args):
    example = str(Path(__file__).resolve().parents[1] / "examples" / "cipher_brief_pakistan.json")
    args = [example if a == "EXAMPLE" else a for a in args]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "attribution", *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120
        )
    assert done.returncode == 1
    assert done.stderr == "attribution: cannot write the output: No space left on device\n"
