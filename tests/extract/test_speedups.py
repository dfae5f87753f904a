"""The shortcuts taken for speed give the answers of the long way round.

* lexicon patterns with their leading words spelt out find the matches of the originals;
* the binary search over quotations, and the indexed quotations of the claims step, answer
  as the scans do (and claims nested among many come out as they do alone);
* the rebuttals step's candidate pairs include every pair the pairwise check would link.
"""

from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.matcher import Matcher

from attribution.extract.claims.spans import in_quote, quoted_offsets
from attribution.extract.claims.quotes import find_quotes
from attribution.extract.lexicon import load_lexicon, plain_start
from attribution.extract.rebuttals import RebuttalCues
from attribution.extract.rebuttals.context import Context
from attribution.extract.rebuttals.implicit import ImplicitCounterclaims

ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "cipher_brief_pakistan.txt"


def test_plain_start_spells_out_leading_words() -> None:
    pattern = [
        {"LOWER": {"IN": ["on", "under"]}, "OP": "?"},
        {"LOWER": {"IN": ["the", "a"]}},
        {"LOWER": {"IN": ["condition", "terms"]}},
    ]
    assert plain_start(pattern) == [
        [{"LOWER": "on"}, {"LOWER": "the"}, pattern[2]],
        [{"LOWER": "on"}, {"LOWER": "a"}, pattern[2]],
        [{"LOWER": "under"}, {"LOWER": "the"}, pattern[2]],
        [{"LOWER": "under"}, {"LOWER": "a"}, pattern[2]],
        [{"LOWER": "the"}, pattern[2]],
        [{"LOWER": "a"}, pattern[2]],
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "x", "POS": "NOUN"}],  # two tests on one token
        [{"IS_ALPHA": True}, {"LOWER": "x"}],
        [{"LOWER": {"NOT_IN": ["x"]}}],
        [{"LOWER": "x", "OP": "*"}, {"LOWER": "y"}],
        [{"LOWER": {"IN": []}}],
        [{"LOWER": "x", "OP": "?"}],  # nothing required
    ],
)
def test_plain_start_keeps_other_patterns_whole(pattern: list[dict[str, Any]]) -> None:
    assert plain_start(pattern) == [pattern]


PHRASES = [
    "The official spoke on the condition of anonymity because he was not authorized to speak publicly.",
    "She spoke on condition that she not be named, citing fear of reprisals.",
    "Officials requested anonymity; one declined to be identified by name.",
    "Two aides, speaking anonymously, did not want their names to be used.",
    "The White House declined to comment. A spokesman did not immediately respond to a request.",
    "The ministry could not be reached for comment and was not available for comment on Sunday.",
    "He has not returned repeated calls, and she did not return multiple messages.",
    "Aides would not comment further. The office had no immediate comment.",
]


@pytest.mark.parametrize("lexicon", ["anonymity", "non_responses"])
def test_spelt_out_lexicon_patterns_find_the_same_matches(nlp: Any, lexicon: str) -> None:
    original, spelt = Matcher(nlp.vocab), Matcher(nlp.vocab)
    for number, entry in enumerate(load_lexicon(lexicon)):
        original.add(f"p{number}", [entry["pattern"]], greedy="LONGEST")
        spelt.add(f"p{number}", plain_start(entry["pattern"]), greedy="LONGEST")
    found = 0
    with nlp.select_pipes(disable=["attribution"]):
        for doc in nlp.pipe([*PHRASES, ARTICLE.read_text(encoding="utf-8")]):
            expected = sorted(original(doc))
            assert sorted(spelt(doc)) == expected
            found += len(expected)
    assert found >= 5  # the phrases do exercise the lexicon


@given(st.text(alphabet='ab "“”\'', max_size=60), st.lists(st.integers(-2, 62), max_size=20))
def test_quoted_offsets_answer_as_the_scan_does(text: str, offsets: list[int]) -> None:
    quotes = [q for q in find_quotes(text) if q.depth == 0]
    inside = quoted_offsets(quotes)
    assert [inside(offset) for offset in offsets] == [in_quote(offset, quotes) for offset in offsets]


def test_quoted_offsets_with_overlapping_and_unsorted_spans() -> None:
    class Q:
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    quotes: Any = [Q(10, 12), Q(0, 30), Q(5, 8)]
    inside = quoted_offsets(quotes)
    assert [inside(i) for i in range(-1, 33)] == [in_quote(i, quotes) for i in range(-1, 33)]


REBUTTING = (
    "Pakistani officials said the names were handed over in May. U.S. officials said the "
    "names were never handed over. The Foreign Office said Pakistan had given the list to "
    "Washington. American diplomats said no list was given, and Pakistan denied that claim.\n\n"
    + ARTICLE.read_text(encoding="utf-8")
)


def test_candidate_pairs_hold_every_pair_that_scores(nlp: Any) -> None:
    from attribution.extract import analyze

    document = analyze(REBUTTING, nlp=nlp, exclude=["attribution.rebuttals.v1"])
    with nlp.select_pipes(disable=["attribution"]):
        doc = nlp(REBUTTING)
    claims = sorted(document.claims, key=lambda c: (c.content.start, c.content.end))
    finder = ImplicitCounterclaims(Context(doc, document, claims, RebuttalCues.load()))
    every = [(c, t) for j, c in enumerate(claims) for t in claims[:j]]
    scoring = [(c.id, t.id) for c, t in every if finder.implicit(c, t)[0] > 0]
    candidates = [(c.id, t.id) for c, t in finder.candidates()]
    assert scoring, "the text has implicit counterclaims to find"
    assert set(scoring) <= set(candidates)
    assert len(candidates) < len(every)
    # in the same order as the pairwise loop, so links are made in the same order
    order = {(c.id, t.id): n for n, (c, t) in enumerate(every)}
    assert [order[p] for p in candidates] == sorted(order[p] for p in candidates)


def _snap_by_scan(start: int, end: int, quotes: Any) -> tuple[int, int]:
    """``spans.snap`` the long way round: every quotation, in order."""
    for quote in quotes:
        if quote.start < start <= quote.start + quote.open_width + 1 and end < quote.end:
            start, end = quote.start, quote.end
        if quote.start < start < quote.end <= end + 3:
            start = quote.start
        if start <= quote.start < end < quote.end:
            end = quote.end
    return start, end


QUOTED = st.text(alphabet='ab ,-"“”\'\n', max_size=80)


@given(QUOTED, st.lists(st.tuples(st.integers(-2, 82), st.integers(-2, 82)), max_size=12))
def test_indexed_quotations_answer_as_the_scans_do(text: str, windows: list[tuple[int, int]]) -> None:
    from attribution.extract.claims.spans import Quotes, snap

    quotes = [q for q in find_quotes(text) if q.depth == 0]
    indexed = Quotes(quotes)
    for start, end in windows:
        assert indexed.overlapping(start, end) == [q for q in quotes if q.start < end and q.end > start]
        low, high = min(start, end), max(start, end)
        assert indexed.first_ending(low, high) == next((q for q in quotes if low <= q.end <= high), None)
        assert snap(start, end, indexed) == _snap_by_scan(start, end, quotes)
        assert indexed.inside(start) == in_quote(start, quotes)
        assert indexed.starting_at(start) == [q for q in quotes if q.start == start]
        assert indexed.is_whole(start, end) == any((q.start, q.end) == (start, end) for q in quotes)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=8), st.integers(-2, 60))
def test_indexed_overlapping_quotations_answer_as_the_scans_do(spans: list[tuple[int, int]], offset: int) -> None:
    from attribution.extract.claims.quotes import Quote
    from attribution.extract.claims.spans import Quotes, snap

    quotes = [Quote(start=s, end=s + n, family="double") for s, n in spans]
    indexed = Quotes(quotes)
    for start, end in ((offset, offset + 5), (offset, offset), (offset + 3, offset)):
        assert indexed.overlapping(start, end) == [q for q in quotes if q.start < end and q.end > start]
        assert snap(start, end, indexed) == _snap_by_scan(start, end, quotes)
        assert indexed.starting_at(start) == [q for q in quotes if q.start == start]
        assert indexed.is_whole(start, end) == any((q.start, q.end) == (start, end) for q in quotes)


NESTED = (
    "The mayor said that officials told him the plan had failed because the governor insisted it worked.\n\n"
    "“We will rebuild,” she said, “and we will win.”\n\n"
)


def test_claims_of_many_paragraphs_are_those_of_each(nlp: Any) -> None:
    from attribution.extract import analyze

    def found(text: str) -> list[tuple[int, int, str, int | None]]:
        claims = analyze(text, nlp=nlp, steps=["attribution.claims.v1"]).claims
        number = {c.id: n for n, c in enumerate(claims)}
        return [(c.content.start, c.content.end, c.mode.value, number.get(c.parent or "")) for c in claims]

    once, copies = found(NESTED), 60
    assert [n for *_, n in once] == [None, 0, 1, None]  # nested claims, and a quotation in parts
    expected = [
        (start + k * len(NESTED), end + k * len(NESTED), mode, None if parent is None else parent + k * len(once))
        for k in range(copies)
        for start, end, mode, parent in once
    ]
    assert found(NESTED * copies) == expected
