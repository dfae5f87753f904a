"""The word-overlap measure the rebuttal step uses to find what a claim is about."""

from hypothesis import given, strategies as st

from attribution.extract.rebuttals.cues import overlap
from attribution.extract.rebuttals.text import words_match


def pairwise_overlap(a, b, *, symmetric=False):
    """The definition: every word of ``a`` against every word of ``b`` with ``words_match``."""
    a, b = set(a), set(b)
    if symmetric and len(b) < len(a):
        a, b = b, a
    if not a:
        return 0.0
    return sum(1 for x in a if any(words_match(x, y) for y in b)) / len(a)


# Short alphabets make shared prefixes ("afghan"/"afghanistan") common.
words = st.text(alphabet="abn", min_size=1, max_size=10)


@given(st.sets(words, max_size=8), st.sets(words, max_size=8), st.booleans())
def test_indexed_overlap_equals_the_pairwise_definition(a, b, symmetric):
    assert overlap(a, b, None, symmetric=symmetric) == pairwise_overlap(a, b, symmetric=symmetric)


def test_prefixes_of_six_letters_match_either_way():
    assert overlap({"afghan"}, {"afghanistan"}, None) == 1.0
    assert overlap({"afghanistan"}, {"afghan"}, None) == 1.0
    assert overlap({"afgha"}, {"afghanistan"}, None) == 0.0
    assert overlap({"taliban", "custody"}, {"custody"}, None) == 0.5
