"""Character segments: normalisation, merging and the Jaccard index.

The rules are in ``docs/evaluation.md``: parts are trimmed of white space, quotation
marks (:data:`QUOTE_MARKS`) and edge punctuation (:data:`EDGE_PUNCTUATION`), then merged.
"""

from collections.abc import Iterable

__all__ = [
    "EDGE_PUNCTUATION",
    "QUOTE_MARKS",
    "Segment",
    "Segments",
    "intersection",
    "jaccard",
    "length",
    "merge",
    "normalize_segments",
]

#: Quotation marks trimmed from both ends of every content part before matching.
QUOTE_MARKS = "\"'“”‘’„‚«»‹›`´"

#: Punctuation trimmed from both ends of every content part before matching.
EDGE_PUNCTUATION = ".,;:!?…-–—"

_TRIM = frozenset(QUOTE_MARKS + EDGE_PUNCTUATION)

Segment = tuple[int, int]
Segments = tuple[Segment, ...]


def merge(segments: Iterable[Segment]) -> Segments:
    """Sorted, disjoint parts: empty parts dropped, touching or overlapping ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in segments if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def _trimmable(char: str) -> bool:
    return char.isspace() or char in _TRIM


def normalize_segments(text: str, segments: Iterable[Segment]) -> Segments:
    """Trim and merge content parts as ``docs/evaluation.md`` describes.

    Args:
        text: The document text the offsets point into.
        segments: ``(start, end)`` parts.

    Returns:
        Sorted, disjoint, non-touching, non-empty parts; the raw parts (merged) if
        trimming would leave nothing.
    """
    raw = tuple(segments)
    trimmed = []
    for start, end in raw:
        while start < end and _trimmable(text[start]):
            start += 1
        while end > start and _trimmable(text[end - 1]):
            end -= 1
        trimmed.append((start, end))
    result = merge(trimmed)
    return result if result else merge(raw)


def length(segments: Segments) -> int:
    """The number of characters in merged ``segments``."""
    return sum(end - start for start, end in segments)


def intersection(a: Segments, b: Segments) -> int:
    """The number of characters two merged segment lists share."""
    total = 0
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if end > start:
            total += end - start
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def jaccard(a: Iterable[Segment], b: Iterable[Segment]) -> float:
    """Character Jaccard index of two sets of ``(start, end)`` segments.

    Segments within each argument may overlap or touch; they are merged first. Two
    empty sets have Jaccard 0.0.
    """
    left, right = merge(a), merge(b)
    inter = intersection(left, right)
    union = length(left) + length(right) - inter
    return inter / union if union else 0.0
