"""``attribution schema``: print the packaged JSON Schema of attributed documents."""

import argparse
import json

from ..errors import InputError
from ..model import SCHEMA_VERSION
from .output import write_or_fail

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
        default=SCHEMA_VERSION,
        metavar="VERSION",
        help=f"the schema version to print (default: {SCHEMA_VERSION})",
    )
    # attribution.schema imports jsonschema (about a second): only when this command runs.
    parser.set_defaults(func=run, schema_parser=parser)


def run(args: argparse.Namespace) -> int:
    """Print the schema; returns the exit code (0; 1 when it cannot be written; 2 for an unknown version)."""
    from ..schema import load_schema

    try:
        schema = load_schema(args.schema_version)
    except InputError as error:
        args.schema_parser.error(str(error))  # exits with status 2, like any usage error
    return 0 if write_or_fail(json.dumps(schema, indent=2, ensure_ascii=False) + "\n") else 1
