"""MkDocs hook: render the packaged JSON Schemas as reference tables at build time.

A page containing the line ``<!-- schema-reference: schemas/NAME.json -->`` gets, in
its place, the schema's title and description and one section per ``$defs`` entry: a
table of its properties (name, type, required, description), its allowed values, or its
constraints. The path is relative to the directory of ``mkdocs.yml``. Because the tables
are generated from the committed schema on every build, they cannot drift from it.
"""

import json
import re
from pathlib import Path
from typing import Any

_MARKER = re.compile(r"^<!-- schema-reference: (?P<path>\S+) -->$", re.MULTILINE)
_CONSTRAINTS = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "pattern", "format")


def _anchor(name: str) -> str:
    return name.lower()


def _type(schema: dict[str, Any]) -> str:
    """A short, linked description of what a (sub)schema accepts."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[`{name}`](#{_anchor(name)})"
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return " \\| ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(_type(s) for s in schema[key])
    kind = schema.get("type")
    if kind == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if isinstance(kind, list):
        return " or ".join(f"`{k}`" for k in kind)
    if kind:
        return f"`{kind}`"
    return "any"


def _constraints(schema: dict[str, Any]) -> str:
    return ", ".join(f"{key} {json.dumps(schema[key])}" for key in _CONSTRAINTS if key in schema)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(schema: dict[str, Any]) -> str:
    """The Markdown reference for one schema."""
    lines = [f"Schema `{schema.get('$id', '')}` ({schema.get('$schema', '')}).", ""]
    if schema.get("description"):
        lines += [schema["description"], ""]
    if "$ref" in schema:
        lines += [f"The top-level value is {_type(schema)}.", ""]
    for name, definition in schema.get("$defs", {}).items():
        lines += [f"### {name} {{#{_anchor(name)}}}", ""]
        if definition.get("description"):
            lines += [definition["description"], ""]
        properties = definition.get("properties")
        if properties:
            required = set(definition.get("required", ()))
            lines += ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"]
            for field, sub in properties.items():
                described = sub.get("description", "")
                extra = _constraints(sub)
                if extra:
                    described = f"{described} ({extra})" if described else extra
                lines.append(
                    f"| `{field}` | {_cell(_type(sub))} | {'yes' if field in required else 'no'} | {_cell(described)} |"
                )
            lines.append("")
            if definition.get("additionalProperties") is False:
                lines += ["No other fields are allowed.", ""]
            if "allOf" in definition or "if" in definition:
                lines += ["Further conditions apply between fields (see the schema file).", ""]
        elif "enum" in definition:
            lines += ["One of: " + ", ".join(f"`{json.dumps(v)}`" for v in definition["enum"]) + ".", ""]
        else:
            extra = _constraints(definition)
            lines += [f"Type: {_type(definition)}" + (f"; {extra}." if extra else "."), ""]
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace each schema-reference marker with the rendered schema."""
    root = Path(config["config_file_path"]).parent

    def replace(match: re.Match[str]) -> str:
        path = root / match["path"]
        return render(json.loads(path.read_text(encoding="utf-8")))

    return _MARKER.sub(replace, markdown)
