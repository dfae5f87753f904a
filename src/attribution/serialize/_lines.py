"""Reading a stream line by line in bounded memory: over-long lines are skipped and reported."""

from collections.abc import Iterator
from typing import IO

import attrs

from ..errors import InputError, Problem
from ._records import DocumentRecord

#: The longest JSON Lines line :func:`iter_documents` and :func:`iter_jsonl` read, in
#: bytes (characters for a text-mode file): 64 MiB. A longer line is reported and
#: skipped; when no line ends within :data:`MAX_SKIP_BYTES` after it, reading stops.
MAX_LINE_BYTES = 64 * 2**20

#: How far past an over-long line a reader looks for the next line: 1 GiB.
MAX_SKIP_BYTES = 2**30

CHUNK = 2**20


@attrs.frozen
class TooLong:
    """An over-long line that was skipped (``size`` bytes), or where reading gave up."""

    size: int
    gave_up: bool


def _readline(fp: IO[str] | IO[bytes], size: int) -> str | bytes:
    try:
        return fp.readline(size)
    except UnicodeDecodeError as error:  # a text file opened by the caller
        raise InputError(
            f"not UTF-8: invalid byte at byte offset {error.start} of a decoder chunk; "
            "open the file in binary mode to find the line"
        ) from None


def lines(fp: IO[str] | IO[bytes], limit: int) -> Iterator[str | bytes | TooLong]:
    """The lines of ``fp``, each at most ``limit`` long, or a :class:`TooLong` in its place."""
    while True:
        line = _readline(fp, limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):  # type: ignore[arg-type]
            yield line
            continue
        skipped = len(line)
        while not line.endswith(newline):  # type: ignore[arg-type]
            line = _readline(fp, CHUNK)
            if not line:
                break
            skipped += len(line)
            if skipped > limit + MAX_SKIP_BYTES:
                yield TooLong(skipped, gave_up=True)
                return
        yield TooLong(skipped, gave_up=False)


def format_size(n: int) -> str:
    """``n`` bytes in words: "64 MiB" when a whole number of a unit, else "n bytes"."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"


def too_long(item: TooLong, number: int, limit: int) -> DocumentRecord:
    """The record reporting the over-long line ``item`` on line ``number``."""
    message = f"line longer than the limit of {format_size(limit)}"
    if item.gave_up:
        message += f", and no line ends in the {format_size(MAX_SKIP_BYTES)} after it: stopped reading"
    else:
        message += f" ({item.size} bytes): skipped"
    return DocumentRecord(line=number, document=None, problems=(Problem(pointer="", message=message, rule="line-length"),))
