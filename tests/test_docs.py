"""The documentation builds with warnings as errors, and its generated parts are complete."""

import html
import importlib
import importlib.util
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schemas" / "attributed-document-1.1.json"


def _text(path: Path) -> str:
    """The visible text of a built page."""
    page = path.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", page[page.find("<article") :]))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(out)},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.mark.slow
def test_every_page_in_the_nav_is_built(site):
    pages = ["index", "quickstart", "tutorial", "models", "schema", "views", "linked-data", "cli", "plugins", "api"]
    for page in [*pages, "benchmarks", "tables", "corpus-questions"]:
        built = site / ("index.html" if page == "index" else f"{page}/index.html")
        assert built.is_file(), page


@pytest.mark.slow
def test_schema_reference_covers_every_definition_and_property(site):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    text = _text(site / "schema" / "index.html")
    assert schema["$id"] in text
    for name, definition in schema["$defs"].items():
        assert re.search(rf"^{name}¶?$", text, re.MULTILINE), name
        for field in definition.get("properties", {}):
            assert field in text, f"{name}.{field}"
        for value in definition.get("enum", []):
            assert json.dumps(value) in text, f"{name}: {value}"
    assert "schema-reference:" not in text


@pytest.mark.slow
def test_cli_reference_shows_every_subcommand(site):
    from attribution.cli import build_parser

    text = _text(site / "cli" / "index.html")
    subcommands = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction").choices
    assert {"extract", "validate", "schema", "plugins"} <= set(subcommands)
    for name in subcommands:
        assert f"usage: attribution {name}" in text, name
    assert "cli-reference" not in text


@pytest.mark.slow
def test_tables_reference_lists_every_column_with_its_type(site):
    from attribution.tables import COLUMNS

    text = _text(site / "tables" / "index.html")
    assert "tables-reference" not in text
    for table, columns in COLUMNS.items():
        section = text[text.index(f"{table}¶") :]
        for column in columns:
            assert re.search(rf"^{column.name}\s+{column.type}\s", section, re.MULTILINE), f"{table}.{column.name}"


@pytest.mark.slow
def test_api_reference_documents_the_plugin_api(site):
    page = (site / "api" / "index.html").read_text(encoding="utf-8")
    for anchor in [
        "attribution.extract.registry.list_plugins",
        "attribution.extract.lexicon.lexicon_from_file",
        "attribution.extract.base.Extractor",
        "attribution.extract.registry.build_steps",
        "attribution.extract.lexicon.LexiconPatch",
        "attribution.model.Claim",
    ]:
        assert f'id="{anchor}"' in page, anchor


def _hook(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_hook_renders_types_requirements_and_constraints():
    render = _hook("schema_reference").render
    text = render(
        {
            "$id": "urn:test",
            "$defs": {
                "Thing": {
                    "description": "A thing.",
                    "type": "object",
                    "properties": {
                        "id": {"$ref": "#/$defs/Id"},
                        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        "kind": {"anyOf": [{"$ref": "#/$defs/Kind"}, {"type": "null"}], "description": "a | b"},
                    },
                    "required": ["id"],
                    "additionalProperties": False,
                },
                "Id": {"type": "string", "minLength": 1},
                "Kind": {"enum": ["a", "b"]},
            },
        }
    )
    assert "| `id` | [`Id`](#id) | yes |  |" in text
    assert "| `tags` | array of `string` | no | minItems 1 |" in text
    assert "| `kind` | [`Kind`](#kind) or `null` | no | a \\| b |" in text
    assert "No other fields are allowed." in text
    assert 'One of: `"a"`, `"b"`.' in text
    assert "Type: `string`; minLength 1." in text


OWNED = [
    "attribution.plugins",
    "attribution.extract.base",
    "attribution.extract.registry",
    "attribution.extract.lexicon",
    "attribution.cli.plugins",
]


@pytest.mark.parametrize("module_name", OWNED)
def test_public_names_have_docstrings(module_name):
    module = importlib.import_module(module_name)
    assert module.__doc__
    missing = []
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            if not inspect.getdoc(obj):
                missing.append(name)
            if inspect.isclass(obj):
                for member, value in vars(obj).items():
                    if not member.startswith("_") and (inspect.isfunction(value) or isinstance(value, property)):
                        if not inspect.getdoc(value):
                            missing.append(f"{name}.{member}")
    assert not missing, f"{module_name}: no docstring on {missing}"
