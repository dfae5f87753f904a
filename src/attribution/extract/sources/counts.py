"""Stated counts in source phrases: "Two officials", "more than a dozen", "dozens of"."""

import re
from collections.abc import Sequence

from ...model import CountQualifier

__all__ = ["number", "parse_count"]

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
            "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
            "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "a dozen": 12, "half a dozen": 6,
            "half-dozen": 6, "a half-dozen": 6, "a few": 3, "a couple": 2, "couple": 2, "dozens": 24,
            "hundreds": 200}
_QUALIFIERS = (
    ("no more than", CountQualifier.AT_MOST), ("more than", CountQualifier.AT_LEAST),
    ("at least", CountQualifier.AT_LEAST), ("over", CountQualifier.AT_LEAST),
    ("upward of", CountQualifier.AT_LEAST), ("upwards of", CountQualifier.AT_LEAST),
    ("fewer than", CountQualifier.AT_MOST), ("less than", CountQualifier.AT_MOST),
    ("up to", CountQualifier.AT_MOST), ("at most", CountQualifier.AT_MOST),
    ("about", CountQualifier.ABOUT), ("around", CountQualifier.ABOUT), ("roughly", CountQualifier.ABOUT),
    ("approximately", CountQualifier.ABOUT), ("nearly", CountQualifier.ABOUT),
    ("almost", CountQualifier.ABOUT), ("some", CountQualifier.ABOUT),
)
_PLURAL_COUNTS = {"dozens": CountQualifier.AT_LEAST, "hundreds": CountQualifier.AT_LEAST}


def parse_count(lowered: Sequence[str]) -> tuple[int | None, CountQualifier | None, int]:
    """The count stated at the start of the lower-cased words ``lowered`` and how many words it takes.

    "Two officials" -> ``(2, EXACT, 1)``; "more than a dozen officials" -> ``(12, AT_LEAST, 3)``;
    the count must leave at least one word after it.
    """
    qualifier, i = CountQualifier.EXACT, 0
    for phrase, q in _QUALIFIERS:
        parts = phrase.split()
        if lowered[: len(parts)] == parts and len(lowered) > len(parts):
            qualifier, i = q, len(parts)
            break
    for size in (3, 2, 1):
        chunk = " ".join(lowered[i : i + size])
        value = number(chunk)
        if value is not None and i + size < len(lowered):
            if chunk in _PLURAL_COUNTS and qualifier is CountQualifier.EXACT:
                qualifier = _PLURAL_COUNTS[chunk]
            if chunk in ("a few", "a couple", "couple") and qualifier is CountQualifier.EXACT:
                qualifier = CountQualifier.ABOUT
            return value, qualifier, i + size
    return None, None, 0


def number(chunk: str) -> int | None:
    """The number a lower-cased word or phrase names ("twenty-five", "a dozen", "1,200"), if any."""
    if chunk in _NUMBERS:
        return _NUMBERS[chunk]
    if chunk.replace(",", "").isdigit():
        return int(chunk.replace(",", "")) or None
    parts = re.split(r"[-\s]", chunk)
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in ("dozen", "hundred", "thousand"):
        return _NUMBERS[parts[0]] * {"dozen": 12, "hundred": 100, "thousand": 1000}[parts[1]]
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS and _NUMBERS[parts[0]] >= 20:
        return _NUMBERS[parts[0]] + _NUMBERS[parts[1]]
    return None
