"""Matching predictions to gold attributions, one to one."""

import enum
from collections.abc import Sequence

import attrs

from .records import GoldAttribution, Prediction
from .segments import intersection, length, merge, normalize_segments

__all__ = ["Alignment", "Match", "Matching", "align", "speaker_right"]


class Matching(str, enum.Enum):
    """How a prediction is matched to a gold attribution."""

    EXACT = "exact"
    OVERLAP = "overlap"



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
        g_len = length(g_span)
        for pi, p_span in enumerate(pred_spans):
            if matching is Matching.EXACT:
                if g_span == p_span:
                    candidates.append((1.0, gi, pi))
                continue
            inter = intersection(g_span, p_span)
            if not inter:
                continue
            score = inter / (g_len + length(p_span) - inter)
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


def speaker_right(gold: GoldAttribution, prediction: Prediction) -> bool:
    """Whether the prediction's speaker span shares a character with the gold source."""
    if prediction.source is None:
        return False
    return intersection(merge(gold.source), merge([prediction.source])) > 0
