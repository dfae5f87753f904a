"""The evaluation as a plain-text table (Markdown-compatible rows)."""

from typing import Any

from ..model import ClaimMode

__all__ = ["format_table"]

_MODES = tuple(ClaimMode)


def format_table(evaluation: Any, title: str | None = None) -> str:
    """A plain-text table of ``evaluation``: counts and P/R/F1 by matching and mode,
    then speaker accuracy and mode agreement.

    Args:
        evaluation: The scores, an :class:`~attribution.evaluate.Evaluation`.
        title: A first line, if any.
    """
    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"{evaluation.documents} documents, {evaluation.gold} gold attributions, "
        f"{evaluation.predicted} predictions; "
        f"overlap = character Jaccard >= {evaluation.threshold:g}, one-to-one"
    )
    lines.append("")
    header = ("matching", "mode", "gold", "pred", "tp_gold", "tp_pred", "fp", "fn", "P", "R", "F1")
    rows = [header]
    for scores in (evaluation.exact, evaluation.overlap):
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
    for scores in (evaluation.exact, evaluation.overlap):
        s = scores.speaker
        lines.append(
            f"speaker accuracy ({scores.matching.value} matches): {s.accuracy:.3f} "
            f"({s.correct}/{s.scored}; {s.gold_without_source} matched gold without a source not scored)"
        )
    for scores in (evaluation.exact, evaluation.overlap):
        total = sum(sum(row.values()) for row in scores.mode_confusion.values())
        lines.append(
            f"mode agreement ({scores.matching.value} matches): {scores.mode_accuracy:.3f} of {total}"
        )
    return "\n".join(lines)
