"""``type=`` helpers for the subcommands' options: values checked while parsing.

A value they refuse is a usage error (exit 2) whose message names the value and what
was expected, as argparse reports any other bad option.
"""

import argparse
from collections.abc import Callable

__all__ = ["number_in", "positive_int"]


def number_in(low: float, high: float, *, low_open: bool = False) -> Callable[[str], float]:
    """An argparse type accepting a number from ``low`` to ``high`` (both included).

    Args:
        low: The smallest number accepted.
        high: The largest number accepted.
        low_open: Refuse ``low`` itself: the range is ``(low, high]``.

    Returns:
        A function turning an option's text into the number, raising
        :class:`argparse.ArgumentTypeError` for text that is not a number in range
        (``nan`` included).
    """
    expected = f"a number in ({low:g}, {high:g}]" if low_open else f"a number from {low:g} to {high:g}"

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, not {value!r}") from None
        inside = (low < number if low_open else low <= number) and number <= high  # False for nan
        if not inside:
            raise argparse.ArgumentTypeError(f"expected {expected}, not {value!r}")
        return number

    return parse


def positive_int(value: str) -> int:
    """An argparse type accepting an integer of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, not {value!r}")
    return number
