"""``attribution sources``: the per-source view, its formats, errors and exit codes."""

import io
import json
import sys
from pathlib import Path

import pytest

from attribution.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.txt"
SHORT = (
    "Two Pakistani officials said the list was out of date. "
    "“We did what was asked,” one of the officials said. The CIA declined to comment.\n"
)


@pytest.fixture
def short_file(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    return path


def test_table_lists_sources_descriptors_groups_and_claims(short_file, capsys):
    assert main(["sources", str(short_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== {short_file} ==")
    assert "group, anonymous, 2 members, role official, nationality Pakistani" in out
    assert "members: s2" in out
    assert "member of s1" in out
    assert "non-response n1 declined_to_comment" in out
    assert "claim c1" in out


def test_json_has_each_source_with_its_claims(short_file, capsys):
    assert main(["sources", str(short_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {s["id"]: s for s in data["sources"]}
    group = next(s for s in data["sources"] if s["count"] == 2)
    assert group["anonymous"] is True and group["descriptors"]["nationality"] == "Pakistani"
    (member,) = [by_id[m] for m in group["members"]]
    assert member["member_of"] == group["id"]
    assert [c["id"] for c in group["claims"]] == ["c1"]
    cia = next(s for s in data["sources"] if s["name"] == "CIA")
    assert cia["non_responses"][0]["kind"] == "declined_to_comment"


def test_reference_article_shows_author_and_anonymity(capsys):
    assert main(["sources", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "author: KIMBERLY DOZIER" in out
    assert out.count("anonymity a1 condition_of_anonymity") == 3


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT.encode("utf-8"))))
    assert main(["sources", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "stdin"


def test_several_files_give_a_json_list(short_file, capsys):
    assert main(["sources", str(short_file), str(short_file), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


@pytest.mark.parametrize(("content", "message"), [(b"\xff\xfeabc", "not UTF-8"), (b"", "empty file"), (b"  \n", "empty text")])
def test_unreadable_input_is_one_line_on_stderr_and_exit_1(tmp_path, capsys, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["sources", str(path)]) == 1
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line.startswith("attribution sources:") and message in line
    assert "Traceback" not in captured.err


def test_missing_file_still_processes_the_others(short_file, tmp_path, capsys):
    assert main(["sources", str(tmp_path / "nope.txt"), str(short_file)]) == 1
    captured = capsys.readouterr()
    assert "no such file" in captured.err
    assert f"== {short_file} ==" in captured.out


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["sources"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["sources", "x.txt", "--format", "yaml"])
    assert exit_info.value.code == 2


def test_oversized_document_is_named_once_and_others_still_listed(tmp_path, capsys):
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 250_000, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("The CIA declined to comment.\n", encoding="utf-8")
    assert main(["sources", str(huge), str(small), "--format", "json"]) == 1
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line == (
        f"attribution sources: {huge}: document has 1,250,000 characters, more than the pipeline's "
        "limit of 1,000,000 (nlp.max_length); split it into smaller documents"
    )
    assert [d["id"] for d in json.loads(captured.out)] == [str(small)]


DOCUMENT = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.json"


def test_a_document_json_is_read_not_re_extracted_and_rebuttals_are_shown(capsys, monkeypatch):
    import attribution.extract

    monkeypatch.setattr(attribution.extract, "load_pipeline", lambda *a, **k: pytest.fail("extracted again"))
    assert main(["sources", str(DOCUMENT)]) == 0
    out = capsys.readouterr().out
    assert "rebuts Two Pakistani officials (PK2): r1 cannot_verify, claim c13 -> c6" in out
    assert "rebutted by senior U.S. administration officials (US): r1 cannot_verify, claim c13 -> c6" in out
    assert main(["sources", str(DOCUMENT), "--format", "json"]) == 0
    data = {s["id"]: s for s in json.loads(capsys.readouterr().out)["sources"]}
    assert {r["id"] for r in data["US"]["rebuttals"]} == {"r1", "r2", "r3", "r5"}
    assert [r["other_source"] for r in data["PK2"]["rebutted_by"] if r["id"] == "r4"] == ["US-2"]


def test_a_json_that_is_not_a_document_is_one_clear_line_and_exit_1(tmp_path, capsys):
    path = tmp_path / "other.json"
    path.write_text('{"hello": "world"}', encoding="utf-8")
    assert main(["sources", str(path)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"attribution sources: {path}: not an attributed document: ")
    assert "missing schema_version" in line


def test_terminal_escapes_in_the_article_are_shown_not_obeyed_and_lines_fit(tmp_path, capsys, monkeypatch):
    article = tmp_path / "evil.txt"
    article.write_text(
        "\x1b]0;owned\x07\x1b[2JTwo Pakistani officials said the list was out of date. "
        "\u201cWe did what was asked,\u201d one of the officials said. The CIA\x1b[31m declined to comment.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["sources", str(article)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07\\x1b[2JTwo" in out
    assert "\\x1b[31m" in out
    assert max(map(len, out.splitlines())) <= 40


def test_one_source_is_counted_in_the_singular(tmp_path, capsys):
    path = tmp_path / "one.txt"
    path.write_text("The CIA declined to comment.\n", encoding="utf-8")
    assert main(["sources", str(path)]) == 0
    assert "\n1 source\n" in capsys.readouterr().out
