"""The component checks each finished document once, and the analyze path takes the very
document the component built (no model needed: a blank pipeline and steps of our own)."""

from typing import Any

import attrs
import pytest
import spacy

from attribution.errors import InvariantError
from attribution.extract.components import document_from_doc, stored_document
from attribution.extract.registry import PluginStep
from attribution.model import AttributedDocument, Source, SourceKind, deferred_checks
from attribution.runner import Record, process_records

TEXT = "Officials said so."


@attrs.define
class AddSource:
    """A step adding source ``id`` (a duplicate id breaks the document's invariants)."""

    id: str
    name: str = "test.add_source"
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()

    def __call__(self, doc: Any, partial: AttributedDocument) -> AttributedDocument:
        source = Source(id=self.id, kind=SourceKind.GROUP, name="officials")
        return attrs.evolve(partial, sources=(*partial.sources, source))


@attrs.define
class DropLastSource:
    """A step dropping the last source: it repairs what a duplicate broke."""

    name: str = "test.drop_last_source"
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()

    def __call__(self, doc: Any, partial: AttributedDocument) -> AttributedDocument:
        return attrs.evolve(partial, sources=partial.sources[:-1])


def _pipeline(*steps: Any) -> Any:
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("attribution", config={"steps": []})
    pipe.steps = list(steps)
    return nlp


def test_the_finished_document_is_checked() -> None:
    nlp = _pipeline(AddSource("s1"), AddSource("s1"))
    with pytest.raises(InvariantError, match="duplicate id 's1'"):
        nlp(TEXT)


def test_intermediate_documents_are_not_checked() -> None:
    # The second step's result breaks an invariant the third repairs: only the last counts.
    nlp = _pipeline(AddSource("s1"), AddSource("s1"), DropLastSource())
    document = document_from_doc(nlp(TEXT))
    assert [s.id for s in document.sources] == ["s1"]


def test_a_plugin_step_still_has_its_document_checked() -> None:
    guarded = PluginStep(AddSource("s1"), package="acme-plugins")
    nlp = _pipeline(AddSource("s1"), guarded)
    with pytest.warns(UserWarning, match="duplicate id 's1'"):
        document = document_from_doc(nlp(TEXT))
    assert [s.id for s in document.sources] == ["s1"] and guarded.failed


def test_stored_document_is_the_one_built_with_the_id_asked_for() -> None:
    nlp = _pipeline(AddSource("s1"))
    doc = nlp(TEXT)
    document, data = stored_document(doc, id="a-1")
    assert document == document_from_doc(doc, id="a-1")
    assert data == dict(doc._.attribution, id="a-1") and list(data)[:2] == ["schema_version", "id"]
    assert stored_document(doc)[0] is stored_document(doc)[0]  # no new document when the id is kept


def test_stored_document_reads_data_set_since() -> None:
    nlp = _pipeline(AddSource("s1"))
    doc = nlp(TEXT)
    doc._.attribution = dict(doc._.attribution, sources=[])
    document, data = stored_document(doc)
    assert document.sources == () and data["sources"] == []


def test_the_analyze_path_sees_a_later_component_edit_the_data_in_place() -> None:
    nlp = _pipeline(AddSource("s1"))

    @spacy.Language.component("test_rename_sources")
    def rename(doc: Any) -> Any:
        for source in doc._.attribution["sources"]:
            source["name"] = "renamed"
        return doc

    results = list(process_records([Record(id="a", text=TEXT)], nlp))
    assert results[0].sources[0].name == "officials"
    nlp.add_pipe("test_rename_sources")
    results = list(process_records([Record(id="a", text=TEXT)], nlp))
    assert results[0].id == "a" and results[0].sources[0].name == "renamed"


def test_deferred_checks_skip_the_document_check_only() -> None:
    broken = {"sources": (Source(id="s1", kind=SourceKind.GROUP),) * 2}
    with pytest.raises(InvariantError):
        AttributedDocument(id="d", text="", **broken)
    with deferred_checks():
        AttributedDocument(id="d", text="", **broken)  # no error: the caller checks
        with pytest.raises(TypeError):
            AttributedDocument(id="d", text=3)  # each field's own check still runs
        with deferred_checks(False), pytest.raises(InvariantError):
            AttributedDocument(id="d", text="", **broken)
    with pytest.raises(InvariantError):
        AttributedDocument(id="d", text="", **broken)
