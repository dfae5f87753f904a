"""``attribution render`` and ``attribution conflicts``: inputs, outputs, errors, exit codes."""

import json
from pathlib import Path

import pytest

from attribution.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "examples" / "cipher_brief_pakistan.json"


@pytest.fixture
def no_extraction(monkeypatch):
    import attribution.extract

    monkeypatch.setattr(attribution.extract, "load_pipeline", lambda *a, **k: pytest.fail("extracted again"))


def test_render_writes_one_self_contained_page(tmp_path, capsys, no_extraction):
    out = tmp_path / "view.html"
    assert main(["render", str(DOCUMENT), "--output", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count('<article class="doc"') == 1
    assert page.count('class="ctag') >= 17 and "<script>" in page and "<style>" in page
    assert "wrote" in capsys.readouterr().err


def test_render_to_stdout_and_several_documents_on_one_page(tmp_path, capsys, no_extraction):
    many = tmp_path / "many.jsonl"
    line = json.dumps(json.loads(DOCUMENT.read_text(encoding="utf-8")))
    many.write_text(line + "\n" + line.replace('"cipher_brief_pakistan"', '"again"', 1) + "\n", encoding="utf-8")
    array = tmp_path / "array.json"
    array.write_text("[" + line + "]", encoding="utf-8")
    assert main(["render", str(many), str(array)]) == 0
    page = capsys.readouterr().out
    assert page.count('<article class="doc"') == 3 and '<nav class="toc"' in page


def test_render_split_writes_one_file_per_document(tmp_path, no_extraction):
    folder = tmp_path / "pages"
    assert main(["render", str(DOCUMENT), str(DOCUMENT), "--split", "--output", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["cipher_brief_pakistan-2.html", "cipher_brief_pakistan.html"]


def test_render_split_without_output_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["render", str(DOCUMENT), "--split"])
    assert info.value.code == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("other.json", '{"hello": "world"}', "not an attributed document: /: missing schema_version"),
        ("list.json", "[1]", "list.json[0]: not an attributed document: /: expected object"),
        ("broken.json", '{"schema_version": ', "malformed JSON"),
        ("empty.txt", "", "empty file"),
        ("blank.txt", "  \n\n", "empty text"),
        ("nothing.json", "[]", "an empty JSON array: no documents"),
    ],
)
@pytest.mark.parametrize("command", ["render", "conflicts", "sources", "export"])
def test_bad_input_is_one_clear_line_and_exit_1(tmp_path, capsys, name, content, message, command, no_extraction):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main([command, str(path)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert lines[0].startswith(f"attribution {command}: {path}") and message in lines[0], lines
    assert "Traceback" not in captured.err and captured.out in ("", "[]\n")


def test_conflicts_text_names_who_disputes_whom(capsys, no_extraction):
    assert main(["conflicts", str(DOCUMENT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== cipher_brief_pakistan ==\n2 conflicts from 5 rebuttals\n")
    assert (
        "senior U.S. administration officials (US) disputes Two Pakistani officials (PK2): "
        "cannot_verify, counterclaim x2, dispute" in out
    )
    assert "senior U.S. administration officials (US) disputes a senior Pakistani official (PK1): response" in out
    assert '    r1 cannot_verify: c13 "' in out


def test_conflicts_dot_and_json(capsys, no_extraction):
    assert main(["conflicts", str(DOCUMENT), "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith('digraph "cipher_brief_pakistan" {') and '"US" -> "PK2"' in dot
    assert main(["conflicts", str(DOCUMENT), "--format", "json", "--no-merge"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "cipher_brief_pakistan"
    pairs = {(e["source"], e["target"]) for e in data["edges"]}
    assert ("US-2", "PK2") in pairs and ("US", "PK2") in pairs


@pytest.mark.parametrize(("fmt", "parser"), [("prov", "turtle"), ("turtle", "turtle"), ("jsonld", "json-ld")])
def test_export_writes_linked_data_that_parses_back(tmp_path, capsys, fmt, parser, no_extraction):
    rdflib = pytest.importorskip("rdflib")
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(DOCUMENT), "--format", fmt, "--output", str(out)]) == 0
    graph = rdflib.Graph().parse(data=out.read_text(encoding="utf-8"), format=parser)
    prov = rdflib.namespace.PROV
    assert len(set(graph.subjects(prov.wasAttributedTo, None))) == 17
    schema_claims = set(graph.subjects(rdflib.RDF.type, rdflib.namespace.SDO.Claim))
    assert len(schema_claims) == (0 if fmt == "prov" else 17)


def test_export_of_several_documents_is_one_graph(tmp_path, capsys, no_extraction):
    rdflib = pytest.importorskip("rdflib")
    other = tmp_path / "other.json"
    other.write_text(DOCUMENT.read_text(encoding="utf-8").replace('"cipher_brief_pakistan"', '"other"', 1), encoding="utf-8")
    assert main(["export", str(DOCUMENT), str(other)]) == 0
    graph = rdflib.Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert len(set(graph.subjects(rdflib.namespace.PROV.wasAttributedTo, None))) == 34
    with pytest.raises(SystemExit) as info:
        main(["export", str(DOCUMENT), str(other), "--base", "https://example.org/a"])
    assert info.value.code == 2
