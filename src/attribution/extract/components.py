"""spaCy components: paragraph-aware sentence boundaries and the attribution steps.

No ``from __future__ import annotations`` here: spaCy validates factory arguments from
their annotations (spaCy issue 7344).
"""

import weakref
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import attrs
import srsly
from spacy import util
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import InvariantError
from ..model import AttributedDocument, check_document, deferred_checks
from ..serialize import from_dict, to_dict
from ._doctext import current_doc
from ._extensions import EXTENSION, register_extensions
from .base import Extractor
from .lexicon import default_lexicons
from .lexicon_set import LexiconSet, using_lexicons
from .registry import build_steps
from .steps import STEPS

__all__ = ["SINGLE_STEP_FACTORIES", "AttributionPipe", "document_from_doc", "paragraph_boundaries", "stored_document"]

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
    spaces = doc.to_array(IS_SPACE)
    for i in spaces[:-1].nonzero()[0].tolist():  # only a space token can break a paragraph
        token = doc[i]
        if "\n" in token.text:
            previous = doc[i - 1] if i > 0 else None
            after_final = previous is None or previous.text[-1:] in _FINAL
            breaks.append((i + 1, token.text.count("\n") > 1, after_final))
    if not breaks:
        return doc
    single = [b for b in breaks if not b[1]]
    unwrapped = not single or sum(b[2] for b in single) * 2 >= len(single)
    starts = []
    for index, blank, after_final in breaks:
        if blank or after_final or unwrapped:
            while index < len(doc) and spaces[index]:
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


def stored_document(doc: Doc, *, id: str | None = None) -> tuple[AttributedDocument, Dict[str, Any]]:
    """The document the attribution component stored on ``doc``, and its data.

    Right after the component ran, this is the very document it built, not one built
    again from ``doc._.attribution`` (which costs more than some steps), and the data are
    ``doc._.attribution`` (the document's :func:`~attribution.serialize.to_dict`), with
    ``id`` in both when given. When ``doc._.attribution`` is no longer the data the
    component stored (something set it since) the document is built from it, as
    :func:`document_from_doc` does. A change made *inside* those data (the same dict,
    edited in place) is not seen: read them with :func:`document_from_doc` then.

    Raises:
        ValueError: No attribution component has run on ``doc``.
    """
    data = doc._.get(EXTENSION)
    built = _BUILT.get(doc)
    if built is None or built[0] is not data:
        document = document_from_doc(doc, id=id)
        return document, to_dict(document)
    document = built[1]
    if id is not None and id != document.id:
        with deferred_checks():  # a new document id changes no invariant across objects
            document = attrs.evolve(document, id=id)
        data = dict(data, id=id)
    return document, data


#: The document each Doc's data were stored from, with the data (see :func:`stored_document`).
_BUILT: "weakref.WeakKeyDictionary[Doc, tuple[Any, AttributedDocument]]" = weakref.WeakKeyDictionary()


def _store(doc: Doc, document: AttributedDocument) -> None:
    data = to_dict(document)
    doc._.set(EXTENSION, data)
    _BUILT[doc] = (data, document)
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


def _empty(text: str) -> AttributedDocument:
    """The document the steps start from: ``text`` and nothing in it (nothing to check across objects)."""
    with deferred_checks():
        return AttributedDocument(id="doc", text=text)


class AttributionPipe:
    """Runs extractor steps on each Doc and stores the result in ``doc._.attribution``.

    The result is also exposed as span groups: ``doc.spans["attribution_claims"]``
    (claim contents labelled by mode), ``"attribution_cues"`` and
    ``"attribution_sources"`` (mentions labelled by source id).

    Plugin steps come wrapped in :class:`~attribution.extract.registry.PluginStep`: one
    that raises, or returns something other than an
    :class:`~attribution.model.AttributedDocument`, is reported once with a warning naming
    it and its package and skipped; the built-in steps still run.

    The lexicons the steps read are the component's own state, as spaCy's ``span_ruler``
    keeps its patterns: :attr:`lexicons` is loaded when the component is built (the
    package's data with the installed plugins' patches, then ``lexicons`` from its
    config), can be changed with :meth:`set_lexicons` or ``initialize(lexicons=...)``,
    and is written by ``nlp.to_disk`` (``lexicons/<name>.jsonl``) and read back by
    ``spacy.load``, so a saved pipeline extracts with the lexicons it was saved with.

    Attributes:
        name: The component's name in the pipeline.
        steps: The steps, in the order they run.
        lexicons: The lexicons the steps were built with and run with.
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
        lexicons: Optional[Mapping[str, Iterable[Mapping[str, Any]]]] = None,
    ) -> None:
        register_extensions()
        self.name = name
        self.nlp = nlp
        self._options: Dict[str, Any] = {"steps": steps, "include": include, "exclude": exclude, "config": step_config or {}}
        self.lexicons: LexiconSet = default_lexicons().replace(lexicons or {})
        self.steps: list[Extractor] = self._build()

    def _build(self) -> list[Extractor]:
        with using_lexicons(self.lexicons):
            return build_steps(self.nlp, **self._options)

    def set_lexicons(self, lexicons: Mapping[str, Iterable[Mapping[str, Any]]]) -> None:
        """Give the lexicons named in ``lexicons`` these entries, and rebuild the steps.

        Args:
            lexicons: Entries by lexicon name (``{"reporting_verbs": [{...}, ...]}``), in
                the lexicon files' format; each replaces that lexicon's entries. To add
                entries, start from ``self.lexicons.entries(name)``.

        Raises:
            ConfigError: An unknown lexicon, or an entry with an unknown or missing key
                or a value of the wrong type.
        """
        changed = self.lexicons.replace(lexicons)
        if changed.lexicons != self.lexicons.lexicons:
            self.lexicons = changed
            self.steps = self._build()

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Optional[Language] = None,
        lexicons: Optional[Mapping[str, Iterable[Mapping[str, Any]]]] = None,
    ) -> None:
        """Set the component up with ``nlp.initialize()``; ``lexicons`` as in :meth:`set_lexicons`.

        The ``[initialize.components.attribution]`` block of a spaCy config can give
        ``lexicons`` (for example read from JSONL files with spaCy's readers).
        """
        if lexicons:
            self.set_lexicons(lexicons)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The component's lexicons as bytes."""
        return util.to_bytes({"lexicons": lambda: srsly.json_dumps(self.lexicons.to_dict())}, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "AttributionPipe":
        """Read the lexicons :meth:`to_bytes` wrote, and rebuild the steps with them."""
        util.from_bytes(bytes_data, {"lexicons": lambda b: self.set_lexicons(srsly.json_loads(b))}, exclude)
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """Write every lexicon to ``path/lexicons/<name>.jsonl`` (``nlp.to_disk`` calls this)."""

        def write(directory: Path) -> None:
            directory.mkdir(parents=True, exist_ok=True)
            for lexicon, entries in self.lexicons.to_dict().items():
                srsly.write_jsonl(directory / f"{lexicon}.jsonl", entries)

        util.to_disk(util.ensure_path(path), {"lexicons": write}, exclude)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "AttributionPipe":
        """Read the lexicons :meth:`to_disk` wrote, and rebuild the steps (``spacy.load`` calls this).

        The saved lexicons take the place of the ones loaded when the component was built;
        a lexicon the saved pipeline does not have (one added by a later version of this
        package) keeps its entries.
        """

        def read(directory: Path) -> None:
            saved = {p.stem: list(srsly.read_jsonl(p)) for p in sorted(directory.glob("*.jsonl"))}
            self.set_lexicons(saved)

        util.from_disk(util.ensure_path(path), {"lexicons": read}, exclude)
        return self

    def __call__(self, doc: Doc) -> Doc:
        data = doc._.get(EXTENSION)
        with current_doc(doc) as text, using_lexicons(self.lexicons):
            partial = from_dict(data) if data is not None else _empty(text)
            # Each step builds a new document; the invariants across objects are checked
            # once, on the last (plugin steps still have theirs checked: PluginStep).
            with deferred_checks():
                for step in self.steps:
                    partial = step(doc, partial)
            problems = check_document(partial)
            if problems:
                raise InvariantError(problems)
            _store(doc, partial)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of Docs."""
        for doc in docs:
            yield self(doc)


_DEFAULT_CONFIG: Dict[str, Any] = {"steps": None, "include": [], "exclude": [], "step_config": {}, "lexicons": {}}


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
    lexicons: Dict[str, List[Dict[str, Any]]],
) -> AttributionPipe:
    """The component that runs every enabled extractor step (built-ins and plugins)."""
    return AttributionPipe(
        nlp, name, steps=steps, include=include, exclude=exclude, step_config=step_config, lexicons=lexicons
    )


def _single_step_factory(component: str, step: str) -> Any:
    def make(
        nlp: Language, name: str, step_config: Dict[str, Any], lexicons: Dict[str, List[Dict[str, Any]]]
    ) -> AttributionPipe:
        return AttributionPipe(nlp, name, steps=[step], step_config={step: step_config}, lexicons=lexicons)

    make.__name__ = make.__qualname__ = f"make_{component}"
    make.__doc__ = f"The component that runs only the {step!r} step."
    return Language.factory(
        component,
        assigns=["doc._.attribution", "doc.spans"],
        requires=["token.dep", "token.pos"],
        default_config={"step_config": {}, "lexicons": {}},
        func=make,
    )


#: The component that runs each built-in step alone, by component name (from the table of
#: steps). Each is also a module attribute, ``make_<component>``, which the package's
#: ``spacy_factories`` entry points name.
SINGLE_STEP_FACTORIES: Dict[str, Any] = {step.component: _single_step_factory(step.component, step.name) for step in STEPS}
globals().update({f"make_{component}": factory for component, factory in SINGLE_STEP_FACTORIES.items()})
