"""What the scorer compares: gold attributions, gold documents and predictions."""

from collections.abc import Iterable
from typing import Any

import attrs
from attrs import validators as v

from ..model import AttributedDocument, ClaimMode
from .segments import Segment, Segments

__all__ = ["GoldAttribution", "GoldDocument", "Prediction", "as_predictions", "predictions_from_document"]


def _segment(value: Any) -> Segment:
    start, end = value
    return (int(start), int(end))


def _segments(value: Iterable[Any]) -> Segments:
    return tuple(_segment(item) for item in value)


def _optional_segment(value: Any) -> Segment | None:
    return None if value is None else _segment(value)


def _check_segments(instance: Any, attribute: "attrs.Attribute[Segments]", value: Segments) -> None:
    for start, end in value:
        if start < 0 or end < start:
            raise ValueError(f"{attribute.name}: bad segment ({start}, {end})")


@attrs.frozen(kw_only=True)
class GoldAttribution:
    """One gold attribution relation.

    Attributes:
        content: The content's parts as ``(start, end)`` offsets, in order (one part
            when the content is continuous).
        mode: The gold type: direct, indirect or mixed.
        source: The source's parts; empty when the attribution has no source.
        cue: The cue's parts; empty when there is none.
        id: The annotation's identifier (PolNeAR's ``brat_event``), if any.
        kind: PolNeAR's ``kind`` (``Attribution`` or ``Attribution-no-source``), if any.
    """

    content: Segments = attrs.field(converter=_segments, validator=[v.min_len(1), _check_segments])
    mode: ClaimMode = attrs.field(converter=ClaimMode)
    source: Segments = attrs.field(default=(), converter=_segments, validator=_check_segments)
    cue: Segments = attrs.field(default=(), converter=_segments, validator=_check_segments)
    id: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))
    kind: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))


@attrs.frozen(kw_only=True)
class Prediction:
    """One predicted claim, reduced to what the scorer compares.

    Attributes:
        start: Offset of the content's first character.
        end: Offset one past the content's last character.
        mode: The predicted mode.
        source: The ``(start, end)`` of the speaker mention, or ``None``.
        parts: The content's parts when it is discontinuous; empty means one part,
            ``(start, end)``.
    """

    start: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    end: int = attrs.field(validator=[v.instance_of(int), v.ge(0)])
    mode: ClaimMode = attrs.field(converter=ClaimMode)
    source: Segment | None = attrs.field(default=None, converter=_optional_segment)
    parts: Segments = attrs.field(default=(), converter=_segments, validator=_check_segments)

    @end.validator
    def _check_end(self, attribute: "attrs.Attribute[int]", value: int) -> None:
        if value < self.start:
            raise ValueError(f"Prediction end {value} is before its start {self.start}")

    @property
    def content(self) -> Segments:
        """The content's parts (``((start, end),)`` when continuous)."""
        return self.parts or ((self.start, self.end),)


@attrs.frozen(kw_only=True)
class GoldDocument:
    """A gold document: its text and its attributions.

    Attributes:
        id: The document's identifier.
        text: The text every offset points into.
        attributions: The gold attributions, in file order.
        metadata: Every other top-level field of the JSONL line (split, annotator, ...).
    """

    id: str = attrs.field(validator=v.instance_of(str))
    text: str = attrs.field(validator=v.instance_of(str))
    attributions: tuple[GoldAttribution, ...] = attrs.field(default=(), converter=tuple)
    metadata: dict[str, Any] = attrs.field(factory=dict, converter=dict, hash=False)


def predictions_from_document(document: AttributedDocument) -> tuple[Prediction, ...]:
    """The claims of ``document`` as :class:`Prediction` records.

    A claim's speaker span is its ``source_mention``.
    """
    return tuple(
        Prediction(
            start=claim.content.start,
            end=claim.content.end,
            mode=claim.mode,
            source=(
                None
                if claim.source_mention is None
                else (claim.source_mention.start, claim.source_mention.end)
            ),
            parts=tuple((part.start, part.end) for part in claim.content_parts),
        )
        for claim in document.claims
    )


def as_predictions(predicted: Any, text: str) -> tuple[Prediction, ...]:
    """``predicted`` (a document over ``text``, or prediction records or tuples) as predictions."""
    if isinstance(predicted, AttributedDocument):
        if predicted.text != text:
            raise ValueError("the predicted document's text differs from the gold text")
        return predictions_from_document(predicted)
    result = []
    for item in predicted:
        if isinstance(item, Prediction):
            result.append(item)
        else:
            start, end, mode, source = item
            result.append(Prediction(start=start, end=end, mode=mode, source=source))
    return tuple(result)
