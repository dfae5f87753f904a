"""Character spans of the claims step: drafts of claims and the quotations they are measured against.

A :class:`Draft` holds a claim while it is being assembled, its content as character offsets
``(start, end)`` into the text; :class:`Quotes` indexes a document's top-level quotations for
the questions asked of them once per cue or claim (:func:`in_quote`, :func:`snap`).
"""

import bisect
import itertools
from collections.abc import Callable, Iterable

import attrs
from spacy.tokens import Doc, Span as SpacySpan, Token

from .cues import ReportingCue
from .quotes import Quote

__all__ = [
    "LEADING_FUNCTION",
    "WHEN_ENTITIES",
    "Draft",
    "Quotes",
    "ends_quoted",
    "in_quote",
    "is_quoted",
    "quoted_offsets",
    "snap",
    "starts_quote",
    "trim",
]

_EDGE = frozenset(" \t\r\n,;:.—–-")
#: Dependency labels of words that lead into a clause without being what it says ("and", "that", "so").
LEADING_FUNCTION = frozenset({"mark", "cc", "advmod", "punct", "prep"})
#: Entity types of words that say when something was said ("on Monday", "last week"), not what.
WHEN_ENTITIES = frozenset({"DATE", "TIME"})


@attrs.define
class Draft:
    """A claim being assembled: content parts, cue, speaker and how it was found."""

    parts: list[tuple[int, int]]
    how: str
    cue: ReportingCue | None = None
    speaker: SpacySpan | None = None
    recipient: SpacySpan | None = None
    medium: str | None = None
    parent: "Draft | None" = None
    cue_char: int = -1

    @property
    def start(self) -> int:
        """Where the first part starts."""
        return self.parts[0][0]

    @property
    def end(self) -> int:
        """Where the last part ends."""
        return self.parts[-1][1]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start..end`` without white space and edge punctuation (``,;:.—–-``) at either end."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def snap(start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """Widen ``start..end`` to whole quotations at its edges.

    Content that starts inside a quotation and runs to its end ("S1. S2,” he said: the
    parser often gives only S2) takes the whole quotation; content that ends inside
    one that it opens takes it to its closing mark.
    """
    indexed = Quotes.of(quotes)
    if indexed.disjoint and start <= end:
        # Only a quotation overlapping start..end (give or take the 3 characters the
        # second test allows) can change it, and none of the others can come to
        # overlap it: disjoint quotations widen it only up to their own edges.
        quotes = indexed.overlapping(start - 1, end + 4)
    for quote in quotes:
        if quote.start < start <= quote.start + quote.open_width + 1 and end < quote.end:
            start, end = quote.start, quote.end  # begins at the quotation: all of it
        if quote.start < start < quote.end <= end + 3:
            start = quote.start
        if start <= quote.start < end < quote.end:
            end = quote.end
    return start, end


def starts_quote(doc: Doc, clause: Token, quotes: list[Quote]) -> bool:
    """Whether ``clause`` begins at a quotation's opening mark."""
    return any(q.start <= clause.left_edge.idx <= q.start + 2 for q in quotes)


def in_quote(offset: int, quotes: list[Quote]) -> bool:
    """Whether character ``offset`` lies inside a quotation."""
    if isinstance(quotes, Quotes):
        return quotes.inside(offset)
    return any(q.start < offset < q.end for q in quotes)


def quoted_offsets(quotes: list[Quote]) -> Callable[[int], bool]:
    """:func:`in_quote` for many offsets: each answered by a binary search, not a scan."""
    return Quotes.of(quotes).inside


class Quotes(list[Quote]):
    """A document's top-level quotations, indexed for the questions asked once per cue or claim.

    It is the list of quotations (in the order given), with lookups that answer as a scan
    of the list would, in about logarithmic time instead of linear: without them the
    claims step grew with the square of the number of quotations. The list is not to be
    changed once made.
    """

    def __init__(self, quotes: Iterable[Quote] = ()) -> None:
        super().__init__(quotes)
        #: The quotations' positions in the list, by where they start.
        self._order = sorted(range(len(self)), key=lambda i: self[i].start)
        self._starts = [self[i].start for i in self._order]
        self._reach = list(itertools.accumulate((self[i].end for i in self._order), max))
        #: Whether no two quotations overlap.
        self.disjoint = all(self[a].end <= self[b].start for a, b in itertools.pairwise(self._order))
        ends = sorted((q.end, i) for i, q in enumerate(self))
        self._ends = [end for end, _ in ends]
        self._by_end = [i for _, i in ends]

    def inside(self, offset: int) -> bool:
        """Whether character ``offset`` lies inside a quotation (``q.start < offset < q.end``).

        It is when, of the quotations that start before it, the one reaching furthest ends
        after it.
        """
        before = bisect.bisect_left(self._starts, offset)  # the quotations starting before offset
        return before > 0 and self._reach[before - 1] > offset

    @classmethod
    def of(cls, quotes: list[Quote]) -> "Quotes":
        """``quotes`` indexed (itself when it already is)."""
        return quotes if isinstance(quotes, Quotes) else cls(quotes)

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """The quotations that overlap ``start..end`` (``q.start < end`` and ``q.end > start``), in list order."""
        found = []
        j = bisect.bisect_left(self._starts, end) - 1  # the last quotation starting before end
        while j >= 0 and self._reach[j] > start:  # one at or before j still reaches past start
            if self[self._order[j]].end > start:
                found.append(self._order[j])
            j -= 1
        return [self[i] for i in sorted(found)]

    def starting_at(self, start: int) -> list[Quote]:
        """The quotations that start at ``start``, in list order."""
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_right(self._starts, start)
        return [self[i] for i in sorted(self._order[first:last])]

    def is_whole(self, start: int, end: int) -> bool:
        """Whether ``start..end`` is exactly one quotation."""
        return any(q.end == end for q in self.starting_at(start))

    def first_ending(self, low: int, high: int) -> Quote | None:
        """The first quotation in the list that ends at ``low`` to ``high`` (both included)."""
        first = bisect.bisect_left(self._ends, low)
        last = bisect.bisect_right(self._ends, high)
        return self[min(self._by_end[first:last])] if last > first else None


def ends_quoted(draft: Draft, quotes: list[Quote]) -> bool:
    """Whether the draft's last part is a whole quotation."""
    return Quotes.of(quotes).is_whole(*draft.parts[-1])


def is_quoted(draft: Draft, quotes: list[Quote]) -> bool:
    """Whether the draft's content holds a quotation."""
    return any(draft.start <= q.start and q.end <= draft.end + 1 for q in quotes)
