"""Stated counts in source phrases, read with the number and qualifier lexicons."""

import pytest

from attribution.extract.sources.counts import coordinated_count, number, parse_count
from attribution.model import CountQualifier

EXACT, AT_LEAST, AT_MOST, ABOUT = (
    CountQualifier.EXACT,
    CountQualifier.AT_LEAST,
    CountQualifier.AT_MOST,
    CountQualifier.ABOUT,
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("two officials", (2, EXACT, 1)),
        ("more than a dozen officials", (12, AT_LEAST, 4)),
        ("no more than five aides", (5, AT_MOST, 4)),  # the longer qualifier is tried first
        ("upwards of thirty people", (30, AT_LEAST, 3)),
        ("half a dozen aides", (6, EXACT, 3)),
        ("dozens officials", (24, AT_LEAST, 1)),  # the word implies its qualifier
        ("a few officials", (3, ABOUT, 2)),
        ("a couple officials", (2, ABOUT, 2)),
        ("about dozens officials", (24, ABOUT, 2)),  # a stated qualifier wins over the implied one
        ("officials", (None, None, 0)),
        ("some officials", (None, None, 0)),
        ("two", (None, None, 0)),  # a count leaves a word after it
    ],
)
def test_parse_count(phrase, expected):
    assert parse_count(phrase.split()) == expected


@pytest.mark.parametrize(
    ("chunk", "value"),
    [
        ("twenty-five", 25),
        ("forty two", 42),
        ("two dozen", 24),
        ("three thousand", 3000),
        ("a half-dozen", 6),
        ("1,200", 1200),
        ("thousand", None),  # a scale that is no count on its own
        ("0", None),
        ("officials", None),
    ],
)
def test_number(chunk, value):
    assert number(chunk) == value


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("three current and one former aide", (4, EXACT, 4)),  # the last part's words start at "former"
        ("two current , two former and one retired official", (5, EXACT, 7)),
        ("at least two current and one former adviser", (3, AT_LEAST, 6)),
        ("clinton and kaine", None),  # a part without a count: no coordinated count
        ("two officials", None),  # nothing coordinated
    ],
)
def test_coordinated_count(phrase, expected):
    assert coordinated_count(phrase.split()) == expected
