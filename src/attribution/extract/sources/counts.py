"""Stated counts in source phrases: "Two officials", "more than a dozen", "dozens of".

The number words come from the lexicon ``numbers`` and the words that make a count
inexact ("more than", "about") from ``count_qualifiers`` (see ``data/README_sources.md``).
"""

import re
from collections.abc import Sequence

import attrs

from ...model import CountQualifier
from ..lexicon import load_lexicon
from ..lexicon_set import per_lexicons

__all__ = ["CountWords", "coordinated_count", "count_words", "number", "parse_count"]


@attrs.frozen
class CountWords:
    """The words :func:`parse_count` and :func:`number` read, keyed for lookup.

    Attributes:
        numbers: The value of each number word or phrase that is a count on its own.
        scales: Words that multiply a number before them ("two dozen", "three thousand").
        implied: The qualifier a number word implies when nothing else qualifies it
            ("dozens": at least, "a few": about).
        qualifiers: Phrases that qualify a count, tried in this order.
    """

    numbers: dict[str, int]
    scales: dict[str, int]
    implied: dict[str, CountQualifier]
    qualifiers: tuple[tuple[tuple[str, ...], CountQualifier], ...]


@per_lexicons
def count_words() -> CountWords:
    """The count words, loaded once per pipeline (with any plugin patches)."""
    entries = load_lexicon("numbers")
    return CountWords(
        numbers={e["phrase"]: e["value"] for e in entries if e.get("standalone", True)},
        scales={e["phrase"]: e["value"] for e in entries if e.get("scale")},
        implied={e["phrase"]: CountQualifier(e["qualifier"]) for e in entries if e.get("qualifier")},
        qualifiers=tuple(
            (tuple(e["phrase"].split()), CountQualifier(e["qualifier"])) for e in load_lexicon("count_qualifiers")
        ),
    )


def coordinated_count(lowered: Sequence[str]) -> tuple[int, CountQualifier, int] | None:
    """The count of a coordination of counted parts sharing one head ("three current and
    one former aide" -> 4), and where the last part's words after its count begin.

    Every part between "and" (or commas) must start with a count; the total is exact only
    when every part is. ``None`` when a part has no count.
    """
    parts: list[tuple[int, int]] = []  # (start, end) of each part
    start = 0
    for i, word in enumerate(lowered):
        if word in ("and", "&", ","):
            parts.append((start, i))
            start = i + 1
    parts.append((start, len(lowered)))
    if len(parts) < 2:
        return None
    total, qualifier, rest = 0, CountQualifier.EXACT, 0
    for first, last in parts:
        value, stated, used = parse_count(lowered[first:last])
        if value is None:
            return None
        total += value
        if stated is not CountQualifier.EXACT:
            qualifier = stated
        rest = first + used
    return total, qualifier, rest


def parse_count(lowered: Sequence[str]) -> tuple[int | None, CountQualifier | None, int]:
    """The count stated at the start of the lower-cased words ``lowered`` and how many words it takes.

    "Two officials" -> ``(2, EXACT, 1)``; "more than a dozen officials" -> ``(12, AT_LEAST, 3)``;
    the count must leave at least one word after it.
    """
    words = count_words()
    qualifier, i = CountQualifier.EXACT, 0
    for parts, q in words.qualifiers:
        if tuple(lowered[: len(parts)]) == parts and len(lowered) > len(parts):
            qualifier, i = q, len(parts)
            break
    for size in (3, 2, 1):
        chunk = " ".join(lowered[i : i + size])
        value = number(chunk)
        if value is not None and i + size < len(lowered):
            if chunk in words.implied and qualifier is CountQualifier.EXACT:
                qualifier = words.implied[chunk]
            return value, qualifier, i + size
    return None, None, 0


def number(chunk: str) -> int | None:
    """The number a lower-cased word or phrase names ("twenty-five", "a dozen", "1,200"), if any."""
    numbers = count_words().numbers
    if chunk in numbers:
        return numbers[chunk]
    if chunk.replace(",", "").isdigit():
        return int(chunk.replace(",", "")) or None
    parts = re.split(r"[-\s]", chunk)
    scales = count_words().scales
    if len(parts) == 2 and parts[0] in numbers and parts[1] in scales:
        return numbers[parts[0]] * scales[parts[1]]
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers and numbers[parts[0]] >= 20:
        return numbers[parts[0]] + numbers[parts[1]]
    return None
