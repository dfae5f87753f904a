"""``attribution schema``: print the packaged JSON Schema of attributed documents."""

import argparse
import json

from ..model import SCHEMA_VERSION
from ..schema import VERSIONS, load_schema

__all__ = ["add_parser", "run"]


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``schema`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of attributed documents",
        description="Print the JSON Schema (draft 2020-12) of attributed documents to stdout.",
    )
    parser.add_argument(
        "--version",
        dest="schema_version",
        choices=VERSIONS,
        default=SCHEMA_VERSION,
        help=f"the schema version to print (default: {SCHEMA_VERSION})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema; returns the exit code (always 0)."""
    print(json.dumps(load_schema(args.schema_version), indent=2, ensure_ascii=False))
    return 0
