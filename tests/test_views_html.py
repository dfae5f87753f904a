"""attribution.views.render_html: the page holds the whole story and loads nothing."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings

from attribution.model import AttributedDocument
from attribution.schema import validate
from attribution.testing.strategies import documents
from attribution.views import render_html

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cipher_brief_pakistan.json"


def reference() -> AttributedDocument:
    return validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))


class Elements(HTMLParser):
    """Every start tag with its attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def test_every_claim_source_rebuttal_and_non_response_is_on_the_page():
    doc = reference()
    page = parse(render_html(doc))
    tags = [a for t, a in page.tags if "ctag" in a.get("class", "").split() and "data-claim" in a]
    assert sorted(a["data-claim"] for a in tags) == sorted(c.id for c in doc.claims)
    assert {a["data-claim"]: a["data-source"] for a in tags} == {c.id: c.source or "" for c in doc.claims}
    buttons = [a for t, a in page.tags if t == "button" and "source" in a.get("class", "").split()]
    assert [b["data-source"] for b in buttons] and sorted(b["data-source"] for b in buttons) == sorted(
        s.id for s in doc.sources
    )
    for button in buttons:
        assert button["data-claims"].split() == [c.id for c in doc.claims if c.source == button["data-source"]]
    text = "".join(page.text)
    for rebuttal in doc.rebuttals:
        assert f"#claim-{rebuttal.target}" in [a.get("href") for _, a in page.tags]
        assert f"#claim-{rebuttal.claim}" in [a.get("href") for _, a in page.tags]
    assert text.count("Who disputes whom") == 1
    assert "declined to comment" in text and "did not respond" in text
    assert "condition of anonymity" in text
    assert "nationality Pakistani" in text and "seniority senior" in text


def test_the_article_text_is_all_there_in_order():
    doc = reference()
    page = render_html(doc)
    section = page[page.index('<section class="text"') : page.index("</section>")]
    without_tags = re.sub(r'<button type="button" class="ctag.*?</button>|<a class="rlink".*?</a>', "", section)
    text = "".join(parse(without_tags).text)
    assert re.sub(r"\s+", "", text) == re.sub(r"\s+", "", doc.text)
    assert text.count("\n") >= doc.text.strip().count("\n")  # one paragraph per line


def test_each_claim_segment_names_its_claims_and_nested_claims_sit_lower():
    doc = reference()
    page = parse(render_html(doc))
    segments = [a for t, a in page.tags if "seg" in a.get("class", "").split() and "data-claims" in a]
    covered = {c for a in segments for c in a["data-claims"].split()}
    assert covered == {c.id for c in doc.claims}
    nested = [c for c in doc.claims if c.parent]
    assert nested
    for claim in nested:
        tag = next(a for _, a in page.tags if a.get("data-claim") == claim.id)
        assert "nested" in tag["class"].split()
        inside = [a for a in segments if claim.id in a["data-claims"].split()]
        assert all(a["data-claims"].split()[-1] == claim.id for a in inside)  # innermost last


def test_the_page_loads_nothing_from_outside():
    page = render_html(reference())
    elements = parse(page)
    for tag, attributes in elements.tags:
        for name in ("src", "href", "action", "data"):
            value = attributes.get(name)
            if value is not None:
                assert value.startswith(("#", "data:")), (tag, name, value)
    assert "@import" not in page and "url(http" not in page and "fetch(" not in page


def test_several_documents_share_a_page_with_a_table_of_contents_and_unique_ids():
    one = reference()
    two = AttributedDocument(id="second", text="Nothing was said.")
    page = parse(render_html([one, two]))
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids))
    toc = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").endswith("doc")]
    assert toc == ["#d0-doc", "#d1-doc"] and {"d0-doc", "d1-doc"} <= set(ids)
    assert "No sources found." in "".join(page.text)


def test_markup_in_the_text_is_escaped():
    doc = AttributedDocument(id="<x>", text='<script>alert("x")</script> & more')
    page = render_html(doc)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


@settings(max_examples=30, deadline=None)
@given(documents(max_claims=4))
def test_any_valid_document_renders_with_every_claim_tagged(doc):
    page = parse(render_html(doc))
    tags = [a["data-claim"] for _, a in page.tags if "ctag" in a.get("class", "").split() and "data-claim" in a]
    assert sorted(tags) == sorted(c.id for c in doc.claims)
