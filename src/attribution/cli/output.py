"""Writing a command's results when stdout or stderr may fail (a full disk, ``/dev/full``).

A command writes its results with :func:`write_out`; when stdout cannot take them,
:class:`OutputError` ends the command and :func:`attribution.cli.main` reports it in one
line (:func:`report_output_error`) with exit status 1, never a traceback. Messages for
people go through :func:`say`, which never fails: when even stderr cannot be written,
there is nobody left to tell.
"""

import os
import sys

from ..errors import AttributionError

__all__ = ["OutputError", "flush_out", "report_output_error", "say", "stop_output", "write_or_fail", "write_out"]


class OutputError(AttributionError, OSError):
    """Standard output cannot be written (a full disk, ``/dev/full``, an I/O error)."""


def _silence(fd: int) -> None:
    """Point ``fd`` at the null device, so nothing more fails when Python exits."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        os.close(devnull)


def _fileno(stream: object) -> int | None:
    try:
        return stream.fileno()  # type: ignore[attr-defined, no-any-return]
    except (AttributeError, OSError, ValueError):  # a StringIO, pytest's capture
        return None


def say(message: str) -> None:
    """Print ``message`` as one line on stderr; if stderr itself fails, stay silent."""
    try:
        print(message, file=sys.stderr, flush=True)
    except OSError:
        fd = _fileno(sys.stderr)
        if fd is not None:
            _silence(fd)


def flush_out() -> None:
    """Flush stdout.

    Raises:
        OutputError: stdout cannot be written. A closed pipe
            (:class:`BrokenPipeError`) is raised as it is: the reader had enough.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(error.strerror or str(error)) from None


def write_out(text: str) -> None:
    """Write ``text`` to stdout and flush it.

    Raises:
        OutputError: stdout cannot be written (see :func:`flush_out`).
    """
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(error.strerror or str(error)) from None
    flush_out()


def stop_output() -> None:
    """Drop whatever is still buffered for stdout, and all later output.

    stdout then points at the null device, so Python does not fail again, with a
    traceback, when it flushes stdout on exit.
    """
    fd = _fileno(sys.stdout)
    if fd is not None:
        _silence(fd)


def report_output_error(error: OutputError) -> None:
    """Say on stderr, once, that the output cannot be written, and stop writing to stdout."""
    say(f"attribution: cannot write the output: {error}")
    stop_output()


def write_or_fail(text: str) -> bool:
    """Write ``text`` to stdout and flush it; False, reported in one line, when it cannot.

    A closed pipe (:class:`BrokenPipeError`) is left to the caller, which treats it as
    the reader having had enough.
    """
    try:
        write_out(text)
    except OutputError as error:
        report_output_error(error)
        return False
    return True
