"""The extractor-step protocol every step follows, built-in or plugin.

A step receives the parsed spaCy :class:`~spacy.tokens.Doc` and the
:class:`~attribution.model.AttributedDocument` built so far by the steps before it, and
returns a new document (models are immutable: use :func:`attrs.evolve`). It must keep
``text`` unchanged and may add or refine sources, claims, rebuttals, anonymity conditions
and non-responses; the document's invariants (unique ids, references that resolve, spans
inside the text) are checked when it is built.

Steps declare which named steps they must follow (``after``) or precede (``before``); the
pipeline runs them in an order that honours both, otherwise in registration order (the
built-ins first).

Steps are made by a factory registered under the step's name (see
:mod:`attribution.plugins`)::

    def make(nlp: Language, **config) -> Extractor: ...

``config`` comes from ``step_config={name: {...}}`` (or the spaCy config of the
``attribution`` component). A factory with the attribute ``default_enabled = False``
makes an opt-in step, run only when named in ``steps`` or ``include`` (``--with NAME``).
"""

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from spacy.language import Language
from spacy.tokens import Doc

from ..model import AttributedDocument

__all__ = ["Extractor", "ExtractorFactory"]


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
        """Return ``partial`` with this step's findings added.

        Args:
            doc: The parsed text (the same text as ``partial.text``).
            partial: The document the earlier steps built.

        Returns:
            A new document with the same ``text``.
        """
        ...


class ExtractorFactory(Protocol):
    """What the ``attribution_extractors`` registry holds: a callable making a step.

    The optional attribute ``default_enabled`` (``True`` when absent) says whether the
    step runs without being asked for.
    """

    def __call__(self, nlp: Language, **config: Any) -> Extractor:
        """Make the step for pipeline ``nlp`` with the step's configuration."""
        ...
