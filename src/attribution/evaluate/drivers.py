"""Scoring drivers: the streaming :class:`Scorer` and the ``evaluate_*`` helpers."""

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from ..model import AttributedDocument, ClaimMode
from .alignment import Alignment, Matching, align, speaker_right
from .records import GoldAttribution, GoldDocument, Prediction, as_predictions
from .scores import Counts, Evaluation, MatchingScores, SpeakerCounts

__all__ = ["DocumentScore", "Scorer", "evaluate_batched", "evaluate_documents", "evaluate_pairs"]

_MODES = tuple(ClaimMode)


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
                self.speaker[1] += speaker_right(g, p)
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
        predictions = as_predictions(predicted, gold.text)
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
