"""The packaged JSON Schemas, and validation of attributed-document JSON.

The schema files in ``schemas/`` (``attributed-document-<version>.json``, draft 2020-12)
are loaded at import into a crawled :class:`referencing.Registry`, as
``jsonschema_specifications`` does. In a wheel they live in ``attribution/schemas``; in
an editable install they are read from the repository's ``schemas/`` beside ``src/``.

:func:`validate` checks data against the schema and then against the invariants JSON
Schema cannot express (ids are unique, references resolve, spans lie inside the text),
and reports every problem with its JSON pointer and the rule broken.

Example:
    >>> from attribution.schema import iter_problems
    >>> [p.rule for p in iter_problems({"schema_version": "1.1", "id": "d"})]
    ['required']
"""

from __future__ import annotations  # jsonschema's names in annotations: imported lazily

import functools
import importlib.resources
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cattrs
import referencing
import referencing.jsonschema
from cattrs.errors import AttributeValidationNote, IterableValidationNote

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from . import jsonvalue, model
from .errors import InputError, InvariantError, Problem, SchemaValidationError
from .converter import converter

__all__ = [
    "REGISTRY",
    "SCHEMA",
    "SCHEMA_ID",
    "VERSIONS",
    "iter_problems",
    "load_schema",
    "schema_path",
    "validate",
]

_FILE_PATTERN = re.compile(r"attributed-document-(\d+\.\d+)\.json")
_MESSAGE_LIMIT = 80


def _schema_dir() -> Path:
    """The folder holding the schema files: in the package, else beside ``src/``."""
    expected = f"attributed-document-{model.SCHEMA_VERSION}.json"
    packaged = importlib.resources.files("attribution") / "schemas"
    if packaged.joinpath(expected).is_file():
        return Path(str(packaged))
    repository = Path(__file__).resolve().parents[2] / "schemas"
    if (repository / expected).is_file():
        return repository
    raise FileNotFoundError(
        f"attribution's schema {expected} is missing: looked in {packaged} and {repository}; "
        "reinstall the package"
    )


def _load_all() -> tuple[dict[str, dict[str, Any]], dict[str, Path]]:
    schemas: dict[str, dict[str, Any]] = {}
    paths: dict[str, Path] = {}
    for path in sorted(_schema_dir().iterdir()):
        match = _FILE_PATTERN.fullmatch(path.name)
        if match:
            schemas[match.group(1)] = json.loads(path.read_text(encoding="utf-8"))
            paths[match.group(1)] = path
    return schemas, paths


_SCHEMAS, _PATHS = _load_all()

#: The schema versions this release can read, oldest first.
VERSIONS: tuple[str, ...] = tuple(sorted(_SCHEMAS, key=lambda v: tuple(map(int, v.split(".")))))

#: Every packaged schema, by its ``$id``, crawled so references between them resolve.
REGISTRY: referencing.Registry = referencing.Registry().with_resources(
    (schema["$id"], referencing.jsonschema.DRAFT202012.create_resource(schema))
    for schema in _SCHEMAS.values()
).crawl()

#: The schema of the version this release writes (:data:`attribution.model.SCHEMA_VERSION`).
SCHEMA: dict[str, Any] = _SCHEMAS[model.SCHEMA_VERSION]

#: The ``$id`` of :data:`SCHEMA`.
SCHEMA_ID: str = SCHEMA["$id"]



# Two validators per schema version, each built on first use. The reference is
# python-jsonschema: every problem reported comes from it. jsonschema-rs, when installed,
# answers first whether a document is valid at all (about 200 times faster); only a
# document it rejects, or a value it cannot take, goes on to the reference validator.
# Importing jsonschema is left to the first document that needs it (a valid corpus
# never does).


@functools.cache
def _reference_validator(version: str) -> Draft202012Validator:
    """python-jsonschema's validator for the schema of ``version``, with format checks."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        _SCHEMAS[version], registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def _fast_validator(version: str) -> Any:
    """jsonschema-rs's validator for the schema of ``version``, or None without it."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.Draft202012Validator(_SCHEMAS[version], validate_formats=True)


def _fast_says_valid(obj: Any, version: str) -> bool:
    """True when jsonschema-rs is installed and accepts ``obj``; never raises."""
    validator = _fast_validator(version)
    if validator is None:
        return False
    try:
        return bool(validator.is_valid(obj))
    except Exception:  # a value it cannot convert (a lone surrogate, a huge integer, ...)
        return False


def load_schema(version: str = model.SCHEMA_VERSION) -> dict[str, Any]:
    """The attributed-document schema of ``version``, as a new dict.

    Args:
        version: A schema version, one of :data:`VERSIONS`.

    Raises:
        attribution.errors.InputError: No schema of that version ships with this release.
    """
    if version not in _SCHEMAS:
        raise InputError(
            f"unknown schema version {version!r}; available: {', '.join(VERSIONS)}"
        )
    return json.loads(json.dumps(_SCHEMAS[version]))


def schema_path(version: str = model.SCHEMA_VERSION) -> Path:
    """The file the schema of ``version`` was loaded from.

    Raises:
        attribution.errors.InputError: No schema of that version ships with this release.
    """
    if version not in _PATHS:
        raise InputError(f"unknown schema version {version!r}; available: {', '.join(VERSIONS)}")
    return _PATHS[version]


# -- problems --------------------------------------------------------------------------


def _clip(value: Any, limit: int = _MESSAGE_LIMIT) -> str:
    """A short ``repr`` of ``value`` for messages, safe for huge or deep values."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # ints with > 4300 digits, deep nesting
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shorten(text: str, limit: int = 160) -> str:
    """``text`` clipped to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _escape(segment: Any) -> str:
    return str(segment).replace("~", "~0").replace("/", "~1")


def _pointer(path: Any) -> str:
    return "".join("/" + _escape(segment) for segment in path)


def _sort_key(problem: Problem) -> tuple[Any, ...]:
    segments = problem.pointer.split("/")[1:]
    return tuple(
        (0, int(s), "") if s.isascii() and s.isdigit() and len(s) < 19 else (1, 0, s)
        for s in segments
    )


def _type_name(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    if isinstance(value, bool) or value is None:
        return names[type(value)]
    if isinstance(value, int | float):
        return "number"
    return names.get(type(value), type(value).__name__)


def _branch_errors(error: ValidationError) -> list[ValidationError] | None:
    """For a failed ``anyOf``/``oneOf``, the errors of the one branch of the right type."""
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        errors
        for errors in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errors)
    ]
    return fitting[0] if len(fitting) == 1 else None


def _messages(error: ValidationError) -> list[tuple[str, str]]:
    """The rule and a short message of each problem one leaf schema error stands for."""
    keyword, expected, instance = error.validator, error.validator_value, error.instance
    if "then" in error.absolute_schema_path and "title" in error.schema:
        return [(error.schema["title"], error.schema["description"])]
    if keyword == "type":
        wanted = expected if isinstance(expected, str) else " or ".join(expected)
        shown = "" if instance is None else f" {_clip(instance, 40)}"  # not "got null None"
        return [(keyword, f"expected {wanted}, got {_type_name(instance)}{shown}")]
    if keyword == "required":  # jsonschema reports each missing name; we report them at once
        missing = [name for name in expected if isinstance(instance, dict) and name not in instance]
        found = []
        if not error.absolute_path and "schema_version" in missing:
            missing.remove("schema_version")
            supported = ", ".join(map(repr, VERSIONS))
            message = f"missing schema_version (this release reads {supported})"
            found.append(("schema-version", message))
        if missing:
            found.append((keyword, f"missing required property {', '.join(map(repr, missing))}"))
        return found
    if keyword in ("enum", "const"):
        choices = expected if keyword == "enum" else [expected]
        return [(keyword, f"{_clip(instance, 40)} is not one of: {', '.join(map(str, choices))}")]
    if keyword in ("minimum", "maximum"):
        side = "less than the minimum" if keyword == "minimum" else "more than the maximum"
        return [(keyword, f"{_clip(instance, 40)} is {side} {expected}")]
    if keyword == "minLength":
        return [(keyword, f"must have at least {expected} character(s), got {_clip(instance, 40)}")]
    if keyword == "minItems":
        return [(keyword, f"must have at least {expected} item(s), got none")]
    return [(keyword, _shorten(error.message))]


def _schema_problems(error: ValidationError) -> Iterator[Problem]:
    if error.validator in ("anyOf", "oneOf"):
        branch = _branch_errors(error)
        if branch is not None:
            for sub in branch:
                yield from _schema_problems(sub)
            return
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        newer = _newer_properties(error.schema)
        for name in error.instance:
            if name not in allowed:
                hint = f"; {name} needs schema_version {newer[name]}" if name in newer else ""
                yield Problem(
                    pointer=_pointer([*path, name]),
                    message=f"unknown property {_clip(name, 40)} (allowed: {', '.join(allowed)}{hint})",
                    rule="additionalProperties",
                )
        return
    for rule, message in _messages(error):
        yield Problem(pointer=_pointer(path), message=message, rule=rule)


def _newer_properties(definition: dict[str, Any]) -> dict[str, str]:
    """Properties that a later version adds to ``definition``, with the version adding them.

    A definition is matched across versions by its description, which versions keep.
    """
    found: dict[str, str] = {}
    known = set(definition.get("properties", {}))
    for version in VERSIONS:
        for other in _SCHEMAS[version]["$defs"].values():
            if other is not definition and other.get("description") == definition.get("description"):
                for name in other.get("properties", {}):
                    if name not in known and name not in found:
                        found[name] = version
    return found


def _version_problem(obj: Any) -> Problem | None:
    """A problem when ``obj`` names a schema version this release cannot read."""
    if not isinstance(obj, dict) or "schema_version" not in obj:
        return None
    version = obj["schema_version"]
    supported = ", ".join(map(repr, VERSIONS))
    if not isinstance(version, str):
        got = f"{_type_name(version)} {_clip(version, 40)}"
        message = f"schema_version must be a string ({supported}), got {got}"
    elif version not in _SCHEMAS:
        message = f"unsupported schema_version {_clip(version, 40)} (this release reads {supported})"
    else:
        return None
    return Problem(pointer="/schema_version", message=message, rule="schema-version")


def _large_int_pointer(obj: Any) -> str:
    """The pointer of the first integer too long to print, or ``""``."""
    stack: list[tuple[str, Any]] = [("", obj)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 14_000:
            return pointer
        if isinstance(value, dict):
            stack.extend((f"{pointer}/{_escape(k)}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(value))
    return ""


def _iter_schema_problems(obj: Any, *, plain_json: bool = False) -> Iterator[Problem]:
    not_json = [] if plain_json else list(jsonvalue.iter_problems(obj))
    if not_json:  # what JSON cannot hold (or to_json cannot write) is reported alone
        yield from not_json
        return
    unsupported = _version_problem(obj)
    if unsupported is not None:  # the rest cannot be judged without the right schema
        yield unsupported
        return
    version = obj.get("schema_version") if isinstance(obj, dict) else None
    if version not in _SCHEMAS:
        version = model.SCHEMA_VERSION
    if _fast_says_valid(obj, version):
        return
    validator = _reference_validator(version)
    try:
        found = (p for error in validator.iter_errors(obj) for p in _schema_problems(error))
        problems = list(dict.fromkeys(found))  # without duplicates, in order
    except RecursionError:
        problems = [Problem(pointer="", message="nested too deeply to validate", rule="depth")]
    except ValueError:  # printing an integer with more than 4300 digits
        problems = [
            Problem(
                pointer=_large_int_pointer(obj), message="integer too large", rule="maximum"
            )
        ]
    yield from sorted(problems, key=_sort_key)


# -- structuring and invariants --------------------------------------------------------


def _structure_problems(error: BaseException, path: list[Any]) -> Iterator[Problem]:
    if isinstance(error, InvariantError):
        for problem in error.problems:
            yield _prefixed(problem, _pointer(path))
        return
    if isinstance(error, cattrs.BaseValidationError):
        with_notes, without_notes = error.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                yield from _structure_problems(sub, [*path, note.name])
            elif isinstance(note, IterableValidationNote):
                yield from _structure_problems(sub, [*path, note.index])
        for sub in without_notes:
            yield from _structure_problems(sub, path)
        return
    yield Problem(pointer=_pointer(path), message=_shorten(str(error)), rule="model")


def _prefixed(problem: Problem, prefix: str) -> Problem:
    return Problem(pointer=prefix + problem.pointer, message=_shorten(problem.message), rule=problem.rule)


def _structure(obj: Any) -> tuple[model.AttributedDocument | None, list[Problem]]:
    try:
        return converter.structure(obj, model.AttributedDocument), []
    except RecursionError:
        return None, [Problem(pointer="", message="nested too deeply to build", rule="depth")]
    except (ValueError, TypeError, KeyError, cattrs.BaseValidationError) as error:
        problems = list(_structure_problems(error, []))
        return None, sorted(problems, key=_sort_key)


# -- public API ------------------------------------------------------------------------


def iter_problems(obj: Any) -> Iterator[Problem]:
    """Every problem of ``obj`` as an attributed document.

    First what is not plain JSON, if anything, reported alone: a number that is not
    finite, a lone surrogate, a repeated key (as read by
    :func:`attribution.serialize.parse_json`), a set, bytes or other non-JSON value,
    a cycle (see :func:`attribution.jsonvalue.iter_problems`). Then the schema
    problems, ordered by pointer (a ``schema_version`` this release cannot read is
    reported alone). Only when there are none is the data built into
    models, and then what the models reject (a span whose text is not its length, a
    rebuttal of its own claim, dangling references, spans outside the text, duplicate
    ids, cycles) is reported, also with pointers. Never raises for any JSON value.

    Args:
        obj: Parsed JSON (``json.loads`` output): any value.

    Yields:
        Each problem, with its JSON pointer and the rule broken.
    """
    schema_problems = list(_iter_schema_problems(obj))
    if schema_problems:
        yield from schema_problems
        return
    yield from _structure(obj)[1]


def validate(obj: Any, *, plain_json: bool = False) -> model.AttributedDocument:
    """Check ``obj`` against the schema and the document invariants, and build it.

    Args:
        obj: Parsed JSON (``json.loads`` output) or data built in Python: any value.
        plain_json: True when ``obj`` comes from
            :func:`attribution.serialize.parse_json`, which has already rejected
            what is not plain JSON (infinite numbers, repeated keys, lone
            surrogates): that walk over the value is then skipped.

    Returns:
        The document ``obj`` describes.

    Raises:
        attribution.errors.SchemaValidationError: ``obj`` is not a valid attributed
            document; ``problems`` lists every problem found (see :func:`iter_problems`).
    """
    schema_problems = list(_iter_schema_problems(obj, plain_json=plain_json))
    if schema_problems:
        raise SchemaValidationError(schema_problems)
    document, problems = _structure(obj)
    if document is None:
        raise SchemaValidationError(problems)
    return document
