"""JSON and JSON Lines reading and writing through the cattrs converter."""

import io
import json
import subprocess
import sys

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from attribution import serialize
from attribution.errors import InputError, SchemaValidationError
from attribution.model import AttributedDocument, Claim, Source, Span
from attribution.serialize import JsonlRecord, dump_jsonl, from_json, iter_jsonl, to_dict, to_json
from attribution.testing import strategies as ats

TEXT = "Bob said “hi” to Ann."


def sample(doc_id: str = "d") -> AttributedDocument:
    return AttributedDocument(
        id=doc_id,
        text=TEXT,
        sources=[Source(id="bob", kind="person", name="Bob", mentions=[Span.of(TEXT, 0, 3)])],
        claims=[Claim(id="c", source="bob", content=Span.of(TEXT, 10, 12), cue=Span.of(TEXT, 4, 8), mode="direct")],
        metadata={"author": "Ann", "tags": ["x"]},
    )


def test_to_json_writes_every_field_with_nulls():
    data = json.loads(to_json(sample()))
    assert list(data) == [f.name for f in attrs.fields(AttributedDocument)]
    claim = data["claims"][0]
    assert claim["recipient"] is None and claim["content_parts"] == [] and claim["confidence"] == 1.0
    assert data["sources"][0]["descriptors"] == {"role": None, "seniority": None, "affiliation": None, "nationality": None}


def test_to_json_keeps_unicode_and_indents_on_request():
    assert "“hi”" in to_json(sample())
    assert "\n" not in to_json(sample())
    assert to_json(sample(), indent=2).startswith('{\n  "schema_version": "1.1"')


def test_converter_is_our_own():
    assert serialize.converter is not cattrs.global_converter
    assert serialize.make_converter() is not serialize.converter
    with pytest.raises(cattrs.BaseValidationError):
        serialize.from_dict({**to_dict(sample()), "unknown": 1})


@given(ats.documents())
def test_json_round_trip_is_identity(doc):
    assert from_json(to_json(doc)) == doc
    assert from_json(to_json(doc, indent=1).encode("utf-8")) == doc


def test_from_json_accepts_a_byte_order_mark():
    assert from_json("\ufeff".encode() + to_json(sample()).encode()) == sample()


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "empty input"),
        (b" \n\t\n", 1, "empty input"),
        (b'{\n  "id": "d",\n  "text": x\n}', 3, "malformed JSON: Expecting value at line 3 column 11"),
        (b'{\n  "text": "caf\xe9"\n}', 2, "invalid byte 0xe9 at byte offset 16"),
        (b'{"confidence": NaN}', None, "NaN is not valid JSON"),
        (b"1" * 5000, None, "too many digits"),
        (b"[" * 100_000, None, "malformed JSON"),
    ],
)
def test_unreadable_json_raises_input_error_saying_where(data, line, words):
    with pytest.raises(InputError) as info:
        from_json(data, source="doc.json")
    assert words in str(info.value)
    assert info.value.source == "doc.json" and info.value.line == line
    assert str(info.value).startswith("doc.json")


def test_from_json_raises_schema_errors_for_valid_json():
    with pytest.raises(SchemaValidationError) as info:
        from_json('{"schema_version": "0.9", "id": "d", "text": ""}')
    assert info.value.problems[0].pointer == "/schema_version"
    assert isinstance(info.value, ValueError)


# -- JSON Lines ------------------------------------------------------------------------


@given(st.lists(ats.documents(max_sources=2, max_claims=2), max_size=4), st.booleans())
def test_jsonl_round_trip(docs, binary):
    buffer = io.BytesIO() if binary else io.StringIO()
    assert dump_jsonl(iter(docs), buffer) == len(docs)
    buffer.seek(0)
    if not docs:
        with pytest.raises(InputError, match="no JSON Lines records"):
            list(iter_jsonl(buffer))
        return
    records = list(iter_jsonl(buffer))
    assert [r.document for r in records] == docs
    assert [r.line for r in records] == list(range(1, len(docs) + 1))
    assert all(r.ok and r.problems == () for r in records)


def test_jsonl_on_disk_by_path(tmp_path):
    path = tmp_path / "docs.jsonl"
    assert dump_jsonl((sample(str(i)) for i in range(3)), path) == 3
    assert [r.document.id for r in iter_jsonl(path)] == ["0", "1", "2"]
    assert path.read_text(encoding="utf-8").count("\n") == 3


def test_jsonl_reports_bad_lines_and_keeps_good_ones():
    good = to_json(sample()).encode()
    lines = [good, b"", b"{oops", b"   ", b'"caf\xe9"', good.replace(b'"1.1"', b'"7.1"'), good]
    records = list(iter_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), source="in.jsonl"))
    assert [(r.line, r.ok) for r in records] == [(1, True), (3, False), (5, False), (6, False), (7, True)]
    assert records[1].problems[0].rule == "input" and "column 2" in records[1].problems[0].message
    offset = len(good) + 1 + 1 + len(b"{oops\n") + len(b"   \n") + 4
    assert records[2].problems[0].message == f"not UTF-8: invalid byte 0xe9 at byte offset {offset}"
    assert records[3].problems[0].pointer == "/schema_version"
    assert records[4].document == sample()


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_jsonl_without_records_is_an_input_error(content):
    with pytest.raises(InputError, match="no JSON Lines records") as info:
        list(iter_jsonl(io.BytesIO(content), source="empty.jsonl"))
    assert info.value.source == "empty.jsonl"


class OneLineAtATime(io.RawIOBase):
    """A stream of endless JSON Lines that fails if anyone reads it whole."""

    def __init__(self, line: bytes) -> None:
        self.line = line
        self.served = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int = -1) -> bytes:
        self.served += 1
        return self.line

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("iter_jsonl read the whole stream")


def test_iter_jsonl_streams_one_line_at_a_time():
    stream = OneLineAtATime(to_json(sample()).encode() + b"\n")
    records = iter_jsonl(stream)
    first, second = next(records), next(records)
    assert (first.line, second.line) == (1, 2)
    assert stream.served == 2


def test_jsonl_record_is_a_frozen_model():
    record = JsonlRecord(line=1, document=None)
    assert not record.ok
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.line = 2  # type: ignore[misc]


def test_lone_surrogates_are_written_escaped_and_rejected_on_reading():
    text = "bad \ud800 text"
    doc = AttributedDocument(id="s", text=text, claims=[Claim(id="c", content=Span.of(text, 4, 5), mode="direct")])
    buffer = io.BytesIO()
    dump_jsonl([doc], buffer)
    assert buffer.getvalue().isascii()  # never invalid UTF-8
    [record] = iter_jsonl(io.BytesIO(buffer.getvalue()))
    assert [(p.pointer, p.rule) for p in record.problems] == [("/text", "surrogate")]
    assert "lone surrogate \\ud800 at character 4" in record.problems[0].message


def test_text_mode_files_work_and_bad_bytes_in_them_are_input_errors(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(to_json(sample()).encode() + b"\n" + b'"caf\xe9"\n')
    with open(path, encoding="utf-8") as file:
        records = iter_jsonl(file)
        with pytest.raises(InputError, match="binary mode"):
            next(records)
    path.write_text(to_json(sample()) + "\n", encoding="utf-8")
    with open(path, encoding="utf-8") as file:
        assert [r.document for r in iter_jsonl(file)] == [sample()]


def test_writing_does_not_import_jsonschema():
    code = "import sys, attribution.serialize; print('jsonschema' in sys.modules, 'spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
