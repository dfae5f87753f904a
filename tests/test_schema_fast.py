"""The jsonschema-rs fast path gives the reference validator's answers, and stays lazy.

attribution.schema asks jsonschema-rs first whether a document is valid and falls back
to python-jsonschema (the reference) for everything else. These tests check, on valid
documents and on broken ones, that the two accept and reject the same documents and that
the problems reported are the same with and without the fast path.
"""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution import model, schema
from attribution.serialize import to_dict
from attribution.testing import strategies as ats

jsonschema_rs = pytest.importorskip("jsonschema_rs")

REFERENCE = schema._reference_validator(model.SCHEMA_VERSION)
FAST = schema._fast_validator(model.SCHEMA_VERSION)

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=6)
    | st.sampled_from(["", "1.0", "direct", "indirect", "person", "unknown", -1, 0, 1.0, 1.5, True]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def slots(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (dict keys and list indices)."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += slots(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += slots(value, (*path, index))
    return found


def break_one(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with one value replaced, one key removed, or one key added."""
    data = json.loads(json.dumps(data))
    path = draw(st.sampled_from(slots(data)))
    if not path:
        return draw(values)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "remove" and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == "add" and isinstance(parent[path[-1]], dict):
        parent[path[-1]][draw(st.text(max_size=6))] = draw(values)
    else:
        parent[path[-1]] = draw(values)
    return data


def reference_problems(obj: Any) -> list[Any]:
    with mock.patch.object(schema, "_fast_says_valid", return_value=False):
        return list(schema.iter_problems(obj))


def assert_same_answers(obj: Any) -> None:
    try:
        reference_valid = REFERENCE.is_valid(obj)
    except ValueError:  # an integer too long to print in the reference's message
        reference_valid = False
    try:
        fast_valid = FAST.is_valid(obj)
    except Exception:  # a value jsonschema-rs cannot take: the reference answers alone
        fast_valid = None
    if fast_valid is not None:
        assert fast_valid == reference_valid
    assert list(schema.iter_problems(obj)) == reference_problems(obj)


@settings(max_examples=30)  # each example validates seven documents, twice over
@given(ats.documents(), st.data())
def test_both_accept_documents_and_agree_on_their_breakages(
    document: model.AttributedDocument, data: st.DataObject
) -> None:
    valid = to_dict(document)
    assert FAST.is_valid(valid)
    assert REFERENCE.is_valid(valid)
    assert list(schema.iter_problems(valid)) == [] == reference_problems(valid)
    for _ in range(3):
        assert_same_answers(break_one(data.draw, valid))


def minimal(**changes: Any) -> dict[str, Any]:
    return {"schema_version": "1.0", "id": "d", "text": "Bob said hi."} | changes


SPAN = {"start": 0, "end": 3, "text": "Bob"}


@pytest.mark.parametrize(
    "data",
    [
        minimal(),
        minimal(id=""),
        minimal(id="\ud800"),  # a lone surrogate, as json.loads gives for "\ud800"
        minimal(text="\ud800"),
        minimal(metadata={"big": 10**400}),
        minimal(metadata={"nan": float("nan"), "inf": float("inf")}),
        minimal(sources=[{"id": "s", "name": "Bob", "mentions": [SPAN | {"start": 10**30}]}]),
        minimal(sources=[{"id": "s", "name": "Bob", "mentions": [SPAN | {"start": 1.0}]}]),
        minimal(sources=[{"id": "s", "name": "Bob", "mentions": [SPAN | {"start": True}]}]),
        minimal(sources=[{"id": "s", "name": "Bob", "mentions": [SPAN | {"start": -0.0}]}]),
        minimal(sources=[{"id": "s", "name": "Bob", "kind": "robot"}]),
        minimal(sources=[{"id": "s", "name": "Bob", "confidence": 1.0000001}]),
        minimal(sources=[{"id": "s", "name": "Bob", "nickname": "B"}]),
        minimal(metadata=json.loads("[" * 500 + "]" * 500)),
        minimal(metadata={"deep": json.loads("[" * 500 + "]" * 500)}),
        minimal(schema_version="9.9"),
        minimal(schema_version=1.0),
        [],
        "document",
        None,
    ],
    ids=lambda data: json.dumps(data, default=str)[:40],
)
def test_both_agree_on_edge_cases(data: Any) -> None:
    assert_same_answers(data)


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "cipher_brief_pakistan.json"


def test_the_example_document_and_its_breakages_agree() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert_same_answers(data)
    for path in slots(data)[1::40]:
        broken = json.loads(json.dumps(data))
        parent = broken
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = {"x": None}
        assert_same_answers(broken)


CHECK_IMPORTS = """
import json, sys
from attribution.schema import iter_problems
good = {"schema_version": "1.0", "id": "d", "text": "Bob said hi."}
assert list(iter_problems(good)) == []
before = "jsonschema" in sys.modules
problems = list(iter_problems({**good, "id": 3}))
print(json.dumps([before, "jsonschema" in sys.modules, [str(p) for p in problems]]))
"""


def test_valid_documents_never_import_jsonschema() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS], capture_output=True, text=True, check=True
    )
    before, after, problems = json.loads(result.stdout)
    assert (before, after) == (False, True)
    assert problems == ["/id: expected string, got number 3"]
