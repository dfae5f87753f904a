"""JSON and JSONL for attributed documents, through one cattrs converter.

:func:`make_converter` builds the converter and :func:`configure_converter` registers
every hook in one place; :data:`converter` is the instance the library uses. Nothing
here touches ``cattrs.global_converter``.
"""

from typing import Any

import cattrs
from cattrs.preconf.json import make_converter as _make_json_converter

from .model import AttributedDocument

__all__ = [
    "configure_converter",
    "converter",
    "from_dict",
    "make_converter",
    "to_dict",
]


def configure_converter(conv: cattrs.Converter) -> None:
    """Register the hooks the attribution models need on ``conv``."""
    # Enums (str-valued) and tuples are handled by the preconf JSON converter; spans and
    # the other models are plain attrs classes. Structuring rejects unknown keys.
    conv.forbid_extra_keys = True


def make_converter() -> cattrs.Converter:
    """A new converter configured for the attribution models."""
    conv = _make_json_converter(forbid_extra_keys=True, omit_if_default=False)
    configure_converter(conv)
    return conv


#: The converter used throughout the library.
converter = make_converter()


def to_dict(document: AttributedDocument) -> dict[str, Any]:
    """``document`` as plain JSON-compatible data (the schema's shape)."""
    return converter.unstructure(document)


def from_dict(data: Any) -> AttributedDocument:
    """Build a document from plain data without schema validation.

    Raises:
        cattrs.errors.ClassValidationError: The data does not fit the models.
        attribution.errors.InvariantError: The document breaks an invariant.
    """
    return converter.structure(data, AttributedDocument)
