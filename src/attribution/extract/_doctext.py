"""The text of the Doc being processed, read once; and the words it holds, read once.

``Doc.text`` joins every token on each access, which made text slicing in the steps cost
more than the rest of their work. :class:`~attribution.extract.components.AttributionPipe`
sets the current Doc and its text for the duration of one call; :func:`doc_text` returns
it, and falls back to ``doc.text`` when a step runs outside the component.
:func:`doc_values` gives the set of values one token attribute takes in a Doc (the
lower-cased words, the lemmas), :func:`doc_column` the value of each token (and
:func:`doc_tokens` the tokens of one part of speech), :func:`doc_ents` its named entities
and :func:`doc_annotated` whether it has an annotation, all kept for the current Doc so that
several matchers checking their trigger words read the Doc once.
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any

from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

__all__ = ["current_doc", "doc_annotated", "doc_column", "doc_ents", "doc_text", "doc_tokens", "doc_values"]

_CURRENT: "contextvars.ContextVar[tuple[Doc, str, dict[Any, Any]] | None]" = contextvars.ContextVar(
    "attribution_current_doc", default=None
)


def doc_text(doc: Doc) -> str:
    """``doc.text``, without rebuilding it when ``doc`` is the Doc being processed."""
    current = _CURRENT.get()
    return current[1] if current is not None and current[0] is doc else doc.text


def _read_once(doc: Doc, key: Any, read: Callable[..., Any], *args: Any) -> Any:
    """``read(*args)``, kept under ``key`` for the Doc being processed (read afresh for any other Doc).

    The matchers ask this several times per Doc: the arguments are passed on rather than
    closed over in a lambda, which would be built again on every call.
    """
    current = _CURRENT.get()
    if current is None or current[0] is not doc:
        return read(*args)
    value = current[2].get(key)
    if value is None:
        value = current[2][key] = read(*args)
    return value


#: The token attributes the matchers read from every Doc: read together, in one array.
_COLUMNS = (LOWER, LEMMA, POS, TAG)


def doc_column(doc: Doc, attr: int) -> list[int]:
    """The value of token attribute ``attr`` (a ``spacy.attrs`` id) for each token of ``doc``.

    For the Doc being processed, ``LOWER``, ``LEMMA``, ``POS`` and ``TAG`` are read once,
    in one :meth:`~spacy.tokens.Doc.to_array`; anything else is read afresh.
    """
    current = _CURRENT.get()
    if current is None or current[0] is not doc or attr not in _COLUMNS:
        return doc.to_array(attr).tolist()
    columns = current[2].get(_COLUMNS)
    if columns is None:
        columns = current[2][_COLUMNS] = dict(zip(_COLUMNS, doc.to_array(list(_COLUMNS)).T.tolist()))
    return columns[attr]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once for the Doc being processed (spaCy builds a Span for every
    entity on each access, and the sources step asks several times)."""
    return _read_once(doc, "ents", _ents, doc)


def _ents(doc: Doc) -> tuple[Span, ...]:
    return doc.ents


def doc_tokens(doc: Doc, pos: str) -> Iterator[Token]:
    """The tokens of ``doc`` whose coarse part of speech is ``pos`` (``"NOUN"``), in order.

    Read from the ``POS`` column (:func:`doc_column`): a loop over every token of the Doc
    builds a Token object for each and reads its ``pos_``, and most are not wanted.
    """
    wanted = POS_IDS[pos]
    return (doc[i] for i, value in enumerate(doc_column(doc, POS)) if value == wanted)


def doc_values(doc: Doc, attr: int) -> frozenset[int]:
    """The values token attribute ``attr`` (a ``spacy.attrs`` id: ``LOWER``, ``LEMMA``)
    takes in ``doc``, as string hashes; read once per attribute for the Doc being processed."""
    return _read_once(doc, attr, _value_set, doc, attr)


def _value_set(doc: Doc, attr: int) -> frozenset[int]:
    return frozenset(doc_column(doc, attr))


def doc_annotated(doc: Doc, *names: str) -> bool:
    """Whether ``doc.has_annotation(name)`` for every one of ``names``; read once per
    set of names for the Doc being processed."""
    return _read_once(doc, names, _annotated, doc, names)


def _annotated(doc: Doc, names: tuple[str, ...]) -> bool:
    return all(doc.has_annotation(name) for name in names)


@contextlib.contextmanager
def current_doc(doc: Doc, text: str | None = None) -> Iterator[str]:
    """Make ``doc`` (with ``text``, by default ``doc.text``) the Doc being processed."""
    outer = _CURRENT.get()
    if outer is not None and outer[0] is doc and (text is None or text == outer[1]):
        text, values = outer[1], outer[2]  # the same Doc again: keep what was read of it
    else:
        text, values = (doc.text if text is None else text), {}
    token = _CURRENT.set((doc, text, values))
    try:
        yield text
    finally:
        _CURRENT.reset(token)
