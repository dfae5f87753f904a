"""A property: ``attribution validate`` on random JSON Lines reports every bad line and
counts every good document exactly once, whatever else the stream holds."""

import contextlib
import io
import json
import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.cli import main
from attribution.model import AttributedDocument, Claim, Source, Span
from attribution.serialize import iter_documents, to_json

TEXT = "Ann said the vote was close."


def good(doc_id: str) -> str:
    return to_json(
        AttributedDocument(
            id=doc_id,
            text=TEXT,
            sources=[Source(id="ann", kind="person", name="Ann", mentions=[Span.of(TEXT, 0, 3)])],
            claims=[Claim(id="c1", source="ann", content=Span.of(TEXT, 9, 27), mode="indirect")],
        )
    )


def with_metadata(line: str, raw: str) -> str:
    assert line.endswith('"metadata": {}}')
    return line[: -len("{}}")] + raw + "}"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["schema_version", "id", "claims", "x"]) | st.text(max_size=4), inner, max_size=4),
    max_leaves=10,
)

ids = st.integers(0, 10**6).map(lambda i: f"doc-{i}")

#: (kind, bytes of the line): "good" lines are valid documents; "unreadable" ones are
#: reported in exactly one line; "invalid" ones in one line or more.
lines = st.one_of(
    ids.map(lambda i: ("good", good(i).encode())),
    ids.map(lambda i: ("good", good(i).encode() + b"\r")),  # CRLF line ends
    json_values.filter(lambda v: not (isinstance(v, dict) and "text" in v)).map(
        lambda v: ("invalid", json.dumps(v).encode())
    ),
    st.tuples(ids, st.integers(1, 200)).map(lambda t: ("unreadable", good(t[0]).encode()[: t[1]])),  # cut short
    st.integers(1_000, 50_000).map(lambda n: ("unreadable", b"[" * n + b"]" * n)),  # nested too deeply
    st.integers(1_000, 50_000).map(lambda n: ("unreadable", b"[" * n)),  # deep and unclosed
    st.sampled_from([b"1" * 5000, b"1e999", b"-1e400", b"NaN", b"\xff\xfe", b"{", b"]"]).map(lambda b: ("unreadable", b)),
    ids.map(lambda i: ("unreadable", with_metadata(good(i), '{"x": 1e999}').encode())),
    ids.map(lambda i: ("unreadable", with_metadata(good(i), '{"x": "\\ud800"}').encode())),
    ids.map(lambda i: ("unreadable", with_metadata(good(i), '{"x": 1, "x": 2}').encode())),
    ids.map(lambda i: ("unreadable", good(i).replace(TEXT, "Ann \\udc80").encode())),
    st.just(("blank", b"")),
    st.just(("blank", b"   \t")),
)

REPORT = re.compile(r"^<stdin>:(\d+): /.*\[[A-Za-z0-9-]+\]$")


def run_validate(data: bytes, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", *args, "-"])
    finally:
        sys.stdin = stdin
    return code, out.getvalue(), err.getvalue()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(lines, min_size=1, max_size=25))
def test_every_bad_line_reported_every_good_document_once(records):
    data = b"".join(line + b"\n" for _, line in records)
    kinds = {number: kind for number, (kind, _) in enumerate(records, start=1)}
    good_lines = [n for n, k in kinds.items() if k == "good"]
    bad_lines = [n for n, k in kinds.items() if k in ("invalid", "unreadable")]

    code, out, err = run_validate(data, "--format", "jsonl")
    if good_lines or bad_lines:
        assert out == f"<stdin>: {len(good_lines)} valid, {len(bad_lines)} invalid\n"
        assert code == (1 if bad_lines else 0)
    else:  # only blank lines: no documents at all
        assert (code, out) == (1, "<stdin>: 0 valid, 1 invalid\n")
        return
    reported: dict[int, int] = {}
    for line in err.splitlines():
        match = REPORT.match(line)
        assert match, line
        reported[int(match.group(1))] = reported.get(int(match.group(1)), 0) + 1
    assert sorted(reported) == bad_lines
    assert all(reported[n] == 1 for n in bad_lines if kinds[n] == "unreadable")

    documents = [(r.line, r.document.id) for r in iter_documents(io.BytesIO(data), format="jsonl") if r.ok]
    assert documents == [(n, json.loads(records[n - 1][1])["id"]) for n in good_lines]

    # Recognised by content: the same answer when one of the first lines is a document.
    head = [n for n, (kind, _) in enumerate(records, start=1) if kind != "blank"][:8]
    if any(kinds[n] == "good" for n in head):
        assert run_validate(data) == (code, out, err)
