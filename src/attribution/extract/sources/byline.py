"""The byline: an author line at the top of an article ("KIMBERLY DOZIER", "By Jane Doe").

The byline names the writer, never a source of a claim: :func:`find_byline` finds it so
that the sources step can put it in ``metadata["author"]`` and keep speaker mentions out
of it.
"""

import re

import attrs

from ..lexicon import load_lexicon
from ..lexicon_set import per_lexicons

__all__ = ["Byline", "find_byline", "find_datelines"]

_NAME = r"[A-Z][A-Za-z'’.\-]*"
_BY = re.compile(
    rf"[ \t]*(?:By|BY|by)[ \t]+(?P<author>{_NAME}(?:[ \t]+{_NAME}){{0,6}}"
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+){_NAME}(?:[ \t]+{_NAME}){{0,6}})*)[ \t]*(?:,[^\n]*)?(?=\n|$)"
)
_SEGMENT = re.compile(r"[^,]+?(?=[ \t]*,|[ \t]+and[ \t]+|$)")
_WORD = re.compile(r"\S+")
_FILED_ON = r"(?:,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"  # , July 19
_DATELINE = re.compile(
    r"^[ \t]*(?:"
    r"[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]+)*"  # HARBOR CITY
    r"(?:,[ \t]+[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*)?)?"  # , Minn.
    + _FILED_ON
    + r"(?:[ \t]*\([A-Za-z .]+\))?"  # (AP)
    r"|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"  # Washington: in title case only with an agency
    + _FILED_ON
    + r"[ \t]*\([A-Z][A-Za-z .]*\)"
    r")[ \t]*(?:—|–|--|-)[ \t]*",
    re.MULTILINE,
)
#: How far into the text a dateline is looked for.
_DATELINE_REACH = 600
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
    optional outlet or staff title after them: ", Reuters Staff Writer", "Boston
    Herald", kept out of the author with the ``bylines`` lexicon), or a line of two to
    four upper-case words followed by more text. A headline in title case is not a
    byline.
    """
    offset = len(text) - len(text.lstrip())
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    line = text[offset:line_end]
    if not line or len(line) > 80:
        return None
    match = _BY.match(text, offset, line_end)
    if match is not None:
        end = _people_end(text, match.start("author"), match.end("author"))
        if end is None:
            return None
        return Byline(start=match.start("author"), end=end, author=text[match.start("author") : end], line_end=line_end)
    match = _CAPS_NAME.match(text, offset, line_end + 1) if line_end < len(text) and text[line_end + 1 :].strip() else None
    if match is None:
        return None
    return Byline(start=match.start("author"), end=match.end("author"), author=match.group("author"), line_end=line_end)


def find_datelines(text: str) -> list[tuple[int, int]]:
    """The datelines opening the first paragraphs of ``text`` ("HARBOR CITY (AP) — ",
    "STOCKHOLM (Reuters) - ", "GENEVA — ", "DENVER, March 3 (UPI) — ", "Geneva (AFP) – "):
    (start, end) of each, dash and spaces included. A dateline names where the story was filed, never a speaker."""
    return [
        (m.start(), m.end())
        for m in _DATELINE.finditer(text, 0, min(len(text), _DATELINE_REACH))
        if sum(c.isalpha() for c in m.group()) >= 2
    ]


@per_lexicons
def _byline_words() -> dict[str, str]:
    """Capitalized byline words and their part: the ``bylines`` lexicon, and every word
    of the ``media_outlets`` lexicon as an outlet word."""
    words = {word: "outlet" for entry in load_lexicon("media_outlets") for word in entry["name"].split()}
    words.update((entry["word"], entry["part"]) for entry in load_lexicon("bylines"))
    return words


def _people_end(text: str, start: int, end: int) -> int | None:
    """Where the people of the author list ``text[start:end]`` end: before the outlet or
    staff title ("Ana Price, Reuters Staff Writer", "Tom Reed New York Times").

    Each name (names are separated by commas and "and") is cut at its first outlet or
    title word; a word or two of place before an outlet word goes with the outlet when
    at least two words are left for the person. A name that starts with such a word
    ends the list. ``None`` when no person is left.
    """
    parts = _byline_words()
    people_end = None
    for segment in _SEGMENT.finditer(text, start, end):
        words = list(_WORD.finditer(segment.group().strip(" \t,")))
        offset = segment.start() + len(segment.group()) - len(segment.group().lstrip(" \t,"))
        if segment.group().strip(" \t,").startswith("and "):
            words = words[1:]
        if not words:
            continue
        cut = next((i for i, w in enumerate(words) if parts.get(w.group()) in ("outlet", "title")), len(words))
        if cut < len(words) and parts.get(words[cut].group()) == "outlet" and cut - 1 >= 2:
            cut -= 1  # "Boston Herald": the word before the outlet word names its place
            while cut - 1 >= 2 and parts.get(words[cut - 1].group()) in ("place", "article"):
                cut -= 1
        if cut == 0:
            break
        people_end = offset + words[cut - 1].end()
        if cut < len(words):
            break
    return people_end
