"""The public hypothesis strategies in attribution.testing.strategies."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution import schema
from attribution.model import SourceKind, check_document
from attribution.serialize import to_dict
from attribution.testing import strategies as ats


def test_importing_attribution_testing_does_not_import_hypothesis():
    code = "import sys, attribution.testing; print('hypothesis' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_all_is_sorted_and_public():
    assert ats.__all__ == sorted(ats.__all__)
    assert all(callable(getattr(ats, name)) for name in ats.__all__)
    assert all("Requires hypothesis" in getattr(ats, name).__doc__ for name in ats.__all__)


@given(st.text(), st.data())
def test_spans_are_slices_of_the_text(text, data):
    span = data.draw(ats.spans(text))
    assert 0 <= span.start <= span.end <= len(text)
    assert span.text == text[span.start : span.end]
    longer = data.draw(ats.spans(text, min_length=len(text)))
    assert longer.text == text


def test_spans_reject_a_min_length_longer_than_the_text():
    with pytest.raises(ValueError, match="min_length 3"):
        ats.spans("ab", min_length=3)


@given(st.data())
def test_sources_respect_group_ids(data):
    source = data.draw(ats.sources("some text", source_id="s", group_ids=["g1", "s"]))
    assert source.id == "s"
    assert source.member_of in (None, "g1")
    assert source.name is None or not source.anonymous
    assert (source.count is None) == (source.count_qualifier is None)


@given(st.data())
def test_claims_refer_only_to_given_ids(data):
    claim = data.draw(ats.claims("Ann said so.", claim_id=st.just("c"), source_ids=["ann"], parent_ids=["c", "p"]))
    assert claim.source in (None, "ann")
    assert claim.parent in (None, "p")
    assert 0.0 <= claim.confidence <= 1.0
    for part in claim.content_parts:
        assert claim.content.start <= part.start <= part.end <= claim.content.end


@given(ats.documents(min_sources=1, max_sources=3, min_claims=2, max_claims=3))
def test_documents_are_valid_and_honour_their_bounds(doc):
    assert check_document(doc) == []
    assert list(schema.iter_problems(to_dict(doc))) == []
    assert 1 <= len(doc.sources) <= 3 and 2 <= len(doc.claims) <= 3
    kinds = {s.id: s.kind for s in doc.sources}
    assert all(kinds[s.member_of] is SourceKind.GROUP for s in doc.sources if s.member_of)
    assert all(r.claim != r.target for r in doc.rebuttals)


def test_documents_cover_the_interesting_cases():
    seen: set[str] = set()

    # A coverage check needs more examples than the CI profile's 25 (derandomized there).
    @settings(max_examples=150)
    @given(ats.documents(min_sources=2, min_claims=2))
    def collect(doc):
        seen.update(name for name, found in [
            ("member", any(s.member_of for s in doc.sources)),
            ("parent", any(c.parent for c in doc.claims)),
            ("rebuttal", bool(doc.rebuttals)),
            ("anonymity", bool(doc.anonymity_conditions)),
            ("non-response", bool(doc.non_responses)),
            ("non-ascii", any(ord(ch) > 127 for ch in doc.text)),
            ("parts", any(c.content_parts for c in doc.claims)),
        ] if found)  # fmt: skip

    collect()
    assert seen == {"member", "parent", "rebuttal", "anonymity", "non-response", "non-ascii", "parts"}
