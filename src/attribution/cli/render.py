"""``attribution render``: a self-contained HTML view of who said what.

Reads document JSON written by ``attribution extract`` (object, array or JSON Lines) or
plain article text (extracted first), and writes one HTML page with every document, a
table of contents when there are several (``--output FILE``, or stdout), or one page per
document into a folder (``--split --output DIR``). Inputs that cannot be read are
reported on stderr and the others still rendered; the exit code is then 1.
"""

import argparse
import re
import sys
from pathlib import Path

from ..model import AttributedDocument
from .documents import DocumentInput, add_input_arguments, run_over_documents
from .output import OutputError, write_out
from .table import plural

__all__ = ["add_parser", "run"]

_PROG = "attribution render"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add the ``render`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "render",
        help="write an HTML view of who said what (one self-contained file)",
        description=(
            "Write an HTML page showing each claim in its speaker's colour, the sources with their "
            "descriptors, anonymity and non-responses, and the rebuttals as links. The page has inline "
            "CSS and JavaScript and needs no network."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument("--output", "-o", metavar="FILE", help="the HTML file to write (a folder with --split); default: stdout")
    parser.add_argument("--split", action="store_true", help="write one page per document into the folder --output")
    parser.add_argument("--title", metavar="TEXT", help="the page title (default: the document id, or 'N documents')")
    parser.set_defaults(func=run, render_parser=parser)
    return parser


def _file_name(document: AttributedDocument, taken: set[str]) -> str:
    stem = _UNSAFE.sub("_", Path(document.id).name).strip("._") or "document"
    name, n = f"{stem}.html", 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name)
    return name


def run(args: argparse.Namespace) -> int:
    """Run ``attribution render``; returns the exit code."""
    if args.split and not args.output:
        args.render_parser.error("--split needs --output DIR, the folder to write the pages into")
    from ..views import render_html

    documents: list[AttributedDocument] = []

    def keep(item: DocumentInput) -> None:
        assert item.document is not None
        documents.append(item.document)

    status = run_over_documents(args, _PROG, keep)
    if not documents:
        print(f"{_PROG}: nothing to render", file=sys.stderr)
        return 1
    try:
        if args.split:
            folder = Path(args.output)
            folder.mkdir(parents=True, exist_ok=True)
            taken: set[str] = set()
            for document in documents:
                path = folder / _file_name(document, taken)
                path.write_text(render_html(document, title=args.title), encoding="utf-8")
                print(f"{_PROG}: wrote {path}", file=sys.stderr)
        elif args.output:
            Path(args.output).write_text(render_html(documents, title=args.title), encoding="utf-8")
            print(f"{_PROG}: wrote {args.output} ({plural(len(documents), 'document')})", file=sys.stderr)
        else:
            write_out(render_html(documents, title=args.title))
    except OutputError:
        raise
    except OSError as error:
        print(f"{_PROG}: cannot write {error.filename or args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    return status
