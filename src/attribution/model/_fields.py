"""The field definitions the models share, and how a model rejects a value."""

from typing import Any

import attrs
from attrs import validators as v

from ..errors import InvariantError, Problem


def reject(pointer: str, rule: str, message: str) -> None:
    """Raise an :class:`InvariantError` for one problem of one object.

    ``pointer`` is relative to the object; :func:`attribution.schema.validate` prefixes
    the object's own place in the document.
    """
    raise InvariantError([Problem(pointer=pointer, message=message, rule=rule)])


def id_field() -> Any:
    """A required, non-empty string id."""
    return attrs.field(validator=[v.instance_of(str), v.min_len(1)])


def optional_id_field() -> Any:
    """An optional reference to an id: ``None`` or a non-empty string."""
    return attrs.field(default=None, validator=v.optional([v.instance_of(str), v.min_len(1)]))


def optional_text_field() -> Any:
    """Optional text: ``None`` or a non-empty string."""
    return attrs.field(default=None, validator=v.optional([v.instance_of(str), v.min_len(1)]))


def confidence_field() -> Any:
    """A confidence from 0 to 1, 1 by default."""
    return attrs.field(default=1.0, converter=float, validator=[v.ge(0.0), v.le(1.0)])
