"""Score extracted claims against gold attributions (PolNeAR-style JSONL).

This module imports neither spaCy nor the extractor: it compares *spans*. Gold documents
come from JSONL in the format of ``../shared/eval/README.md`` (one document per line,
read by :func:`read_gold` one line at a time); predictions are either
:class:`~attribution.model.AttributedDocument` objects or plain sequences of
:class:`Prediction` records (for baselines such as textacy).

Scoring rules
-------------
**Segments.** A content span is the set of characters of its parts: a gold
attribution's ``content_parts`` (or ``content`` when there are none), a claim's
``content_parts`` (or ``content`` when empty). Discontinuous content ("X," he said, "Y")
is therefore compared without the words between its parts.

**Normalisation** (for both matchings, on gold and predictions alike). Each part is
trimmed at both ends, repeatedly, of every character that is whitespace
(``str.isspace``, including no-break spaces), a quotation mark (:data:`QUOTE_MARKS`:
``" ' “ ” ‘ ’ „ ‚ « » ‹ › ` ´``) or punctuation from :data:`EDGE_PUNCTUATION`
(``. , ; : ! ? … - – —``). Parts left empty are dropped, and parts that touch or overlap
are merged. Nothing else is changed: a leading "that" stays (PolNeAR includes it in
indirect content), and so does inner punctuation. If normalisation would empty a span
entirely, its raw parts are used instead.

**Exact matching.** A prediction matches a gold attribution when their normalised
character sets are equal.

**Overlap matching.** A prediction matches a gold attribution when the character
Jaccard index of their normalised character sets, ``|A ∩ B| / |A ∪ B|``, is at least the
threshold (0.5 by default; the comparison is inclusive).

**One-to-one.** Within a document, candidate pairs are assigned greedily by best
Jaccard: all pairs that pass the matching rule are sorted by Jaccard (highest first;
ties by gold order, then prediction order) and a pair is kept when neither side is
already taken. Because PolNeAR's gold contents never overlap one another, a prediction
can pass the 0.5 threshold with two gold attributions only in the degenerate case of
exactly 0.5 with both, so greedy assignment equals a maximum matching in practice.
Duplicate predictions of one gold span count once as a true positive and otherwise as
false positives.

**Per mode.** Recall is by *gold* mode and precision by *predicted* mode. Recall for
mode *m* is the share of gold attributions of type *m* (direct, indirect, mixed) that
are matched, whatever mode the matching prediction carries (``tp_gold / gold``).
Precision for mode *m* is the share of predictions the extractor labelled *m* that are
matched to some gold attribution, whatever its type (``tp_predicted / predicted``): "when
the extractor says direct, how often is there an attribution there". Counting a matched
prediction under its gold mode instead would credit a mode's precision with predictions
of another mode (an extractor that labels everything indirect would get direct precision
1.0); counting it under its own mode keeps every prediction in exactly one mode's
denominator. Per-mode F1 is the harmonic mean of the two. Overall, both true-positive
counts are the number of matched pairs. Whether the modes agree is reported separately
(mode agreement and a confusion matrix over matched pairs). Note that PolNeAR's
``type`` is itself a heuristic from quotation marks.

**Speaker accuracy.** Over matched pairs whose gold has a source: the prediction is
right when its source span (a claim's ``source_mention``) shares at least one character
with one of the gold ``source_parts``. A prediction without a source is wrong there.
Matched pairs whose gold has no source (``Attribution-no-source``) are not scored and
are counted separately.

Precision, recall and F1 are micro-averaged over all documents; each is 0.0 when its
denominator is 0.
"""

import enum
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from attrs import validators as v

from .errors import InputError
from .model import AttributedDocument, ClaimMode

__all__ = [
    "EDGE_PUNCTUATION",
    "QUOTE_MARKS",
    "Alignment",
    "Counts",
    "DocumentScore",
    "Evaluation",
    "GoldAttribution",
    "GoldDocument",
    "Match",
    "Matching",
    "MatchingScores",
    "Prediction",
    "Scorer",
    "SpeakerCounts",
    "align",
    "evaluate_batched",
    "evaluate_documents",
    "evaluate_pairs",
    "jaccard",
    "normalize_segments",
    "parse_gold",
    "predictions_from_document",
    "read_gold",
]

#: Quotation marks trimmed from both ends of every content part before matching.
QUOTE_MARKS = "\"'“”‘’„‚«»‹›`´"

#: Punctuation trimmed from both ends of every content part before matching.
EDGE_PUNCTUATION = ".,;:!?…-–—"

_TRIM = frozenset(QUOTE_MARKS + EDGE_PUNCTUATION)

Segment = tuple[int, int]
Segments = tuple[Segment, ...]

_MODES = tuple(ClaimMode)


class Matching(str, enum.Enum):
    """How a prediction is matched to a gold attribution."""

    EXACT = "exact"
    OVERLAP = "overlap"


# -- records ---------------------------------------------------------------------------


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


def _as_predictions(predicted: Any, text: str) -> tuple[Prediction, ...]:
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


# -- reading gold JSONL ------------------------------------------------------------------


def _offsets(value: Any, text_length: int, what: str) -> Segment:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    ):
        raise ValueError(f"{what} must be a [start, end] pair of integers, not {value!r}")
    start, end = value
    if not 0 <= start <= end <= text_length:
        raise ValueError(f"{what} {value!r} is outside the text (0..{text_length})")
    return (start, end)


def _parts(quote: Mapping[str, Any], key: str, text_length: int, where: str) -> Segments:
    whole = quote.get(key)
    parts = quote.get(f"{key}_parts") or []
    if not isinstance(parts, list):
        raise ValueError(f"{where}.{key}_parts must be a list")
    if parts:
        return tuple(_offsets(p, text_length, f"{where}.{key}_parts[{i}]") for i, p in enumerate(parts))
    if whole is None:
        return ()
    return (_offsets(whole, text_length, f"{where}.{key}"),)


def parse_gold(line: str, *, source: str | None = None, line_number: int | None = None) -> GoldDocument:
    """Parse one JSONL line of gold data.

    Args:
        line: The JSON text of one document.
        source: The file name, for error messages.
        line_number: The 1-based line number, for error messages.

    Returns:
        The gold document.

    Raises:
        attribution.errors.InputError: The line is not valid JSON or not a gold
            document (the message names ``source:line_number``).
    """
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error}", source=source, line=line_number) from None
    try:
        if not isinstance(data, dict):
            raise ValueError(f"expected a JSON object, found {type(data).__name__}")
        for key in ("id", "text"):
            if not isinstance(data.get(key), str):
                raise ValueError(f"missing or non-string field {key!r}")
        quotes = data.get("quotes", [])
        if not isinstance(quotes, list):
            raise ValueError("'quotes' must be a list")
        text_length = len(data["text"])
        attributions = []
        for i, quote in enumerate(quotes):
            where = f"quotes[{i}]"
            if not isinstance(quote, dict):
                raise ValueError(f"{where} must be an object")
            mode = quote.get("type")
            if mode not in {m.value for m in ClaimMode}:
                choices = ", ".join(m.value for m in ClaimMode)
                raise ValueError(f"{where}.type is {mode!r}; expected one of {choices}")
            content = _parts(quote, "content", text_length, where)
            if not content:
                raise ValueError(f"{where} has no content")
            attributions.append(
                GoldAttribution(
                    content=content,
                    mode=mode,
                    source=_parts(quote, "source", text_length, where),
                    cue=_parts(quote, "cue", text_length, where),
                    id=quote.get("brat_event") if isinstance(quote.get("brat_event"), str) else None,
                    kind=quote.get("kind") if isinstance(quote.get("kind"), str) else None,
                )
            )
    except (ValueError, TypeError) as error:
        raise InputError(str(error), source=source, line=line_number) from None
    metadata = {k: val for k, val in data.items() if k not in ("id", "text", "quotes")}
    return GoldDocument(id=data["id"], text=data["text"], attributions=attributions, metadata=metadata)


def read_gold(path: "str | os.PathLike[str]", *, limit: int | None = None) -> Iterator[GoldDocument]:
    """Stream gold documents from a JSONL file, one line at a time.

    Blank lines are skipped. The file is opened when iteration starts.

    Args:
        path: The JSONL file.
        limit: Stop after this many documents.

    Yields:
        Each document in file order.

    Raises:
        attribution.errors.InputError: A line is not UTF-8, not JSON, or not a gold
            document; the message names the file and line.
        OSError: The file cannot be opened.
    """
    name = os.fspath(path)
    count = 0
    if limit is not None and limit <= 0:
        return
    with open(name, "rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(f"not UTF-8: {error.reason}", source=name, line=number) from None
            if not line.strip():
                continue
            yield parse_gold(line, source=name, line_number=number)
            count += 1
            if limit is not None and count >= limit:
                return


# -- spans -------------------------------------------------------------------------------


def _merge(segments: Iterable[Segment]) -> Segments:
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
    """Trim and merge content parts as the module docstring describes.

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
    result = _merge(trimmed)
    return result if result else _merge(raw)


def _length(segments: Segments) -> int:
    return sum(end - start for start, end in segments)


def _intersection(a: Segments, b: Segments) -> int:
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
    left, right = _merge(a), _merge(b)
    inter = _intersection(left, right)
    union = _length(left) + _length(right) - inter
    return inter / union if union else 0.0


# -- alignment ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Match:
    """A gold attribution paired with a prediction.

    Attributes:
        gold: Index into the document's gold attributions.
        prediction: Index into the document's predictions.
        jaccard: Character Jaccard of the normalised contents.
    """

    gold: int
    prediction: int
    jaccard: float


@attrs.frozen(kw_only=True)
class Alignment:
    """The one-to-one matching of one document's predictions to its gold.

    Attributes:
        matches: The matched pairs, in gold order.
        unmatched_gold: Indices of gold attributions left unmatched (false negatives).
        unmatched_predictions: Indices of predictions left unmatched (false positives).
    """

    matches: tuple[Match, ...]
    unmatched_gold: tuple[int, ...]
    unmatched_predictions: tuple[int, ...]


def align(
    text: str,
    gold: Sequence[GoldAttribution],
    predictions: Sequence[Prediction],
    *,
    matching: Matching | str = Matching.OVERLAP,
    threshold: float = 0.5,
) -> Alignment:
    """Match predictions to gold attributions one-to-one, greedily by best Jaccard.

    Args:
        text: The document text.
        gold: The gold attributions.
        predictions: The predictions.
        matching: ``"exact"`` (equal normalised spans) or ``"overlap"`` (Jaccard of
            normalised spans ``>= threshold``).
        threshold: The overlap threshold, in ``(0, 1]``.

    Returns:
        The matched pairs and the indices left over on each side.
    """
    matching = Matching(matching)
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    gold_spans = [normalize_segments(text, g.content) for g in gold]
    pred_spans = [normalize_segments(text, p.content) for p in predictions]
    candidates = []
    for gi, g_span in enumerate(gold_spans):
        g_len = _length(g_span)
        for pi, p_span in enumerate(pred_spans):
            if matching is Matching.EXACT:
                if g_span == p_span:
                    candidates.append((1.0, gi, pi))
                continue
            inter = _intersection(g_span, p_span)
            if not inter:
                continue
            score = inter / (g_len + _length(p_span) - inter)
            if score >= threshold:
                candidates.append((score, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for score, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        matches.append(Match(gold=gi, prediction=pi, jaccard=score))
    matches.sort(key=lambda m: m.gold)
    return Alignment(
        matches=tuple(matches),
        unmatched_gold=tuple(i for i in range(len(gold)) if i not in used_gold),
        unmatched_predictions=tuple(i for i in range(len(predictions)) if i not in used_pred),
    )


def _speaker_right(gold: GoldAttribution, prediction: Prediction) -> bool:
    if prediction.source is None:
        return False
    return _intersection(_merge(gold.source), _merge([prediction.source])) > 0


# -- scores ------------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@attrs.frozen(kw_only=True)
class Counts:
    """Micro counts and the scores derived from them.

    Overall, both true-positive counts equal the number of matched pairs. Per mode,
    ``tp_gold`` counts matched gold attributions *of that gold mode* (recall's
    numerator) and ``tp_predicted`` matched predictions *of that predicted mode*
    (precision's numerator); they differ when the extractor's mode disagrees with the
    gold one.

    Attributes:
        tp_gold: Matched gold attributions.
        tp_predicted: Matched predictions.
        fp: False positives (unmatched predictions).
        fn: False negatives (unmatched gold).
    """

    tp_gold: int = 0
    tp_predicted: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def tp(self) -> int:
        """True positives on the gold side (``tp_gold``)."""
        return self.tp_gold

    @property
    def gold(self) -> int:
        """Gold attributions counted: ``tp_gold + fn``."""
        return self.tp_gold + self.fn

    @property
    def predicted(self) -> int:
        """Predictions counted: ``tp_predicted + fp``."""
        return self.tp_predicted + self.fp

    @property
    def precision(self) -> float:
        """``tp_predicted / predicted``, 0.0 without predictions."""
        return _ratio(self.tp_predicted, self.predicted)

    @property
    def recall(self) -> float:
        """``tp_gold / gold``, 0.0 without gold."""
        return _ratio(self.tp_gold, self.gold)

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall, 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Counts and scores as plain data."""
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "tp_gold": self.tp_gold,
            "tp_predicted": self.tp_predicted,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@attrs.frozen(kw_only=True)
class SpeakerCounts:
    """Speaker accuracy over matched pairs.

    Attributes:
        scored: Matched pairs whose gold has a source.
        correct: Of those, pairs whose predicted source overlaps the gold source.
        gold_without_source: Matched pairs whose gold has no source (not scored).
    """

    scored: int = 0
    correct: int = 0
    gold_without_source: int = 0

    @property
    def accuracy(self) -> float:
        """``correct / scored``, 0.0 when nothing was scored."""
        return _ratio(self.correct, self.scored)

    def to_dict(self) -> dict[str, Any]:
        """Counts and accuracy as plain data."""
        return {
            "scored": self.scored,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "gold_without_source": self.gold_without_source,
        }


@attrs.frozen(kw_only=True)
class MatchingScores:
    """Every score under one matching rule.

    Attributes:
        matching: Exact or overlap.
        overall: Counts over all modes.
        by_mode: Counts per mode (every mode present): gold-side counts (``tp_gold``,
            ``fn``) by gold mode, prediction-side counts (``tp_predicted``, ``fp``) by
            predicted mode.
        speaker: Speaker accuracy on the matched pairs.
        mode_confusion: ``mode_confusion[gold][predicted]`` counts matched pairs.
    """

    matching: Matching
    overall: Counts
    by_mode: dict[ClaimMode, Counts] = attrs.field(hash=False)
    speaker: SpeakerCounts
    mode_confusion: dict[ClaimMode, dict[ClaimMode, int]] = attrs.field(hash=False)

    @property
    def mode_accuracy(self) -> float:
        """Share of matched pairs whose predicted mode equals the gold mode."""
        agree = sum(self.mode_confusion[m][m] for m in _MODES)
        total = sum(sum(row.values()) for row in self.mode_confusion.values())
        return _ratio(agree, total)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain data (modes as strings)."""
        return {
            "overall": self.overall.to_dict(),
            "by_mode": {m.value: c.to_dict() for m, c in self.by_mode.items()},
            "speaker": self.speaker.to_dict(),
            "mode_accuracy": self.mode_accuracy,
            "mode_confusion": {
                g.value: {p.value: n for p, n in row.items()} for g, row in self.mode_confusion.items()
            },
        }


@attrs.frozen(kw_only=True)
class Evaluation:
    """The result of scoring a set of documents.

    Attributes:
        documents: Documents scored.
        gold: Gold attributions in them.
        predicted: Predictions made for them.
        threshold: The overlap Jaccard threshold used.
        exact: Scores under exact matching.
        overlap: Scores under overlap matching.
    """

    documents: int
    gold: int
    predicted: int
    threshold: float
    exact: MatchingScores
    overlap: MatchingScores

    def to_dict(self) -> dict[str, Any]:
        """Everything as JSON-compatible data."""
        return {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "threshold": self.threshold,
            "exact": self.exact.to_dict(),
            "overlap": self.overlap.to_dict(),
        }

    def format_table(self, title: str | None = None) -> str:
        """A plain-text table of the scores (Markdown-compatible rows)."""
        lines = []
        if title:
            lines.append(title)
        lines.append(
            f"{self.documents} documents, {self.gold} gold attributions, {self.predicted} predictions; "
            f"overlap = character Jaccard >= {self.threshold:g}, one-to-one"
        )
        lines.append("")
        header = ("matching", "mode", "gold", "pred", "tp_gold", "tp_pred", "fp", "fn", "P", "R", "F1")
        rows = [header]
        for scores in (self.exact, self.overlap):
            entries = [("all", scores.overall)] + [(m.value, scores.by_mode[m]) for m in _MODES]
            for label, c in entries:
                rows.append(
                    (
                        scores.matching.value,
                        label,
                        str(c.gold),
                        str(c.predicted),
                        str(c.tp_gold),
                        str(c.tp_predicted),
                        str(c.fp),
                        str(c.fn),
                        f"{c.precision:.3f}",
                        f"{c.recall:.3f}",
                        f"{c.f1:.3f}",
                    )
                )
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        for n, row in enumerate(rows):
            cells = [
                cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))
            ]
            lines.append("| " + " | ".join(cells) + " |")
            if n == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        lines.append("")
        for scores in (self.exact, self.overlap):
            s = scores.speaker
            lines.append(
                f"speaker accuracy ({scores.matching.value} matches): {s.accuracy:.3f} "
                f"({s.correct}/{s.scored}; {s.gold_without_source} matched gold without a source not scored)"
            )
        for scores in (self.exact, self.overlap):
            total = sum(sum(row.values()) for row in scores.mode_confusion.values())
            lines.append(
                f"mode agreement ({scores.matching.value} matches): {scores.mode_accuracy:.3f} of {total}"
            )
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class DocumentScore:
    """One document's predictions and their alignments, for error analysis.

    Attributes:
        document: The gold document.
        predictions: The predictions made for it.
        exact: The alignment under exact matching.
        overlap: The alignment under overlap matching.
    """

    document: GoldDocument
    predictions: tuple[Prediction, ...]
    exact: Alignment
    overlap: Alignment


class _Tally:
    def __init__(self, matching: Matching) -> None:
        self.matching = matching
        self.counts = {m: [0, 0, 0, 0] for m in _MODES}  # tp_gold, tp_predicted, fp, fn
        self.speaker = [0, 0, 0]
        self.confusion = {g: {p: 0 for p in _MODES} for g in _MODES}

    def add(
        self, gold: Sequence[GoldAttribution], predictions: Sequence[Prediction], alignment: Alignment
    ) -> None:
        for match in alignment.matches:
            g, p = gold[match.gold], predictions[match.prediction]
            self.counts[g.mode][0] += 1
            self.counts[p.mode][1] += 1
            self.confusion[g.mode][p.mode] += 1
            if not g.source:
                self.speaker[2] += 1
            else:
                self.speaker[0] += 1
                self.speaker[1] += _speaker_right(g, p)
        for i in alignment.unmatched_predictions:
            self.counts[predictions[i].mode][2] += 1
        for i in alignment.unmatched_gold:
            self.counts[gold[i].mode][3] += 1

    def freeze(self) -> MatchingScores:
        by_mode = {
            m: Counts(tp_gold=c[0], tp_predicted=c[1], fp=c[2], fn=c[3]) for m, c in self.counts.items()
        }
        overall = Counts(
            tp_gold=sum(c.tp_gold for c in by_mode.values()),
            tp_predicted=sum(c.tp_predicted for c in by_mode.values()),
            fp=sum(c.fp for c in by_mode.values()),
            fn=sum(c.fn for c in by_mode.values()),
        )
        return MatchingScores(
            matching=self.matching,
            overall=overall,
            by_mode=by_mode,
            speaker=SpeakerCounts(
                scored=self.speaker[0], correct=self.speaker[1], gold_without_source=self.speaker[2]
            ),
            mode_confusion={g: dict(row) for g, row in self.confusion.items()},
        )


class Scorer:
    """Accumulates scores document by document; keeps only counts, not documents.

    Args:
        threshold: The overlap Jaccard threshold (default 0.5).

    Example:
        >>> scorer = Scorer()
        >>> for gold in read_gold(path):  # doctest: +SKIP
        ...     scorer.add(gold, my_extractor(gold.text))
        >>> print(scorer.result().format_table())  # doctest: +SKIP
    """

    def __init__(self, *, threshold: float = 0.5) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self._documents = 0
        self._gold = 0
        self._predicted = 0
        self._exact = _Tally(Matching.EXACT)
        self._overlap = _Tally(Matching.OVERLAP)

    def add(
        self,
        gold: GoldDocument,
        predicted: "AttributedDocument | Iterable[Prediction | tuple[int, int, Any, Any]]",
    ) -> DocumentScore:
        """Score one document and add it to the totals.

        Args:
            gold: The gold document.
            predicted: An :class:`~attribution.model.AttributedDocument` over the same
                text, or predictions (:class:`Prediction` records, or
                ``(content_start, content_end, mode, source_span_or_None)`` tuples).

        Returns:
            The document's alignments, for error analysis.

        Raises:
            ValueError: A predicted document's text differs from the gold text.
        """
        predictions = _as_predictions(predicted, gold.text)
        attributions = gold.attributions
        exact = align(gold.text, attributions, predictions, matching=Matching.EXACT)
        overlap = align(
            gold.text, attributions, predictions, matching=Matching.OVERLAP, threshold=self.threshold
        )
        self._exact.add(attributions, predictions, exact)
        self._overlap.add(attributions, predictions, overlap)
        self._documents += 1
        self._gold += len(attributions)
        self._predicted += len(predictions)
        return DocumentScore(document=gold, predictions=predictions, exact=exact, overlap=overlap)

    def result(self) -> Evaluation:
        """The scores over every document added so far."""
        return Evaluation(
            documents=self._documents,
            gold=self._gold,
            predicted=self._predicted,
            threshold=self.threshold,
            exact=self._exact.freeze(),
            overlap=self._overlap.freeze(),
        )


def evaluate_pairs(
    pairs: Iterable[tuple[GoldDocument, Any]],
    *,
    threshold: float = 0.5,
    on_document: Callable[[DocumentScore], None] | None = None,
) -> Evaluation:
    """Score ``(gold, predicted)`` pairs, streaming.

    Use this when predictions come from a batched extractor (``nlp.pipe``); see
    :meth:`Scorer.add` for what ``predicted`` may be.

    Args:
        pairs: Gold documents with their predictions.
        threshold: The overlap Jaccard threshold.
        on_document: Called with each document's :class:`DocumentScore` (error dumps).

    Returns:
        The scores.
    """
    scorer = Scorer(threshold=threshold)
    for gold, predicted in pairs:
        score = scorer.add(gold, predicted)
        if on_document is not None:
            on_document(score)
    return scorer.result()


def evaluate_documents(
    gold_docs: Iterable[GoldDocument],
    predict: Callable[[str], Any],
    *,
    threshold: float = 0.5,
    on_document: Callable[[DocumentScore], None] | None = None,
) -> Evaluation:
    """Run ``predict`` on each gold document's text and score the result.

    Args:
        gold_docs: Gold documents, e.g. ``read_gold(path)``.
        predict: Maps a text to an :class:`~attribution.model.AttributedDocument` or to
            an iterable of :class:`Prediction` records.
        threshold: The overlap Jaccard threshold.
        on_document: Called with each document's :class:`DocumentScore`.

    Returns:
        The scores.
    """
    return evaluate_pairs(
        ((gold, predict(gold.text)) for gold in gold_docs), threshold=threshold, on_document=on_document
    )


def evaluate_batched(
    gold_docs: Iterable[GoldDocument],
    predict_many: Callable[[Iterator[str]], Iterable[Any]],
    *,
    threshold: float = 0.5,
    on_document: Callable[[DocumentScore], None] | None = None,
) -> Evaluation:
    """Score a batched extractor that maps a stream of texts to a stream of results.

    The texts are fed lazily, so memory stays flat for an extractor that streams (such
    as ``attribution.extract.analyze_many``, built on ``nlp.pipe``): only the documents
    between the one being read and the one being scored are held.

    Args:
        gold_docs: Gold documents, e.g. ``read_gold(path)``.
        predict_many: Maps an iterator of texts to results in the same order, each an
            :class:`~attribution.model.AttributedDocument` or an iterable of
            :class:`Prediction` records.
        threshold: The overlap Jaccard threshold.
        on_document: Called with each document's :class:`DocumentScore`.

    Returns:
        The scores.

    Raises:
        ValueError: ``predict_many`` returned fewer or more results than texts.
    """
    for_texts, for_scoring = itertools.tee(gold_docs)
    results = predict_many(gold.text for gold in for_texts)
    return evaluate_pairs(
        zip(for_scoring, results, strict=True), threshold=threshold, on_document=on_document
    )
