"""The ``attribution`` command line: thin wrappers over the library.

Exit codes: 0 success, 1 invalid input or failed documents, 2 usage error. Data goes to
stdout; errors and progress go to stderr. Each subcommand lives in its own module with
``add_parser(subparsers)``, which sets ``func`` to a ``run(args) -> int``.
"""

import argparse
import contextlib
import importlib
import io
import sys
import warnings
from collections.abc import Sequence

__all__ = ["main"]

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = ("extract", "validate", "schema", "sources", "conflicts", "render", "export", "evaluate", "plugins")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="attribution",
        description="Find who said what in news text, and validate attributed-claim JSON.",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name == f"{__name__}.{name}":
                continue
            raise
        module.add_parser(subparsers)
    return parser


def _one_line_plugin_warnings() -> None:
    """Print plugin warnings as one ``attribution: warning: ...`` line on stderr."""
    from ..plugins import PluginWarning

    default = warnings.showwarning
    if getattr(default, "one_line_plugin_warnings", False):
        return

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if issubclass(category, PluginWarning):
            print(f"attribution: warning: {message}", file=sys.stderr)
        else:
            default(message, category, filename, lineno, file, line)

    show.one_line_plugin_warnings = True  # type: ignore[attr-defined]
    warnings.showwarning = show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from .output import OutputError, flush_out, report_output_error, write_out

    _one_line_plugin_warnings()
    parser = build_parser()
    try:
        printed = io.StringIO()  # argparse ignores a failure to write --help or --version
        try:
            with contextlib.redirect_stdout(printed):
                args = parser.parse_args(argv)
        except SystemExit:
            write_out(printed.getvalue())
            raise
        status = int(args.func(args))
        flush_out()
        return status
    except OutputError as error:
        report_output_error(error)
        return 1
    except KeyboardInterrupt:
        print("attribution: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
