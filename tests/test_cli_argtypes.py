"""The shared ``type=`` helpers of the command line: ranges, edges and messages."""

import argparse

import pytest

from attribution.cli import main
from attribution.cli.argtypes import number_in, positive_int


@pytest.mark.parametrize(
    ("parse", "text", "number"),
    [
        (number_in(0.0, 1.0), "0", 0.0),
        (number_in(0.0, 1.0), "1", 1.0),
        (number_in(0.0, 1.0), "0.25", 0.25),
        (number_in(0.0, 1.0, low_open=True), "1e-9", 1e-9),
        (number_in(0.0, 1.0, low_open=True), "1", 1.0),
    ],
)
def test_numbers_in_range_are_accepted(parse, text, number):
    assert parse(text) == number


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (number_in(0.0, 1.0), "1.5", "expected a number from 0 to 1, not '1.5'"),
        (number_in(0.0, 1.0), "-0.1", "expected a number from 0 to 1, not '-0.1'"),
        (number_in(0.0, 1.0), "nan", "expected a number from 0 to 1, not 'nan'"),
        (number_in(0.0, 1.0), "high", "expected a number from 0 to 1, not 'high'"),
        (number_in(0.0, 1.0, low_open=True), "0", "expected a number in (0, 1], not '0'"),
        (number_in(0.0, 1.0, low_open=True), "inf", "expected a number in (0, 1], not 'inf'"),
        (positive_int, "0", "expected a positive integer, not '0'"),
        (positive_int, "2.5", "expected a positive integer, not '2.5'"),
    ],
)
def test_values_out_of_range_are_refused_by_name(parse, text, message):
    with pytest.raises(argparse.ArgumentTypeError) as caught:
        parse(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["extract", "--min-confidence", "2", "x.txt"], "argument --min-confidence: expected a number from 0 to 1, not '2'"),
        (["evaluate", "--threshold", "0", "gold.jsonl"], "argument --threshold: expected a number in (0, 1], not '0'"),
    ],
)
def test_the_subcommands_refuse_them_as_usage_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
