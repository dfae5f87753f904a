"""``attribution export``: documents as linked data (PROV-O, schema.org, JSON-LD, Turtle).

Reads document JSON written by ``attribution extract`` (or plain text, extracted first)
and writes one RDF graph holding every document: ``--format prov`` is PROV-O with
attribution's own terms, as Turtle; ``--format turtle`` and ``--format jsonld`` add
schema.org (``Claim``, ``Quotation``, ``Person``, ``Organization``). Needs rdflib
(``pip install 'attribution[rdf]'``).
"""

import argparse
import sys
from pathlib import Path

from .documents import DocumentInput, add_input_arguments, run_over_documents
from .output import OutputError, write_out

__all__ = ["add_parser", "run"]

_PROG = "attribution export"


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add the ``export`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "export",
        help="write documents as linked data: PROV-O, JSON-LD or Turtle",
        description=(
            "Write documents as one RDF graph: PROV-O (--format prov, Turtle), or PROV-O plus schema.org "
            "as Turtle or JSON-LD; anonymity, descriptors, non-responses and rebuttals use attribution's "
            "own vocabulary. Needs rdflib: pip install 'attribution[rdf]'."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument("--format", choices=("prov", "jsonld", "turtle"), default="turtle", help="output format (default: turtle)")
    parser.add_argument("--base", metavar="IRI", help="base IRI of the nodes (one document only; default urn:attribution:document:ID)")
    parser.add_argument("--output", "-o", metavar="FILE", help="the file to write (default: stdout)")
    parser.set_defaults(func=run, export_parser=parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``attribution export``; returns the exit code."""
    if args.base and len(args.paths) > 1:
        args.export_parser.error("--base names one document's IRI: give one PATH")
    try:
        from ..rdf import CONTEXT, to_graph
    except ImportError as error:
        print(f"{_PROG}: {error}", file=sys.stderr)
        return 1
    from rdflib import Graph

    graph = Graph()
    count = 0

    def add(item: DocumentInput) -> None:
        nonlocal count
        assert item.document is not None
        vocabularies = ("prov",) if args.format == "prov" else ("prov", "schema")
        for triple in to_graph(item.document, base=args.base, vocabularies=vocabularies):
            graph.add(triple)
        count += 1

    status = run_over_documents(args, _PROG, add)
    if count == 0:
        return 1
    for prefix in ("attr", "prov", "schema"):
        graph.bind(prefix, CONTEXT[prefix], override=True)
    if args.format == "jsonld":
        text = graph.serialize(format="json-ld", context=CONTEXT, indent=2, auto_compact=True)
    else:
        text = graph.serialize(format="turtle")
    try:
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            write_out(text)
    except OutputError:
        raise
    except OSError as error:
        print(f"{_PROG}: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    return status
