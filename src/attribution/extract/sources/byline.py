"""The byline: an author line at the top of an article ("KIMBERLY DOZIER", "By Jane Doe").

The byline names the writer, never a source of a claim: :func:`find_byline` finds it so
that the sources step can put it in ``metadata["author"]`` and keep speaker mentions out
of it.
"""

import re

import attrs

__all__ = ["Byline", "find_byline"]

_NAME = r"[A-Z][A-Za-z'’.\-]*"
_BY = re.compile(
    rf"[ \t]*(?:By|BY|by)[ \t]+(?P<author>{_NAME}(?:[ \t]+{_NAME}){{0,3}}"
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+){_NAME}(?:[ \t]+{_NAME}){{0,3}})*)[ \t]*(?:,[^\n]*)?(?=\n|$)"
)
_CAPS_NAME = re.compile(r"[ \t]*(?P<author>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]*){1,3})[ \t]*(?=\n)")


@attrs.frozen(kw_only=True)
class Byline:
    """Where the byline is and whom it names.

    Attributes:
        start: Offset of the author's name.
        end: Offset one past its end.
        author: The name as written ("KIMBERLY DOZIER", "Jane Doe").
        line_end: Offset of the end of the byline's line.
    """

    start: int
    end: int
    author: str
    line_end: int


def find_byline(text: str) -> Byline | None:
    """The byline on the first non-empty line of ``text``, if there is one.

    A byline is a line "By NAME" (names capitalized, "and" or commas between authors, an
    optional ", Agency" after them), or a line of two to four upper-case words followed
    by more text. A headline in title case is not a byline.
    """
    offset = len(text) - len(text.lstrip())
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    line = text[offset:line_end]
    if not line or len(line) > 80:
        return None
    match = _BY.match(text, offset, line_end) or (
        _CAPS_NAME.match(text, offset, line_end + 1) if line_end < len(text) and text[line_end + 1 :].strip() else None
    )
    if match is None:
        return None
    return Byline(start=match.start("author"), end=match.end("author"), author=match.group("author"), line_end=line_end)
