"""``attribution plugins``: list the extractor steps and lexicon patches found."""

from __future__ import annotations  # PluginInfo in annotations: imported when the command runs

import argparse
import io
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from .output import write_out
from .table import plural

if TYPE_CHECKING:  # the plugin listing lives beside the extractor, which imports spaCy
    from ..plugins import PluginInfo

__all__ = ["add_parser", "render_plugins", "run"]


def add_parser(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the ``plugins`` subcommand."""
    parser = subparsers.add_parser(
        "plugins",
        help="list extractor steps and lexicon plugins",
        description=(
            "List every extractor step (built-in or from an installed plugin) and every lexicon "
            "plugin: its name, the package providing it, whether it runs by default, and whether "
            "it loads. Broken plugins are listed with the reason. Exit 0; with --check, every "
            "extractor factory is also called once on the spaCy pipeline (one that raises, or "
            "returns no Extractor, is broken) and the exit status is 1 when any plugin is broken."
        ),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table: aligned columns (default); json: an array of objects",
    )
    parser.add_argument(
        "--check", action="store_true", help="also create each extractor step; exit 1 when any plugin is broken"
    )
    parser.add_argument("--model", metavar="NAME", help="with --check: the spaCy pipeline to create steps for")
    parser.set_defaults(func=run)


def _row(info: PluginInfo) -> list[str]:
    package = info.package + (f" {info.version}" if info.version else "")
    status = info.status if info.reason is None else f"{info.status}: {info.reason}"
    detail = f" [{', '.join(info.lexicons)}]" if info.lexicons else ""
    return [info.name, info.kind + detail, package, "yes" if info.enabled_by_default else "no", status]


def render_plugins(plugins: Sequence[PluginInfo], out: TextIO) -> None:
    """Write ``plugins`` to ``out`` as an aligned table."""
    header = ["NAME", "KIND", "PACKAGE", "DEFAULT", "STATUS"]
    rows = [header, *(_row(p) for p in plugins)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
    if not plugins:
        out.write("(no extractor steps or lexicon plugins found)\n")


def _created(plugins: list[PluginInfo], model: str | None) -> list[PluginInfo]:
    """``plugins``, with each usable extractor's factory called once on a pipeline."""
    import attrs

    from ..extract import Extractor, available_steps, load_model
    from ..errors import ModelNotAvailableError

    try:
        nlp = load_model(model)
    except ModelNotAvailableError:
        import spacy

        nlp = spacy.blank("en")
    factories = available_steps()
    checked = []
    for info in plugins:
        factory = factories.get(info.name) if info.kind == "extractor" and info.status == "ok" else None
        if factory is not None:
            try:
                step = factory(nlp)
                reason = None if isinstance(step, Extractor) else f"its factory returned {type(step).__name__}, not an Extractor"
            except (Exception, SystemExit) as error:
                reason = f"its factory raised {type(error).__name__}: {error}"
            if reason is not None:
                info = attrs.evolve(info, status="error", reason=reason, enabled_by_default=False)
        checked.append(info)
    return checked


def run(args: argparse.Namespace) -> int:
    """List the plugins; returns the exit code."""
    from ..plugins import list_plugins

    plugins = list_plugins()
    if args.check:
        plugins = _created(plugins, args.model)
    if args.format == "json":
        write_out(json.dumps([p.to_dict() for p in plugins], indent=2) + "\n")
    else:
        table = io.StringIO()
        render_plugins(plugins, table)
        write_out(table.getvalue())
    broken = [p for p in plugins if p.status != "ok"]
    if broken:
        names = ", ".join(p.name for p in broken)
        print(f"attribution plugins: {plural(len(broken), 'broken plugin')}: {names}", file=sys.stderr)
    return 1 if args.check and broken else 0
