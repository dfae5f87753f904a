"""Score extracted claims against gold attributions (PolNeAR-style JSONL).

This package imports neither spaCy nor the extractor: it compares *spans*. Gold
documents come from JSONL in the format of ``../shared/eval/README.md`` (one document per
line, read by :func:`read_gold` one line at a time) or from the project's own attributed
documents (:func:`gold_from_document`); predictions are either
:class:`~attribution.model.AttributedDocument` objects or plain sequences of
:class:`Prediction` records (for baselines such as textacy).

The scoring rules (segments, normalisation, exact and overlap matching, one-to-one
assignment, per-mode precision and recall, speaker accuracy) are written out in
``docs/evaluation.md``.

Modules, left to right: ``segments`` (normalisation and Jaccard), ``records`` (gold and
prediction records), ``gold`` (reading gold), ``alignment`` (one-to-one matching),
``scores`` (result types), ``report`` (the table), ``drivers`` (:class:`Scorer` and the
``evaluate_*`` functions).
"""

from .alignment import Alignment, Match, Matching, align
from .drivers import DocumentScore, Scorer, evaluate_batched, evaluate_documents, evaluate_pairs
from .gold import gold_from_document, iter_gold, parse_gold, read_gold
from .records import GoldAttribution, GoldDocument, Prediction, predictions_from_document
from .scores import Counts, Evaluation, MatchingScores, SpeakerCounts
from .segments import EDGE_PUNCTUATION, QUOTE_MARKS, jaccard, normalize_segments

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
    "gold_from_document",
    "iter_gold",
    "jaccard",
    "normalize_segments",
    "parse_gold",
    "predictions_from_document",
    "read_gold",
]
