"""Score types: counts, speaker accuracy, scores per matching rule, the evaluation."""

from typing import Any, ClassVar

import attrs

from ..converter import converter
from ..model import ClaimMode
from .alignment import Matching
from .report import format_table

__all__ = ["Counts", "Evaluation", "MatchingScores", "SpeakerCounts"]

_MODES = tuple(ClaimMode)


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

    #: Derived scores written beside the fields when unstructured (see :mod:`attribution.converter`).
    WRITTEN_PROPERTIES: ClassVar[tuple[str, ...]] = ("gold", "predicted", "tp", "precision", "recall", "f1")

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
        return converter.unstructure(self)


@attrs.frozen(kw_only=True)
class SpeakerCounts:
    """Speaker accuracy over matched pairs.

    Attributes:
        scored: Matched pairs whose gold has a source.
        correct: Of those, pairs whose predicted source overlaps the gold source.
        gold_without_source: Matched pairs whose gold has no source (not scored).
    """

    #: Derived scores written beside the fields when unstructured.
    WRITTEN_PROPERTIES: ClassVar[tuple[str, ...]] = ("accuracy",)

    scored: int = 0
    correct: int = 0
    gold_without_source: int = 0

    @property
    def accuracy(self) -> float:
        """``correct / scored``, 0.0 when nothing was scored."""
        return _ratio(self.correct, self.scored)

    def to_dict(self) -> dict[str, Any]:
        """Counts and accuracy as plain data."""
        return converter.unstructure(self)


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

    #: Derived scores written beside the fields when unstructured.
    WRITTEN_PROPERTIES: ClassVar[tuple[str, ...]] = ("mode_accuracy",)

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
        return converter.unstructure(self)


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
        return converter.unstructure(self)

    def format_table(self, title: str | None = None) -> str:
        """A plain-text table of the scores (Markdown-compatible rows)."""
        return format_table(self, title)
