"""Quotation-mark pairing over raw text (:mod:`attribution.extract.claims.quotes`)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attribution.extract.claims import QUOTE_CHARACTERS, find_quotes
from attribution.extract.claims.quotes import opens_sentence


def texts(text):
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “we will win,” and left.", "“we will win,”"),
        ('He said "we will win," and left.', '"we will win,"'),
        ("He said ‘we will win’ and left.", "‘we will win’"),
        ("He said 'we will win' and left.", "'we will win'"),
        ("Il a dit «nous gagnerons» hier.", "«nous gagnerons»"),
        ("Er sagte „wir gewinnen“ gestern.", "„wir gewinnen“"),
        ("Er sagte ‹wir gewinnen› gestern.", "‹wir gewinnen›"),
        ("He said ''we will win,'' and left.", "''we will win,''"),
    ],
)
def test_every_typographic_kind_pairs(text, quoted):
    assert texts(text) == [quoted]


def test_apostrophes_are_not_quotation_marks():
    text = "The officials don’t say they’re sure; the leaders’ meeting in the ’90s wasn't it."
    assert find_quotes(text) == ()


def test_single_quotes_nested_in_double_quotes():
    text = "“He called it a ‘hit list’ of militants,” she said."
    quotes = find_quotes(text)
    assert [(text[q.start : q.end], q.depth) for q in quotes] == [
        ("“He called it a ‘hit list’ of militants,”", 0),
        ("‘hit list’", 1),
    ]
    assert text[slice(*quotes[0].inner)] == "He called it a ‘hit list’ of militants,"


def test_apostrophe_inside_a_single_quoted_phrase():
    text = "She said 'they don't care' and left."
    assert texts(text) == ["'they don't care'"]


def test_quote_continues_into_the_next_paragraph():
    text = "“The first paragraph of the quote.\n“The second paragraph,” he said.\nAfterwards."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“The first paragraph of the quote.\n“The second paragraph,”"
    assert [text[s:e] for s, e in quote.parts] == ["“The first paragraph of the quote.", "“The second paragraph,”"]
    assert quote.closed


def test_unclosed_quote_at_paragraph_start_runs_to_the_paragraph_end():
    text = "“This quotation is never closed.\nThe narrator goes on."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“This quotation is never closed."
    assert not quote.closed


def test_unclosed_quote_opening_a_sentence_runs_to_the_paragraph_end():
    text = "“A,” said Baron. “B goes on. C is never closed.\n\nHe continued, “D.”"
    quoted = texts(text)
    assert "“B goes on. C is never closed." in quoted
    assert "“D.”" in quoted


def test_unbalanced_marks_inside_a_paragraph_are_ignored():
    assert texts("a “ b and c ” d ” e") == ["“ b and c ”"]
    assert texts("He said “oops.\nNext paragraph.") == []


@pytest.mark.parametrize(
    ("first", "words", "inner"),
    [
        # The single quotation inside closes first, then the double one.
        ("''We never asked for the 'extra fees,'''", "We never asked for the 'extra fees,'", ["'extra fees,'"]),
        # No single quotation open: the third mark is a stray the closing pair takes with it.
        ("''We never asked for the fees,'''", "We never asked for the fees,", []),
    ],
)
def test_three_straight_marks_that_close_open_nothing_after_them(first, words, inner):
    text = first + " said Lane. ''You can say what you like.''"
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [first, *inner, "''You can say what you like.''"]
    assert quotes[-1].depth == 0
    assert text[slice(*quotes[0].inner)] == words


@given(st.text(alphabet=st.sampled_from(sorted(QUOTE_CHARACTERS) + ["a", " ", "\n", "."]), max_size=60))
def test_any_marks_give_ordered_spans_inside_the_text(text):
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start] in QUOTE_CHARACTERS
        assert quote.start <= quote.inner[0] <= quote.inner[1] <= quote.end
        for start, end in quote.parts:
            assert quote.start <= start <= end <= quote.end


@pytest.mark.parametrize(
    ("text", "begin", "expected"),
    [
        ("“Yes.”", 0, True),
        ("He left. “Yes.”", 0, True),
        ("He left.\u00a0“Yes.”", 0, True),  # a no-break space is a blank too
        ("He asked:  “Why?”", 0, True),
        ("He left\n“Yes.”", 0, True),
        ("He said “yes.”", 0, False),
        ("He left. He said “yes.”", 9, False),
        ("He left. “Yes.”", 9, True),  # the paragraph starts there
    ],
)
def test_opens_sentence(text, begin, expected):
    assert opens_sentence(text, text.index("“"), begin) is expected
