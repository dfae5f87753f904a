"""The attrs models: per-object validation, document invariants and lookups."""

import attrs
import pytest
from hypothesis import given

from attribution.errors import InvariantError
from attribution.model import (
    AnonymityCondition,
    AttributedDocument,
    Claim,
    NonResponse,
    Rebuttal,
    Source,
    SourceKind,
    Span,
    check_document,
)
from attribution.testing import strategies as ats

TEXT = "Two officials said the talks failed. The ministry declined to comment."


def span(text: str) -> Span:
    start = TEXT.index(text)
    return Span.of(TEXT, start, start + len(text))


def document(**changes: object) -> AttributedDocument:
    fields: dict[str, object] = {
        "id": "doc",
        "text": TEXT,
        "sources": [
            Source(
                id="g",
                kind="group",
                anonymous=True,
                count=2,
                count_qualifier="exact",
                mentions=[span("Two officials")],
            ),
            Source(id="m", kind="person", anonymous=True, member_of="g"),
            Source(id="min", kind="government", name="ministry", mentions=[span("The ministry")]),
        ],
        "claims": [
            Claim(
                id="c1", source="g", content=span("the talks failed"), cue=span("said"), mode="indirect"
            ),
            Claim(id="c2", source="m", content=span("talks"), mode="direct", parent="c1"),
        ],
        "rebuttals": [Rebuttal(id="r1", claim="c2", target="c1", kind="dispute")],
        "anonymity_conditions": [
            AnonymityCondition(id="a1", sources=["g"], kind="other", evidence=span("Two"))
        ],
        "non_responses": [
            NonResponse(
                id="n1", source="min", kind="declined_to_comment", evidence=span("declined to comment")
            )
        ],
    }
    fields.update(changes)
    return AttributedDocument(**fields)  # type: ignore[arg-type]


def invariant_problems(**changes: object) -> list[tuple[str, str]]:
    with pytest.raises(InvariantError) as info:
        document(**changes)
    return [(p.pointer, p.rule) for p in info.value.problems]


def test_valid_document_builds_and_has_no_problems():
    doc = document()
    assert check_document(doc) == []
    assert doc.source("g").count == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": -1, "end": 0, "text": ""}, ">= 0"),
        ({"start": 2, "end": 1, "text": ""}, "before its start"),
        ({"start": 0, "end": 2, "text": "x"}, "end - start"),
    ],
)
def test_span_rejects_bad_offsets(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Span(**kwargs)


def test_span_of_slices_the_text():
    assert Span.of("abcdef", 1, 4) == Span(start=1, end=4, text="bcd")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"anonymous": True, "name": "Bob"}, "anonymous"),
        ({"kind": "group", "count": 2}, "count and count_qualifier"),
        ({"member_of": "s"}, "member of itself"),
        ({"name": ""}, "name"),
        ({"kind": "alien"}, "alien"),
    ],
)
def test_source_rejects_inconsistent_fields(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Source(id="s", **kwargs)


def test_claim_rejects_own_parent_and_disordered_parts():
    content = span("the talks failed")
    with pytest.raises(ValueError, match="own parent"):
        Claim(id="c", content=content, mode="direct", parent="c")
    with pytest.raises(ValueError, match="content_parts"):
        Claim(id="c", content=content, mode="direct", content_parts=[span("failed"), span("talk")])
    with pytest.raises(ValueError, match=r"<= 1\.0|1\.0"):
        Claim(id="c", content=content, mode="direct", confidence=1.5)


def test_words_leave_out_the_attribution_between_the_parts():
    text = "“We will appeal,” the lawyer said. “The ruling is wrong.”"
    first, second = text.index("“We"), text.index("“The")
    whole = Span.of(text, first, len(text))
    parts = [Span.of(text, first, text.index(" the lawyer")), Span.of(text, second, len(text))]
    claim = Claim(id="c", content=whole, content_parts=parts, mode="direct")
    assert claim.words == "“We will appeal,” \u2026 “The ruling is wrong.”"
    assert "lawyer" in claim.content.text
    assert Claim(id="c", content=parts[1], mode="direct").words == "“The ruling is wrong.”"


@given(ats.documents())
def test_words_are_the_content_or_its_parts(document):
    for claim in document.claims:
        pieces = claim.content_parts or (claim.content,)
        assert claim.words.split(" \u2026 ") == [p.text for p in pieces] or any(
            " \u2026 " in p.text for p in pieces
        )


def test_rebuttal_rejects_its_own_claim():
    with pytest.raises(ValueError, match="its own claim"):
        Rebuttal(id="r", claim="c1", target="c1", kind="denial")


def test_anonymity_condition_needs_a_source():
    with pytest.raises(ValueError):
        AnonymityCondition(id="a", sources=[], kind="other", evidence=span("Two"))


#: Only sources: nothing refers to them.
ALONE = {"claims": [], "rebuttals": [], "anonymity_conditions": [], "non_responses": []}
GHOST_SPAN = Span(start=60, end=80, text="x" * 20)
ONE = Span(start=0, end=3, text="One")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"claims": [Claim(id="c1", source="ghost", content=span("talks"), mode="direct")]},
            ("/claims/0/source", "dangling-reference"),
        ),
        (
            {"claims": [Claim(id="c1", content=span("talks"), mode="direct", parent="ghost")]},
            ("/claims/0/parent", "dangling-reference"),
        ),
        (
            {"sources": [Source(id="s", member_of="ghost")], **ALONE},
            ("/sources/0/member_of", "dangling-reference"),
        ),
        (
            {"rebuttals": [Rebuttal(id="r", claim="c2", target="ghost", kind="denial")]},
            ("/rebuttals/0/target", "dangling-reference"),
        ),
        (
            {"rebuttals": [Rebuttal(id="r", claim="ghost", target="c1", kind="denial")]},
            ("/rebuttals/0/claim", "dangling-reference"),
        ),
        (
            {
                "anonymity_conditions": [
                    AnonymityCondition(id="a", sources=["g", "ghost"], kind="other", evidence=span("Two"))
                ]
            },
            ("/anonymity_conditions/0/sources/1", "dangling-reference"),
        ),
        (
            {"non_responses": [NonResponse(id="n", source="ghost", kind="unavailable", evidence=span("Two"))]},
            ("/non_responses/0/source", "dangling-reference"),
        ),
        (
            {"claims": [Claim(id="c1", content=GHOST_SPAN, mode="direct")], "rebuttals": []},
            ("/claims/0/content", "span-in-text"),
        ),
        (
            {"claims": [Claim(id="c1", content=ONE, mode="direct")], "rebuttals": []},
            ("/claims/0/content/text", "span-text"),
        ),
        (
            {"rebuttals": [Rebuttal(id="r", claim="c2", target="c1", kind="denial")] * 2},
            ("/rebuttals/1/id", "unique-id"),
        ),
        (
            {
                "sources": [
                    Source(id="a", kind="group", member_of="b"),
                    Source(id="b", kind="group", member_of="a"),
                ],
                **ALONE,
            },
            ("/sources/0/member_of", "member-of-cycle"),
        ),
        (
            {"sources": [Source(id="p"), Source(id="m", member_of="p")], **ALONE},
            ("/sources/1/member_of", "member-of-group"),
        ),
    ],
)
def test_document_reports_each_broken_invariant_with_its_pointer(changes, expected):
    assert expected in invariant_problems(**changes)


def test_every_problem_is_reported_at_once():
    problems = invariant_problems(
        claims=[
            Claim(id="c1", source="ghost", content=span("talks"), mode="direct"),
            Claim(id="c1", content=ONE, mode="direct"),
        ],
        rebuttals=[],
    )
    assert ("/claims/0/source", "dangling-reference") in problems
    assert ("/claims/1/id", "unique-id") in problems
    assert ("/claims/1/content/text", "span-text") in problems


def test_wrong_schema_version_is_rejected():
    with pytest.raises(ValueError, match="schema_version"):
        document(schema_version="2.0")


def test_lookups_follow_membership_and_rebuttals():
    doc = document()
    assert [c.id for c in doc.claims_by("g")] == ["c1", "c2"]
    assert [c.id for c in doc.claims_by("g", members=False)] == ["c1"]
    assert [r.id for r in doc.rebuttals_of("c1")] == ["r1"]
    assert [r.id for r in doc.rebuttals_by("c2")] == ["r1"]
    assert doc.claim("c2").parent == "c1"
    with pytest.raises(KeyError):
        doc.source("ghost")
    with pytest.raises(KeyError):
        doc.claim("ghost")


def test_models_are_frozen():
    doc = document()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        doc.id = "other"  # type: ignore[misc]


@given(ats.documents())
def test_generated_documents_rebuild_equal(doc):
    assert check_document(doc) == []
    assert attrs.evolve(doc) == doc
    for source in doc.sources:
        if source.member_of is not None:
            assert doc.source(source.member_of).kind is SourceKind.GROUP


@pytest.mark.parametrize(
    ("source", "label"),
    [
        (Source(id="s1", name="Donald\n  Trump", mentions=[span("officials")]), "Donald Trump"),
        (Source(id="s1", anonymous=True, mentions=[span("Two officials")]), "Two officials"),
        (Source(id="s1", kind="organization"), "s1"),
    ],
)
def test_a_source_label_is_its_name_else_first_mention_else_id_with_whitespace_folded(source, label):
    assert source.label == label


def test_every_view_shows_the_one_source_label():
    """A name broken across lines reads the same in the table, the tables, HTML, RDF and the graph."""
    import json

    from attribution.cli.table import render_table
    from attribution.rdf import to_turtle
    from attribution.tables import to_tables
    from attribution.views import conflict_graph
    from attribution.views.html import render_html

    doc = document(
        sources=[
            Source(id="s1", kind="organization", name="The\nMinistry", mentions=[span("The ministry")]),
            Source(id="s2", kind="group", anonymous=True, mentions=[span("Two officials")]),
        ],
        claims=[
            Claim(id="c1", source="s2", content=span("the talks failed"), mode="indirect"),
            Claim(id="c2", source="s1", content=span("declined to comment"), mode="indirect"),
        ],
        rebuttals=[Rebuttal(id="r1", claim="c2", target="c1", kind="dispute")],
        anonymity_conditions=[],
        non_responses=[],
    )
    assert "The Ministry" in render_table(doc, width=100)
    assert {row["source_label"] for row in to_tables([doc])["claims"].to_pylist()} == {"The Ministry", "Two officials"}
    assert 'data-label="The Ministry"' in render_html(doc)
    assert '"The Ministry"' in to_turtle(doc)
    [edge] = json.loads(conflict_graph(doc).to_json_edges())
    assert (edge["source_label"], edge["target_label"]) == ("The Ministry", "Two officials")
