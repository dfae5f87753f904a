"""``attribution validate`` and ``attribution schema``, and the bundled reference example."""

import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from attribution.cli import main
from attribution.model import AttributedDocument, Claim, Source, Span
from attribution.schema import load_schema
from attribution.serialize import from_json, to_json

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cipher_brief_pakistan.json"
TEXT = "Ann said the vote was close."


def document(doc_id: str = "d") -> AttributedDocument:
    return AttributedDocument(
        id=doc_id,
        text=TEXT,
        sources=[Source(id="ann", kind="person", name="Ann", mentions=[Span.of(TEXT, 0, 3)])],
        claims=[Claim(id="c1", source="ann", content=Span.of(TEXT, 9, 27), cue=Span.of(TEXT, 4, 8), mode="indirect")],
    )


def good() -> str:
    return to_json(document())


def broken(**changes: object) -> str:
    data = json.loads(good())
    for pointer, value in changes.items():
        *parents, last = pointer.split("__")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return json.dumps(data)


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def run(capsys, *files: str) -> tuple[int, list[str], str]:
    code = main(["validate", *files])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out


def test_valid_json_file(tmp_path, capsys):
    path = write(tmp_path, "doc.json", to_json(document(), indent=2))
    assert run(capsys, path) == (0, [], f"{path}: 1 valid, 0 invalid\n")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '{\n  "id": "d",\n  oops\n}',
            ":3: /: malformed JSON: Expecting property name enclosed in double quotes at line 3 column 3 [input]",
        ),
        (
            broken(schema_version="2.0"),
            ":1: /schema_version: unsupported schema_version '2.0' (this release reads '1.0', '1.1') [schema-version]",
        ),
        (
            broken(claims__0__source="bob"),
            ":1: /claims/0/source: 'bob' is not the id of any of the sources (known: ann) [dangling-reference]",
        ),
        (
            broken(claims__0__content={"start": 9, "end": 40, "text": "x" * 31}),
            ":1: /claims/0/content: span 9..40 ends past the end of the text (28 characters) [span-in-text]",
        ),
        (b'{"id": "caf\xe9"}', ":1: /: not UTF-8: invalid byte 0xe9 at byte offset 11 [input]"),
        ("", ":1: /: empty input: expected a JSON document [input]"),
    ],
)
def test_invalid_json_file_gives_one_line_per_problem(tmp_path, capsys, content, expected):
    path = write(tmp_path, "doc.json", content)
    code, errors, out = run(capsys, path)
    assert code == 1
    assert errors == [path + expected]
    assert out == f"{path}: 0 valid, 1 invalid\n"


def test_jsonl_reports_good_records_valid_and_bad_ones_by_line(tmp_path, capsys):
    path = write(tmp_path, "docs.jsonl", "\n".join([good(), broken(id=""), "", good()]) + "\n")
    code, errors, out = run(capsys, path)
    assert code == 1
    assert errors == [f"{path}:2: /id: must have at least 1 character(s), got '' [minLength]"]
    assert out == f"{path}: 2 valid, 1 invalid\n"


def test_content_decides_for_other_names_and_stdin(tmp_path, capsys, monkeypatch):
    lines = write(tmp_path, "docs.txt", good() + "\n" + good() + "\n")
    pretty = write(tmp_path, "doc.data", to_json(document(), indent=2))
    assert run(capsys, lines, pretty) == (0, [], f"{lines}: 2 valid, 0 invalid\n{pretty}: 1 valid, 0 invalid\n")
    assert main(["validate", "--format", "jsonl", pretty]) == 1  # forced: line 1 is only "{"
    assert capsys.readouterr().err.startswith(f"{pretty}:1: /: malformed JSON")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n" + good().encode() + b"\n{bad\n")))
    code, errors, out = run(capsys, "-")
    assert (code, out) == (1, "<stdin>: 1 valid, 1 invalid\n")
    assert errors == ["<stdin>:3: /: malformed JSON: Expecting property name enclosed in double quotes at column 2 [input]"]


def test_missing_file_and_directory_are_reported_without_traceback(tmp_path, capsys):
    valid = write(tmp_path, "ok.json", good())
    code, errors, out = run(capsys, str(tmp_path / "missing.json"), str(tmp_path), valid)
    assert code == 1
    assert errors == [
        f"{tmp_path / 'missing.json'}: cannot read: No such file or directory",
        f"{tmp_path}: cannot read: Is a directory",
    ]
    assert out == f"{valid}: 1 valid, 0 invalid\n"


def test_empty_jsonl_file(tmp_path, capsys):
    path = write(tmp_path, "empty.jsonl", "\n\n")
    assert run(capsys, path)[:2] == (1, [f"{path}:1: /: no JSON Lines records: the file is empty or blank [input]"])


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    assert "FILE" in capsys.readouterr().err


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == load_schema()
    assert main(["schema", "--version", "1.0"]) == 0
    with pytest.raises(SystemExit) as info:
        main(["schema", "--version", "9.9"])
    assert info.value.code == 2


def test_exit_code_and_streams_through_python_m(tmp_path):
    docs = write(tmp_path, "docs.jsonl", "\n".join([good(), "{bad", good()]))
    ok = write(tmp_path, "ok.json", good())
    missing = str(tmp_path / "missing.json")
    done = subprocess.run(
        [sys.executable, "-m", "attribution", "validate", ok, docs, "-", missing],
        input=b"\xff\xfe",
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.decode().splitlines() == [
        f"{ok}: 1 valid, 0 invalid",
        f"{docs}: 2 valid, 1 invalid",
        "<stdin>: 0 valid, 1 invalid",
    ]
    assert done.stderr.decode().splitlines() == [
        f"{docs}:2: /: malformed JSON: Expecting property name enclosed in double quotes at column 2 [input]",
        "<stdin>:1: /: not UTF-8: invalid byte 0xff at byte offset 0 [input]",
        f"{missing}: cannot read: No such file or directory",
    ]


# -- the reference example -------------------------------------------------------------


def test_reference_example_validates(capsys):
    assert run(capsys, str(EXAMPLE)) == (0, [], f"{EXAMPLE}: 1 valid, 0 invalid\n")


def test_reference_example_follows_the_expected_annotation():
    doc = from_json(EXAMPLE.read_bytes(), source=str(EXAMPLE))
    assert doc.text == (ROOT / "examples" / "cipher_brief_pakistan.txt").read_text(encoding="utf-8")
    assert doc.metadata["author"] == "KIMBERLY DOZIER"
    principal = [s.id for s in doc.sources if s.member_of is None and s.id != "PAKISTAN"]
    assert principal == ["PK1", "US", "TRUMP", "PK2", "ROGGIO", "CIA", "EMBASSY"]
    assert {s.id: s.member_of for s in doc.sources if s.member_of} == {"US-1": "US", "US-2": "US", "PK2-1": "PK2"}
    assert (doc.source("PK2").count, doc.source("PK2").count_qualifier.value) == (2, "exact")
    top_level = [c for c in doc.claims if c.parent is None]
    assert len(top_level) == 16
    assert [c.source for c in top_level] == [
        "PK1", "US", "US", "US-1", "TRUMP", "PK2", "PK1", "ROGGIO",
        "PK2", "PK2", "PK2-1", "PK2", "US", "US", "US-2", "US",
    ]  # fmt: skip
    assert [c.mode.value for c in top_level].count("direct") == 2
    assert [len(c.content_parts) for c in top_level].count(2) == 1  # c4: "“A,” one of the officials said. “B.”"
    assert [(c.id, c.parent) for c in doc.claims if c.parent] == [("c11a", "c11")]
    assert doc.claim("c5").medium == "tweet"
    assert [c.id for c in doc.claims if c.recipient is not None] == ["c1", "c3"]
    assert all(c.recipient.text == "The Cipher Brief" for c in doc.claims if c.recipient)
    assert [(r.claim, r.target, r.kind.value) for r in doc.rebuttals] == [
        ("c13", "c6", "cannot_verify"),
        ("c14", "c6", "counterclaim"),
        ("c16", "c12", "dispute"),
        ("c15", "c9", "counterclaim"),
        ("c2", "c1", "response"),
    ]
    (condition,) = doc.anonymity_conditions
    assert condition.sources == ("PK1", "US", "PK2")
    assert (condition.kind.value, condition.reason) == ("condition_of_anonymity", None)
    assert Counter((n.source, n.kind.value) for n in doc.non_responses) == {
        ("CIA", "declined_to_comment"): 1,
        ("EMBASSY", "did_not_respond"): 1,
    }
    assert all(c.cue is not None and c.source_mention is not None for c in doc.claims)


# -- messages a newcomer meets first ------------------------------------------------------


def test_hostile_inputs_read_plainly(tmp_path, capsys):
    unbalanced = write(tmp_path, "quote.jsonl", '{"id": "a", "text": "He said \\"hi\n')
    array = write(tmp_path, "array.json", '[1, "a", null]')
    code, errors, _ = run(capsys, unbalanced, array)
    assert code == 1
    assert errors == [
        f"{unbalanced}:1: /: malformed JSON: Invalid control character at column 34 [input]",  # not "at at"
        f"{array}:1: /0: expected object, got number 1 [type]",
        f"{array}:1: /1: expected object, got string 'a' [type]",
        f"{array}:1: /2: expected object, got null [type]",  # not "got null None"
    ]
