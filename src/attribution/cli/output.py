"""Writing a command's results to stdout when stdout may fail (a full disk, ``/dev/full``)."""

import os
import sys

__all__ = ["write_or_fail"]


def write_or_fail(text: str) -> bool:
    """Write ``text`` to stdout and flush it.

    On failure (a full disk, ``/dev/full``, an I/O error) one line goes to stderr and
    the result is False; stdout is then pointed at the null device, so that nothing
    more fails (or prints a traceback) when Python exits. A closed pipe
    (:class:`BrokenPipeError`) is left to the caller, which treats it as the reader
    having had enough.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        print(f"attribution: cannot write the output: {error.strerror or error}", file=sys.stderr)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return False
    return True
