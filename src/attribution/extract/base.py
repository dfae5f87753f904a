"""The extractor-step protocol every step follows, built-in or plugin.

A step receives the parsed spaCy :class:`~spacy.tokens.Doc` and the
:class:`~attribution.model.AttributedDocument` built so far by the steps before it, and
returns a new document (models are immutable: use :func:`attrs.evolve`). Steps declare
which named steps they must follow (``after``) or precede (``before``); the pipeline runs
them in an order that honours both, otherwise in registration order.
"""

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from spacy.tokens import Doc

from ..model import AttributedDocument

__all__ = ["Extractor"]


@runtime_checkable
class Extractor(Protocol):
    """One extraction step.

    Attributes:
        name: The registry name of the step (``"attribution.claims.v1"``).
        after: Names of steps that must run before this one, when enabled.
        before: Names of steps that must run after this one, when enabled.
    """

    name: str
    after: Sequence[str]
    before: Sequence[str]

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with this step's findings added."""
        ...
