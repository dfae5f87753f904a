"""The library's one cattrs converter.

:func:`make_converter` builds a converter and :func:`configure_converter` registers every
hook in one place (as cattrs' own ``preconf`` modules do); :data:`converter` is the
instance the library uses. Nothing here touches ``cattrs.global_converter``.

An attrs class may name read-only properties in a class variable
``WRITTEN_PROPERTIES``; they are written after its fields when it is unstructured (the
evaluation's result types write their precision, recall and F1 so).

This module sits at the bottom of the house: :mod:`attribution.serialize`,
:mod:`attribution.schema` and the scorer import it, and it imports none of them.
"""

from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_unstructure_fn
from cattrs.preconf.json import make_converter as _make_json_converter

from .model import READABLE_VERSIONS, SCHEMA_VERSION, AttributedDocument

__all__ = ["configure_converter", "converter", "make_converter", "strict_converter", "validation_problems"]


def configure_converter(conv: cattrs.Converter) -> None:
    """Register the hooks the attribution models need on ``conv``.

    Documents of an older readable schema version (:data:`~attribution.model.READABLE_VERSIONS`)
    are structured as the current version: each version only adds optional properties.
    """
    # Enums (str-valued) and tuples are handled by the preconf JSON converter; spans and
    # the other models are plain attrs classes. Structuring rejects unknown keys.
    conv.forbid_extra_keys = True
    structure_document = conv.get_structure_hook(AttributedDocument)

    def structure_any_version(data: Any, cls: type) -> AttributedDocument:
        if isinstance(data, dict) and data.get("schema_version") in _OLDER_VERSIONS:
            data = {**data, "schema_version": SCHEMA_VERSION}
        return structure_document(data, cls)

    conv.register_structure_hook(AttributedDocument, structure_any_version)
    conv.register_unstructure_hook_factory(_writes_properties, _unstructure_with_properties)


def _writes_properties(cls: Any) -> bool:
    return attrs.has(cls) and bool(getattr(cls, "WRITTEN_PROPERTIES", ()))


def _unstructure_with_properties(cls: type, conv: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    fields = make_dict_unstructure_fn(cls, conv)
    names: tuple[str, ...] = cls.WRITTEN_PROPERTIES  # type: ignore[attr-defined]

    def unstructure(value: Any) -> dict[str, Any]:
        data = fields(value)
        data.update((name, getattr(value, name)) for name in names)
        return data

    return unstructure


_OLDER_VERSIONS = frozenset(READABLE_VERSIONS) - {SCHEMA_VERSION}


def make_converter() -> cattrs.Converter:
    """A new converter configured for the attribution models."""
    conv = _make_json_converter(forbid_extra_keys=True, omit_if_default=False)
    configure_converter(conv)
    return conv


#: The converter used throughout the library.
converter = make_converter()


def _exactly(*types: type, label: str) -> Callable[[Any, type], Any]:
    def structure(value: Any, cls: type) -> Any:
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            raise TypeError(f"expected {label}, got {type(value).__name__} {value!r}")
        return cls(value) if cls is float else value

    return structure


def _is_homogeneous_tuple(cls: Any) -> bool:
    return get_origin(cls) is tuple and len(get_args(cls)) == 2 and get_args(cls)[1] is Ellipsis


def _make_strict() -> cattrs.Converter:
    conv = converter.copy(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(bool, _exactly(bool, label="true or false"))
    conv.register_structure_hook(int, _exactly(int, label="an integer"))
    conv.register_structure_hook(float, _exactly(int, float, label="a number"))
    conv.register_structure_hook(str, _exactly(str, label="a string"))

    def tuple_hook(cls: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        item = get_args(cls)[0]

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {type(value).__name__} {value!r}")
            return tuple(conv.structure(v, item) for v in value)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    return conv


#: A copy of :data:`converter` for what people write by hand, step options and lexicon
#: rules: unknown keys are rejected and nothing is coerced (a string is not a number, nor
#: a number a flag, nor a string a list).
strict_converter = _make_strict()


def validation_problems(error: BaseException, *, extra: str = "key", path: str = "") -> list[str]:
    """Each problem inside a (cattrs) structuring error, as ``"where: what is wrong"``.

    Args:
        error: What structuring raised.
        extra: How to call an unknown key in messages ("option", "field").
        path: Where the structured value sits, prefixed to each problem.
    """
    if isinstance(error, ForbiddenExtraKeysError):
        return [f"unknown {extra}(s) {', '.join(map(repr, sorted(error.extra_fields)))}"]
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        found = []
        for inner in error.exceptions:
            where = path
            for note in getattr(inner, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    where = f"{path}.{note.name}" if path else note.name
                    if isinstance(inner, KeyError):
                        inner = KeyError(f"missing {extra}(s) {note.name!r}")
                        where = path
                elif isinstance(note, IterableValidationNote):
                    where = f"{path}[{note.index}]"
            found += validation_problems(inner, extra=extra, path=where)
        return found
    # attrs' validators raise with the message first and the attribute, options, value after.
    message = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
    return [f"{path}: {message}" if path else message]
