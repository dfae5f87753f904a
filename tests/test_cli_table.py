"""The terminal view a journalist reads: words, not ids; safe to print; inside the width."""

import io
import subprocess
import sys

import pytest

from attribution.cli import main
from attribution.cli.table import (
    clip,
    describe_rebuttal,
    describe_source,
    escape_controls,
    fit,
    plural,
    render_table,
)
from attribution.model import AttributedDocument, Claim, Rebuttal, Source, Span

TEXT = (
    "The ministry said the list was handed over in May. "
    "Officials denied that any list had been received at all, calling it a fabrication."
)


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span.of(TEXT, start, start + len(words))


def document(**changes) -> AttributedDocument:
    data = dict(
        id="d",
        text=TEXT,
        sources=[
            Source(id="s1", kind="organization", mentions=[span("The ministry")]),
            Source(id="s2", kind="group", anonymous=True, mentions=[span("Officials")]),
        ],
        claims=[
            Claim(id="c1", source="s1", content=span("the list was handed over in May"), mode="indirect"),
            Claim(id="c2", source="s2", content=span("that any list had been received at all"), mode="indirect"),
        ],
        rebuttals=[Rebuttal(id="r1", claim="c2", target="c1", kind="denial", evidence=span("denied"))],
    )
    data.update(changes)
    return AttributedDocument(**data)


def test_a_source_without_a_name_is_not_called_named():
    unnamed, anonymous = document().sources
    assert describe_source(unnamed) == "organization, not anonymous, no name given"
    assert describe_source(anonymous) == "group, anonymous"
    named = Source(id="s3", kind="person", name="Ann Lee")
    assert describe_source(named) == "person, named"


def test_rebuttals_say_who_disputes_whom_in_words():
    lines = describe_rebuttal(document().rebuttals[0], document(), width=100)
    assert lines[0] == "  r1   Officials (c2) denies The ministry (c1)"
    assert lines[1] == "         c2: \u201cthat any list had been received at all\u201d"
    assert lines[2] == "         c1: \u201cthe list was handed over in May\u201d"
    assert lines[3] == "         evidence \u201cdenied\u201d"
    out = render_table(document(), width=100)
    assert "c2 → c1" not in out and "Officials (c2) denies The ministry (c1)" in out


def test_counts_agree_with_their_nouns():
    assert plural(1, "rebuttal") == "1 rebuttal"
    assert plural(0, "rebuttal") == "0 rebuttals"
    head = render_table(document(), width=100).splitlines()[1]
    assert head == "2 sources, 2 claims, 1 rebuttal, 0 anonymity conditions, 0 non-responses"


@pytest.mark.parametrize("width", [40, 60, 100])
def test_every_line_fits_the_width(width):
    long_name = Source(id="s1", kind="organization", name="The Ministry of " + "Very Long Names " * 8)
    out = render_table(document(sources=[long_name, document().sources[1]]), width=width)
    assert max(map(len, out.splitlines())) <= width
    assert "Names" in out  # wrapped, not dropped


def test_width_defaults_to_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    out = render_table(document())
    assert max(map(len, out.splitlines())) <= 50


def test_terminal_escapes_from_the_article_are_shown_not_obeyed():
    hostile = "\x1b]0;pwned\x07\x1b[2J Officials\u202e said \x9b1m"
    assert escape_controls(hostile) == "\\x1b]0;pwned\\x07\\x1b[2J Officials\\u202e said \\x9b1m"
    assert escape_controls("a\nb") == "a\nb" and escape_controls("a\nb", keep_newlines=False) == "a\\x0ab"
    text = "\x1b]0;title\x07\x1b[2JThe ministry said it was over."
    doc = AttributedDocument(
        id="evil\x1b[31m",
        text=text,
        sources=[Source(id="s1", kind="organization", name="Min\nistry\x1b[2J")],
        claims=[Claim(id="c1", source="s1", content=Span.of(text, 0, len(text)), mode="indirect")],
    )
    out = render_table(doc, width=80)
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;title\\x07\\x1b[2J" in out and "== evil\\x1b[31m ==" in out
    assert doc.sources[0].label == "Min istry\x1b[2J"  # whitespace folded; escaped when printed


def test_extract_table_output_holds_no_raw_escape_sequences(tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text(
        "\x1b]0;owned\x07\x1b[2J\u201cWe are confident,\u201d one of the officials said. The CIA declined to comment.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "attribution", "extract", str(article), "--format", "table"],
        capture_output=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
    assert b"\\x1b]0;owned\\x07" in done.stdout


def test_validate_messages_are_escaped_too(tmp_path, capsys):
    path = tmp_path / "doc.json"
    path.write_text('{"schema_version": "1.0", "id": "d", "text": "", "\\u001b[2J": 1}', encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "/\\x1b[2J" in err


def test_fit_and_clip():
    assert fit("short", 10) == ["short"]
    assert fit("  one two three four", 14) == ["  one two", "       three", "       four"]
    assert clip("a  b\nc", 10) == "a b c"
