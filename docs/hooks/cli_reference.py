"""MkDocs hook: render ``attribution --help`` and each subcommand's help at build time.

A page containing the line ``<!-- cli-reference -->`` gets, in its place, one section per
subcommand with the usage and options that argparse prints, so the reference always
matches the installed command line.
"""

import argparse
import os
from typing import Any

_MARKER = "<!-- cli-reference -->"


def _help(parser: argparse.ArgumentParser) -> str:
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        return parser.format_help().rstrip()
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def render() -> str:
    """The Markdown reference of every subcommand."""
    from attribution.cli import build_parser

    parser = build_parser()
    lines = ["## attribution", "", "```text", _help(parser), "```", ""]
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in subparsers.choices.items():
        lines += [f"## attribution {name}", "", "```text", _help(sub), "```", ""]
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace the cli-reference marker with the rendered help."""
    if _MARKER not in markdown:
        return markdown
    return markdown.replace(_MARKER, render())
