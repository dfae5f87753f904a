"""The check every document text passes before it enters the pipeline."""

from typing import Any

from spacy.language import Language

from ..errors import InputError

__all__ = ["check_text"]


def check_text(text: Any, nlp: Language, id: str) -> str:
    """``text``, checked to be a string the pipeline ``nlp`` accepts.

    Raises:
        InputError: ``text`` is not a string, is longer than ``nlp.max_length``, or
            ``text`` or ``id`` holds a lone surrogate (not valid Unicode, cannot be
            written as UTF-8); the message names ``id``.
    """
    shown = id.encode("utf-8", "backslashreplace").decode("utf-8") if isinstance(id, str) else repr(id)
    if not isinstance(text, str):
        raise InputError(f"document text must be a str, not {type(text).__name__}", source=shown)
    if len(text) > nlp.max_length:
        raise InputError(
            f"document has {len(text):,} characters, more than the pipeline's limit of "
            f"{nlp.max_length:,} (nlp.max_length); split it into smaller documents",
            source=shown,
        )
    for what, value in (("document id", id), ("document text", text)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InputError(
                f"{what} holds a lone surrogate U+{ord(value[error.start]):04X} at character "
                f"{error.start} (not valid Unicode text)",
                source=shown,
            ) from None
    return text
