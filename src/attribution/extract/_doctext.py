"""The text of the Doc being processed, read once.

``Doc.text`` joins every token on each access, which made text slicing in the steps cost
more than the rest of their work. :class:`~attribution.extract.components.AttributionPipe`
sets the current Doc and its text for the duration of one call; :func:`doc_text` returns
it, and falls back to ``doc.text`` when a step runs outside the component.
"""

import contextlib
import contextvars
from collections.abc import Iterator

from spacy.tokens import Doc

__all__ = ["current_doc", "doc_text"]

_CURRENT: "contextvars.ContextVar[tuple[Doc, str] | None]" = contextvars.ContextVar(
    "attribution_current_doc", default=None
)


def doc_text(doc: Doc) -> str:
    """``doc.text``, without rebuilding it when ``doc`` is the Doc being processed."""
    current = _CURRENT.get()
    return current[1] if current is not None and current[0] is doc else doc.text


@contextlib.contextmanager
def current_doc(doc: Doc, text: str | None = None) -> Iterator[str]:
    """Make ``doc`` (with ``text``, by default ``doc.text``) the Doc being processed."""
    text = doc.text if text is None else text
    token = _CURRENT.set((doc, text))
    try:
        yield text
    finally:
        _CURRENT.reset(token)
