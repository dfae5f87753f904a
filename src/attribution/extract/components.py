"""spaCy components: paragraph-aware sentence boundaries and the attribution steps.

No ``from __future__ import annotations`` here: spaCy validates factory arguments from
their annotations (spaCy issue 7344).
"""

from collections.abc import Iterable, Sequence
from typing import Any, Dict, List, Optional

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..model import AttributedDocument
from ..serialize import from_dict, to_dict
from ._doctext import current_doc
from ._extensions import EXTENSION, register_extensions
from .base import Extractor
from .registry import build_steps
from .steps import STEPS

__all__ = ["SINGLE_STEP_FACTORIES", "AttributionPipe", "document_from_doc", "paragraph_boundaries"]

_FINAL = frozenset('.!?:;"”’\')]…')


@Language.component("attribution_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, before the parser runs.

    The parser otherwise merges a closing quotation with the next paragraph. A blank line
    is always a paragraph break. A single newline is one when the line before it ends in
    sentence-final punctuation or a closing quote, or when most single newlines in the
    document do (text that is not hard-wrapped): then every line is a paragraph.
    """
    breaks: list[tuple[int, bool, bool]] = []  # (index of next token, blank line, after final)
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            previous = token.nbor(-1) if token.i > 0 else None
            after_final = previous is None or previous.text[-1:] in _FINAL
            breaks.append((token.i + 1, token.text.count("\n") > 1, after_final))
    if not breaks:
        return doc
    single = [b for b in breaks if not b[1]]
    unwrapped = not single or sum(b[2] for b in single) * 2 >= len(single)
    starts = []
    for index, blank, after_final in breaks:
        if blank or after_final or unwrapped:
            while index < len(doc) and doc[index].is_space:
                index += 1
            if index < len(doc):
                starts.append(index)
    if starts:
        # Setting Token.is_sent_start scans the whole Doc for a parse each time: set the
        # first that way (it refuses a parsed Doc, as before) and the rest in one array.
        doc[starts[0]].is_sent_start = True
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


def document_from_doc(doc: Doc, *, id: str | None = None) -> AttributedDocument:
    """The document the attribution components stored on ``doc``.

    Raises:
        ValueError: No attribution component has run on ``doc``.
    """
    data = doc._.get(EXTENSION)
    if data is None:
        raise ValueError(
            "this Doc has no attribution results: add the 'attribution' component to the "
            "pipeline (attribution.extract.load_pipeline does)"
        )
    if id is not None and isinstance(data, dict) and id != data.get("id"):
        data = dict(data, id=id)  # built once, with the id asked for
    return from_dict(data)


def _store(doc: Doc, document: AttributedDocument) -> None:
    doc._.set(EXTENSION, to_dict(document))
    claims, cues, mentions = [], [], []
    for claim in document.claims:
        span = doc.char_span(claim.content.start, claim.content.end, label=claim.mode.value, alignment_mode="expand")
        if span is not None:
            claims.append(span)
        if claim.cue is not None:
            span = doc.char_span(claim.cue.start, claim.cue.end, label="cue", alignment_mode="expand")
            if span is not None:
                cues.append(span)
    for source in document.sources:
        for mention in source.mentions:
            span = doc.char_span(mention.start, mention.end, label=source.id, alignment_mode="expand")
            if span is not None:
                mentions.append(span)
    doc.spans["attribution_claims"] = claims
    doc.spans["attribution_cues"] = cues
    doc.spans["attribution_sources"] = mentions


class AttributionPipe:
    """Runs extractor steps on each Doc and stores the result in ``doc._.attribution``.

    The result is also exposed as span groups: ``doc.spans["attribution_claims"]``
    (claim contents labelled by mode), ``"attribution_cues"`` and
    ``"attribution_sources"`` (mentions labelled by source id).

    Plugin steps come wrapped in :class:`~attribution.extract.registry.PluginStep`: one
    that raises, or returns something other than an
    :class:`~attribution.model.AttributedDocument`, is reported once with a warning naming
    it and its package and skipped; the built-in steps still run.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        steps: Optional[List[str]] = None,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        step_config: Optional[Dict[str, Dict[str, Any]]] = None,
    ) -> None:
        register_extensions()
        self.name = name
        self.steps: list[Extractor] = build_steps(
            nlp, steps=steps, include=include, exclude=exclude, config=step_config or {}
        )

    def __call__(self, doc: Doc) -> Doc:
        data = doc._.get(EXTENSION)
        with current_doc(doc) as text:
            partial = from_dict(data) if data is not None else AttributedDocument(id="doc", text=text)
            for step in self.steps:
                partial = step(doc, partial)
            _store(doc, partial)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)


_DEFAULT_CONFIG: Dict[str, Any] = {"steps": None, "include": [], "exclude": [], "step_config": {}}


@Language.factory(
    "attribution",
    assigns=["doc._.attribution", "doc.spans"],
    requires=["token.dep", "token.pos"],
    default_config=_DEFAULT_CONFIG,
)
def make_attribution(
    nlp: Language,
    name: str,
    steps: Optional[List[str]],
    include: List[str],
    exclude: List[str],
    step_config: Dict[str, Dict[str, Any]],
) -> AttributionPipe:
    """The component that runs every enabled extractor step (built-ins and plugins)."""
    return AttributionPipe(nlp, name, steps=steps, include=include, exclude=exclude, step_config=step_config)


def _single_step_factory(component: str, step: str) -> Any:
    def make(nlp: Language, name: str, step_config: Dict[str, Any]) -> AttributionPipe:
        return AttributionPipe(nlp, name, steps=[step], step_config={step: step_config})

    make.__name__ = make.__qualname__ = f"make_{component}"
    make.__doc__ = f"The component that runs only the {step!r} step."
    return Language.factory(
        component,
        assigns=["doc._.attribution", "doc.spans"],
        requires=["token.dep", "token.pos"],
        default_config={"step_config": {}},
        func=make,
    )


#: The component that runs each built-in step alone, by component name (from the table of
#: steps). Each is also a module attribute, ``make_<component>``, which the package's
#: ``spacy_factories`` entry points name.
SINGLE_STEP_FACTORIES: Dict[str, Any] = {step.component: _single_step_factory(step.component, step.name) for step in STEPS}
globals().update({f"make_{component}": factory for component, factory in SINGLE_STEP_FACTORIES.items()})
