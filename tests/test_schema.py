"""The packaged JSON Schema, its agreement with the models, and attribution.schema.validate."""

import copy
import enum
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import attrs
import cattrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import attribution
from attribution import model, schema
from attribution.errors import InputError, InvariantError, Problem, SchemaValidationError
from attribution.serialize import from_dict, to_dict
from attribution.testing import strategies as ats

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "schemas" / f"attributed-document-{model.SCHEMA_VERSION}.json"
DEFS = schema.SCHEMA["$defs"]
#: $defs entries that are building blocks, not models or enums.
HELPERS = {"Id", "OptionalId", "OptionalText", "OptionalSpan", "Confidence"}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["1.0", "2.0", "direct", "group", "", "schema_version"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.sampled_from(["schema_version", "id", "text", "sources", "claims", "start", "end", "mode", "x"])
        | st.text(max_size=5),
        inner,
        max_size=5,
    ),
    max_leaves=20,
)


def minimal(**changes: object) -> dict:
    data = {"schema_version": model.SCHEMA_VERSION, "id": "d", "text": "Bob said hi."}
    data.update(changes)
    return data


def problems_of(obj: object) -> list[tuple[str, str]]:
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(obj)
    return [(p.pointer, p.rule) for p in info.value.problems]


# -- the schema file -------------------------------------------------------------------


def test_schema_file_is_the_loaded_schema_and_is_versioned():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == schema.SCHEMA
    assert schema.SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.SCHEMA_ID == f"urn:attribution:schema:attributed-document:{model.SCHEMA_VERSION}"
    assert DEFS["AttributedDocument"]["properties"]["schema_version"] == {
        "description": "The version of this JSON form.",
        "const": model.SCHEMA_VERSION,
    }
    assert schema.VERSIONS == model.READABLE_VERSIONS
    assert schema.VERSIONS[-1] == model.SCHEMA_VERSION
    assert schema.REGISTRY.contents(schema.SCHEMA_ID) == schema.SCHEMA


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(schema.SCHEMA)


KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$dynamicRef", "$dynamicAnchor",
    "$vocabulary", "title", "description", "default", "examples", "deprecated", "readOnly",
    "writeOnly", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
    "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems",
    "items", "contains", "properties", "patternProperties", "additionalProperties",
    "propertyNames", "unevaluatedItems", "unevaluatedProperties", "format", "contentEncoding",
    "contentMediaType", "contentSchema",
}  # fmt: skip


def unknown_keywords(node: object, pointer: str = "") -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in KEYWORDS:
                found.append(f"{pointer}/{key}")
            if key in ("properties", "$defs", "patternProperties", "dependentSchemas"):
                for name, sub in value.items():
                    found += unknown_keywords(sub, f"{pointer}/{key}/{name}")
            elif key not in ("enum", "const", "required", "examples", "default", "type"):
                found += unknown_keywords(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += unknown_keywords(item, f"{pointer}/{i}")
    return found


def test_schema_uses_only_known_keywords():
    assert unknown_keywords(schema.SCHEMA) == [], "unknown JSON Schema 2020-12 keywords (typos?)"


def test_lint_catches_a_misspelt_keyword():
    broken = copy.deepcopy(schema.SCHEMA)
    broken["$defs"]["Span"]["item"] = {}
    assert unknown_keywords(broken) == ["/$defs/Span/item"]


def test_format_checker_rejects_a_bad_date_time():
    validator = Draft202012Validator(
        {"type": "string", "format": "date-time"}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert validator.is_valid("2026-11-27T04:15:00Z")
    assert not validator.is_valid("2026-13-45 nonsense")


MODELS = {
    name: cls
    for name, cls in ((name, getattr(model, name)) for name in model.__all__)
    if isinstance(cls, type) and (attrs.has(cls) or issubclass(cls, enum.Enum))
}


def test_every_model_and_enum_has_a_def():
    missing = sorted(set(MODELS) - set(DEFS))
    assert not missing, f"add $defs for {missing} to {SCHEMA_FILE.name} (a new version if released)"
    unexpected = sorted(set(DEFS) - set(MODELS) - HELPERS)
    assert not unexpected, f"$defs {unexpected} match no class in attribution.model: remove them"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_schema_and_models_do_not_drift(name):
    cls, definition = MODELS[name], DEFS[name]
    if issubclass(cls, enum.Enum):
        values = [member.value for member in cls]
        assert definition["enum"] == values, f"set $defs/{name}/enum to {values} in {SCHEMA_FILE.name}"
        return
    fields = [f.name for f in attrs.fields(cls)]
    assert list(definition["properties"]) == fields, (
        f"$defs/{name}/properties must be the attrs fields of model.{name}, in order: {fields}"
    )
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    if name == "AttributedDocument":
        required.insert(0, "schema_version")
    assert definition.get("required", []) == required, (
        f"$defs/{name}/required must list the fields without a default: {required}"
    )
    assert definition["additionalProperties"] is False


def test_schema_is_read_from_the_repository_in_an_editable_install():
    if not Path(attribution.__file__).resolve().is_relative_to(ROOT / "src"):
        pytest.skip("attribution is installed, not imported from this checkout")
    assert schema.schema_path() == SCHEMA_FILE


def test_load_schema_returns_a_copy_and_rejects_unknown_versions():
    loaded = schema.load_schema()
    loaded["$id"] = "changed"
    assert schema.load_schema()["$id"] == schema.SCHEMA_ID
    with pytest.raises(InputError, match="available: 1.0, 1.1"):
        schema.load_schema("0.9")


@pytest.mark.slow
def test_wheel_ships_the_schema_and_the_lexicons_and_uses_them(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("attribution-*.whl")
    member = f"attribution/schemas/{SCHEMA_FILE.name}"
    lexicons = ROOT / "src" / "attribution" / "extract" / "data"
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(member) == SCHEMA_FILE.read_bytes()
        shipped = set(archive.namelist())
        missing = sorted(p.name for p in lexicons.iterdir() if f"attribution/extract/data/{p.name}" not in shipped)
        assert not missing, f"the wheel lacks these lexicon files: {missing}"
        archive.extractall(tmp_path / "site")
    found = subprocess.run(
        [sys.executable, "-c", "import attribution.schema as s; print(s.schema_path())"],
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": ""},
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(found) == tmp_path / "site" / member


# -- validate --------------------------------------------------------------------------


@given(ats.documents())
def test_model_to_json_to_schema_to_model_is_identity(doc):
    data = json.loads(json.dumps(to_dict(doc)))
    assert list(schema.iter_problems(data)) == []
    assert schema.validate(data) == doc


def test_optional_properties_may_be_omitted():
    data = minimal(claims=[{"id": "c", "content": {"start": 9, "end": 11, "text": "hi"}, "mode": "direct"}])
    doc = schema.validate(data)
    assert doc.claims[0].confidence == 1.0 and doc.claims[0].cue is None and doc.sources == ()


EMPTY = {"start": 0, "end": 0, "text": ""}


def claim(**changes: object) -> dict:
    return {"id": "c", "content": EMPTY, "mode": "direct", **changes}


@pytest.mark.parametrize(
    ("data", "pointer", "rule", "words"),
    [
        (minimal(schema_version="2.0"), "/schema_version", "schema-version", "unsupported schema_version '2.0'"),
        ({"id": "d", "text": "x"}, "", "schema-version", "missing schema_version"),
        (minimal(schema_version=1.0), "/schema_version", "schema-version", "must be a string ('1.0', '1.1'), got number"),
        ([1, 2], "", "type", "expected object, got array"),
        (minimal(extra=1), "/extra", "additionalProperties", "unknown property 'extra'"),
        (minimal(id=""), "/id", "minLength", "at least 1 character"),
        (minimal(claims=[claim(mode="quoted")]), "/claims/0/mode", "enum", "direct, indirect, mixed"),
        (minimal(claims=[claim(confidence=2)]), "/claims/0/confidence", "maximum", "more than the maximum 1"),
        (
            minimal(claims=[claim(cue={"start": -1, "end": 0, "text": ""})]),
            "/claims/0/cue/start",
            "minimum",
            "less than the minimum 0",
        ),
        (
            minimal(sources=[{"id": "s", "anonymous": True, "name": "Bob"}]),
            "/sources/0/name",
            "anonymous-unnamed",
            "no name",
        ),
        (minimal(sources=[{"id": "s", "count": 2}]), "/sources/0", "count-qualifier", "go together"),
        (
            minimal(sources=[{"id": "s", "count": None, "count_qualifier": "exact"}]),
            "/sources/0/count",
            "count-qualifier",
            "go together",
        ),
        (
            minimal(sources=[{"id": "s", "kind": "group", "count": 0, "count_qualifier": "exact"}]),
            "/sources/0/count",
            "minimum",
            "minimum 1",
        ),
        (
            minimal(anonymity_conditions=[{"id": "a", "sources": [], "kind": "other", "evidence": EMPTY}]),
            "/anonymity_conditions/0/sources",
            "minItems",
            "at least 1 item",
        ),
        (
            minimal(claims=[claim(content={"start": 0, "end": 1, "text": "Bo"})]),
            "/claims/0/content/text",
            "span-length",
            "end - start",
        ),
        (
            minimal(claims=[claim(content={"start": 3, "end": 1, "text": ""})]),
            "/claims/0/content/end",
            "span-order",
            "before its start",
        ),
    ],
)
def test_problems_name_pointer_rule_and_what_is_wrong(data, pointer, rule, words):
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(data)
    found = {(p.pointer, p.rule): p.message for p in info.value.problems}
    assert (pointer, rule) in found, info.value.problems
    assert words in found[pointer, rule]


def test_wrong_version_is_the_only_problem_reported():
    assert problems_of({"schema_version": "2.0", "whatever": [1]}) == [("/schema_version", "schema-version")]


def test_problems_are_ordered_by_pointer_numerically():
    claims = [claim(id=f"c{i}") for i in range(12)]
    claims[2]["mode"] = claims[10]["mode"] = "bad"
    pointers = [pointer for pointer, _ in problems_of(minimal(id="", claims=claims))]
    assert pointers == ["/claims/2/mode", "/claims/10/mode", "/id"]


def _deep(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("data", "pointer"),
    [
        (minimal(id=["x" * 100_000]), "/id"),
        (minimal(id=10**5000), "/id"),
        (minimal(id=_deep(500)), "/id"),
        (minimal(schema_version="9" * 100_000), "/schema_version"),
        ({**minimal(), "k" * 100_000: 1}, "/" + "k" * 100_000),
        (minimal(claims=[{"id": "c", "content": {"start": 0, "end": 10**400, "text": ""}, "mode": "direct"}]),
         "/claims/0/content/text"),
    ],
)
def test_huge_values_give_short_messages(data, pointer):
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(data)
    assert [p.pointer for p in info.value.problems] == [pointer]
    assert len(info.value.problems[0].message) < 200


# -- invariant-breaking mutations ------------------------------------------------------


def fresh(taken: set[str], base: str) -> str:
    while base in taken:
        base += "'"
    return base


def ghost(data: dict) -> str:
    """An id no source or claim of ``data`` has."""
    return fresh({item["id"] for key in ("sources", "claims") for item in data[key]}, "ghost")


def first_claim(data: dict) -> str:
    return data["claims"][0]["id"]


def _dangling(collection, field):
    def mutate(data, draw):
        i = draw(st.integers(0, len(data[collection]) - 1))
        data[collection][i][field] = ghost(data)
        return f"/{collection}/{i}/{field}", "dangling-reference"

    return mutate


def _appended(collection, make, field, rule):
    def mutate(data, draw):
        data[collection].append(make(data))
        return f"/{collection}/{len(data[collection]) - 1}/{field}", rule

    return mutate


def _two_cycle(collection, field, extra):
    def mutate(data, draw):
        a = fresh({item["id"] for item in data[collection]}, "cycle-a")
        b = a + "-b"
        n = len(data[collection])
        data[collection] += [{"id": a, field: b, **extra}, {"id": b, field: a, **extra}]
        return f"/{collection}/{n}/{field}", f"{field.replace('_', '-')}-cycle"

    return mutate


def _span_past_end(data, draw):
    i = draw(st.integers(0, len(data["claims"]) - 1))
    length = len(data["text"])
    data["claims"][i].update(content={"start": length, "end": length + 2, "text": "xx"}, content_parts=[])
    return f"/claims/{i}/content", "span-in-text"


def _span_text_differs(data, draw):
    data["text"] = data["text"] or "?"
    i = draw(st.integers(0, len(data["claims"]) - 1))
    wrong = "a" if data["text"][0] != "a" else "b"
    data["claims"][i].update(content={"start": 0, "end": 1, "text": wrong}, content_parts=[])
    return f"/claims/{i}/content/text", "span-text"


def _rebuttal(claim: str, target: str) -> dict:
    return {"id": "mutant", "claim": claim, "target": target, "kind": "denial"}


def _member_of_itself(data: dict) -> dict:
    own = fresh({s["id"] for s in data["sources"]}, "me")
    return {"id": own, "kind": "group", "member_of": own}


MUTATIONS = {
    "dangling claim source": _dangling("claims", "source"),
    "dangling claim parent": _dangling("claims", "parent"),
    "dangling member_of": _dangling("sources", "member_of"),
    "dangling rebuttal target": _appended(
        "rebuttals", lambda d: _rebuttal(first_claim(d), ghost(d)), "target", "dangling-reference"
    ),
    "dangling rebuttal claim": _appended(
        "rebuttals", lambda d: _rebuttal(ghost(d), first_claim(d)), "claim", "dangling-reference"
    ),
    "dangling anonymity source": _appended(
        "anonymity_conditions",
        lambda d: {"id": "mutant", "sources": [ghost(d)], "kind": "other", "evidence": EMPTY},
        "sources/0",
        "dangling-reference",
    ),
    "dangling non-response source": _appended(
        "non_responses",
        lambda d: {"id": "mutant", "source": ghost(d), "kind": "unavailable", "evidence": EMPTY},
        "source",
        "dangling-reference",
    ),
    "span past the end": _span_past_end,
    "span text is not the slice": _span_text_differs,
    "span ends before it starts": _appended(
        "claims", lambda d: claim(id=ghost(d), cue={"start": 1, "end": 0, "text": ""}), "cue/end", "span-order"
    ),
    "duplicate claim id": _appended("claims", lambda d: copy.deepcopy(d["claims"][-1]), "id", "unique-id"),
    "duplicate source id": _appended("sources", lambda d: {"id": d["sources"][0]["id"]}, "id", "unique-id"),
    "self-rebuttal": _appended(
        "rebuttals", lambda d: _rebuttal(first_claim(d), first_claim(d)), "target", "self-rebuttal"
    ),
    "member_of itself": _appended("sources", _member_of_itself, "member_of", "member-of-cycle"),
    "member_of cycle": _two_cycle("sources", "member_of", {"kind": "group"}),
    "dangling on_behalf_of": _dangling("sources", "on_behalf_of"),
    "on_behalf_of itself": _appended(
        "sources", lambda d: {"id": ghost(d), "on_behalf_of": ghost(d)}, "on_behalf_of", "on-behalf-of-cycle"
    ),
    "on_behalf_of cycle": _two_cycle("sources", "on_behalf_of", {}),
    "parent cycle": _two_cycle("claims", "parent", {"content": EMPTY, "mode": "direct"}),
}


@given(ats.documents(min_sources=1, min_claims=1), st.sampled_from(sorted(MUTATIONS)), st.data())
def test_every_invariant_breaking_mutation_is_rejected_by_models_and_validate(doc, name, data):
    mutated = to_dict(doc)
    pointer, rule = MUTATIONS[name](mutated, data.draw)
    with pytest.raises((InvariantError, cattrs.BaseValidationError)):  # the model constructors
        from_dict(copy.deepcopy(mutated))
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(mutated)
    assert (pointer, rule) in [(p.pointer, p.rule) for p in info.value.problems], info.value.problems
    assert all(0 < len(p.message) < 240 for p in info.value.problems)


# -- robustness ------------------------------------------------------------------------


def _outcome(obj: object) -> object:
    try:
        return schema.validate(obj)
    except SchemaValidationError as error:
        assert error.problems
        assert all(isinstance(p, Problem) and isinstance(p.message, str) for p in error.problems)
        assert all(p.pointer == "" or p.pointer.startswith("/") for p in error.problems)
        return error


@given(json_values)
@example({"schema_version": []})
@example({"²": None, "1" * 30: None, "schema_version": "1.0"})
@example({"schema_version": "1.0", "id": "d", "text": "", "claims": [{"confidence": float("nan")}]})
def test_random_json_never_crashes_validate(obj):
    result = _outcome(obj)
    assert isinstance(result, model.AttributedDocument | SchemaValidationError)
    assert isinstance(result, SchemaValidationError) == bool(list(schema.iter_problems(obj)))


@given(ats.documents(max_sources=2, max_claims=2), st.data(), json_values)
def test_documents_with_a_random_subtree_never_crash_validate(doc, data, replacement):
    root = to_dict(doc)
    node = root
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if not isinstance(node[key], dict | list) or data.draw(st.booleans()):
            node[key] = replacement
            break
        node = node[key]
    _outcome(root)


def test_deeply_nested_input_is_reported_not_raised():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert problems_of(minimal(sources=deep))[0][0] in ("", "/sources")


# -- older versions --------------------------------------------------------------------

FROZEN_1_0_SHA256 = "4b40ac275037c15370ac63c14d09fd2794cf172772574925e4abd4d6edcb3e5e"


def test_released_schema_files_are_frozen():
    import hashlib

    frozen = ROOT / "schemas" / "attributed-document-1.0.json"
    assert hashlib.sha256(frozen.read_bytes()).hexdigest() == FROZEN_1_0_SHA256, (
        "schemas/attributed-document-1.0.json is released and frozen: put changes in a new version"
    )


def test_each_version_only_adds_optional_properties_to_the_last():
    for older, newer in zip(schema.VERSIONS, schema.VERSIONS[1:]):
        old_defs, new_defs = schema.load_schema(older)["$defs"], schema.load_schema(newer)["$defs"]
        assert set(old_defs) <= set(new_defs)
        for name, definition in old_defs.items():
            old_props = list(definition.get("properties", {}))
            new_props = list(new_defs[name].get("properties", {}))
            assert new_props[: len(old_props)] == old_props, name
            assert definition.get("required") == new_defs[name].get("required"), name


def test_a_1_0_document_is_read_as_the_current_version_and_written_as_it():
    data = minimal(schema_version="1.0", sources=[{"id": "s", "kind": "person", "name": "Bob"}])
    document = schema.validate(data)
    assert document.schema_version == model.SCHEMA_VERSION == "1.1"
    assert document.source("s").on_behalf_of is None
    written = to_dict(document)
    assert written["schema_version"] == "1.1" and written["sources"][0]["on_behalf_of"] is None
    assert schema.validate(written) == document
    assert from_dict(data) == document


def test_on_behalf_of_is_rejected_in_a_1_0_document_with_a_hint():
    data = minimal(
        schema_version="1.0",
        sources=[{"id": "a", "name": "Hargrove"}, {"id": "b", "on_behalf_of": "a"}],
    )
    (problem,) = [p for p in _problems(data) if p.pointer == "/sources/1/on_behalf_of"]
    assert problem.rule == "additionalProperties"
    assert "on_behalf_of needs schema_version 1.1" in problem.message
    data["schema_version"] = "1.1"
    assert schema.validate(data).source("b").on_behalf_of == "a"


def _problems(obj: object) -> list[Problem]:
    with pytest.raises(SchemaValidationError) as info:
        schema.validate(obj)
    return list(info.value.problems)


def test_the_reference_example_still_declares_1_0_and_validates():
    data = json.loads((ROOT / "examples" / "cipher_brief_pakistan.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == "1.0"
    assert schema.validate(data).schema_version == model.SCHEMA_VERSION
