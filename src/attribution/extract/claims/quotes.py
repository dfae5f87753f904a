"""Quotation-mark pairing over raw text.

Quotations are found on the characters, not on spaCy tokens, so every typographic kind
works the same way: curly double “ ” and single ‘ ’ marks, low-9 „ ‚, guillemets « » and
‹ ›, and straight " and '. The pairing is a stack per paragraph:

* an opening mark is pushed; a closing mark pops the nearest opener of its family
  (double, single, guillemet, single guillemet) and yields a :class:`Quote`; openers
  above it that were never closed are dropped;
* a straight or ambiguous mark opens after whitespace, an opening bracket or another
  opening mark, and closes before whitespace or punctuation; otherwise it closes an open
  quote of its family when there is one;
* a single mark between two letters or digits ("don’t", "he's", "rock 'n' roll" aside)
  is an apostrophe, and so is one after a letter when no single quote is open
  ("the leaders’ meeting");
* journalistic continuation: when a paragraph ends with a quotation still open and the
  next paragraph starts with an opening mark of the same family, the quotation goes on;
  its :attr:`Quote.parts` holds one piece per paragraph. This holds for a quotation
  opened mid-paragraph too ("said the ministry “will not comment.¶“We remain ...”"),
  except a single-quote one (an apostrophe is too easily taken for an opener);
* a quotation opened at the start of a paragraph and never closed runs to the end of
  that paragraph (``closed=False``); any other unclosed mark is ignored.

Nothing here raises on odd input: unbalanced, nested or stray marks are simply not
paired.
"""

import re
from collections.abc import Iterator

import attrs

__all__ = ["Quote", "find_quotes", "opens_sentence", "QUOTE_CHARACTERS"]

_DOUBLE, _SINGLE, _GUILLEMET, _SINGLE_GUILLEMET = "double", "single", "guillemet", "single_guillemet"

#: For each mark: its family and whether it is an opener, a closer, or either (None).
_MARKS: dict[str, tuple[str, bool | None]] = {
    "“": (_DOUBLE, True),
    "„": (_DOUBLE, True),
    "”": (_DOUBLE, False),
    '"': (_DOUBLE, None),
    "‘": (_SINGLE, True),
    "‚": (_SINGLE, True),
    "’": (_SINGLE, None),
    "'": (_SINGLE, None),
    "«": (_GUILLEMET, True),
    "»": (_GUILLEMET, False),
    "‹": (_SINGLE_GUILLEMET, True),
    "›": (_SINGLE_GUILLEMET, False),
}

#: Every character treated as a quotation mark.
QUOTE_CHARACTERS = frozenset(_MARKS)
#: The next quotation mark: the scan jumps from mark to mark, not character by character.
_NEXT_MARK = re.compile("[" + re.escape("".join(_MARKS)) + "]").search

_OPEN_CONTEXT = frozenset("([{<—–-/")


@attrs.frozen(kw_only=True)
class Quote:
    """A paired quotation.

    Attributes:
        start: Offset of the opening mark.
        end: Offset one past the closing mark (or past the paragraph's last character
            when ``closed`` is false).
        family: ``"double"``, ``"single"``, ``"guillemet"`` or ``"single_guillemet"``.
        depth: How many quotations enclose this one (0 for a top-level quotation).
        closed: Whether a closing mark ends it.
        parts: One ``(start, end)`` piece per paragraph for a quotation that continues
            into following paragraphs; empty when it lies in one paragraph.
    """

    start: int
    end: int
    family: str
    depth: int = 0
    closed: bool = True
    parts: tuple[tuple[int, int], ...] = ()
    open_width: int = 1
    close_width: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        """The offsets of the quoted words, without the marks."""
        start = min(self.start + self.open_width, self.end)
        return (start, max(start, self.end - self.close_width if self.closed else self.end))


@attrs.define
class _Open:
    start: int
    family: str
    mark: str
    at_paragraph_start: bool
    width: int = 1
    parts: list[tuple[int, int]] = attrs.field(factory=list)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line, without its newline."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield start, end
        start = end + 1


def _width(text: str, i: int, stack: list[_Open]) -> int:
    """2 for a doubled straight single quote (''), the newspaper form of a double one.

    A run of three that closes ("the 'extra fees,''' said Lane") closes the single quotation
    open inside first (1, then 2); with none open, the third mark is a stray that the closing
    double takes with it (3), so that it opens no quotation to swallow the next ones.
    """
    if not text.startswith("''", i):
        return 1
    if text.startswith("'''", i) and not text[i + 3 : i + 4].isalnum():
        return 1 if stack and stack[-1].family == _SINGLE else 3
    return 2


def _classify(text: str, i: int, stack: list[_Open], width: int | None = None) -> bool | None:
    """True to open, False to close, None to ignore the mark at ``i`` (``width`` marks wide)."""
    mark = text[i]
    width = _width(text, i, stack) if width is None else width
    family, fixed = (_DOUBLE, None) if width >= 2 else _MARKS[mark]
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    left_open = before.isspace() or before in _OPEN_CONTEXT or before in QUOTE_CHARACTERS
    right_open = after.isspace() or (not after.isalnum() and after not in QUOTE_CHARACTERS)
    has_open = any(o.family == family for o in stack)
    if family == _SINGLE:
        if before.isalnum() and after.isalnum():
            return None  # don't, he’s
        if mark in "'’" and not left_open and not has_open:
            return None  # leaders’ meeting, a stray apostrophe
        if mark in "'’" and left_open and after.isdigit():
            return None  # the ’90s
    if fixed is True:
        # “ can close a German „...“ quotation or a text typed with one kind of mark.
        if mark == "“" and has_open and right_open and not left_open:
            return False
        return True
    if fixed is False:
        if mark == "”" and not has_open and left_open and not right_open:
            return True  # ”Swedish style” or a mistyped opener
        return False
    if left_open and not right_open:
        return True
    if right_open and not left_open:
        return False if has_open else None
    return False if has_open else True


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Every paired quotation in ``text``, ordered by start (outer before inner).

    Args:
        text: Any string.

    Returns:
        The quotations, nested ones included (see :attr:`Quote.depth`).
    """
    if _NEXT_MARK(text) is None:
        return ()
    found: list[Quote] = []
    carried: list[_Open] = []
    paragraphs = [p for p in _paragraphs(text) if text[p[0] : p[1]].strip()]
    for index, (p_start, p_end) in enumerate(paragraphs):
        stack: list[_Open] = []
        first = p_start
        while first < p_end and text[first].isspace():
            first += 1
        skip = -1
        if carried:
            if first < p_end and text[first] in _MARKS and _MARKS[text[first]][0] == carried[-1].family:
                stack = carried
                stack[-1].parts.append((first, first))  # new piece starts at the mark
                skip = first
            carried = []
        i = p_start - 1
        while (mark := _NEXT_MARK(text, i + 1, p_end)) is not None:
            i = mark.start()
            if i == skip:
                continue
            width = min(_width(text, i, stack), p_end - i)
            action = _classify(text, i, stack, width)
            family = _DOUBLE if width >= 2 else _MARKS[text[i]][0]
            if action is True:
                stack.append(_Open(start=i, family=family, mark=text[i], at_paragraph_start=i == first, width=width))
            elif action is False:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth].family == family:
                        opened = stack[depth]
                        del stack[depth:]
                        found.append(_finish(opened, i + width, depth, True, width))
                        break
            i += width - 1
        if stack:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            continues = False
            if next_start is not None:
                j = next_start
                while j < len(text) and text[j].isspace():
                    j += 1
                continues = j < len(text) and text[j] in _MARKS and _MARKS[text[j]][0] == stack[0].family
                continues = continues and _classify(text, j, []) is True
            end = p_end
            while end > p_start and text[end - 1].isspace():
                end -= 1
            if continues and (stack[0].at_paragraph_start or stack[0].parts or stack[0].family != _SINGLE):
                opened = stack[0]
                opened.parts.append((-1, end))  # close the current piece
                carried = [opened]
            elif (
                (stack[0].at_paragraph_start or stack[0].parts or opens_sentence(text, stack[0].start, p_start))
                and stack[0].family != _SINGLE
                and end - stack[0].start > 2
            ):
                found.append(_finish(stack[0], end, 0, False))
    found.sort(key=lambda q: (q.start, -q.end))
    return tuple(found)


def opens_sentence(text: str, start: int, begin: int = 0) -> bool:
    """Whether ``start`` opens a sentence ("... said Baron. *“His ...*").

    Only blanks (no line break) stand between ``start`` and a full stop, a question or
    exclamation mark, a colon, a line break, or ``begin``.

    Args:
        text: The text.
        start: An offset into ``text`` (where a quotation opens).
        begin: How far back to look (a paragraph's start); reaching it counts as a sentence's start.
    """
    while start > begin and text[start - 1].isspace() and text[start - 1] != "\n":
        start -= 1
    return start == begin or text[start - 1] in "\n.!?:"


def _finish(opened: _Open, end: int, depth: int, closed: bool, close_width: int = 0) -> Quote:
    parts: list[tuple[int, int]] = []
    if opened.parts:
        # opened.parts alternates: (-1, piece end) closes a piece, (start, start) opens one.
        piece_start = opened.start
        for a, b in opened.parts:
            if a == -1:
                parts.append((piece_start, b))
            else:
                piece_start = a
        parts.append((piece_start, end))
    return Quote(
        start=opened.start,
        end=end,
        family=opened.family,
        depth=depth,
        closed=closed,
        parts=tuple(parts),
        open_width=opened.width,
        close_width=close_width,
    )
