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
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn
from cattrs.preconf.json import make_converter as _make_json_converter

from .model import READABLE_VERSIONS, SCHEMA_VERSION, AttributedDocument

__all__ = ["configure_converter", "converter", "make_converter"]


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
