"""The library's one cattrs converter.

:func:`make_converter` builds a converter and :func:`configure_converter` registers every
hook in one place (as cattrs' own ``preconf`` modules do); :data:`converter` is the
instance the library uses. Nothing here touches ``cattrs.global_converter``.

This module sits at the bottom of the house: :mod:`attribution.serialize`,
:mod:`attribution.schema` and the scorer import it, and it imports none of them.
"""

import cattrs
from cattrs.preconf.json import make_converter as _make_json_converter

__all__ = ["configure_converter", "converter", "make_converter"]


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
