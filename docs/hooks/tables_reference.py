"""MkDocs hook: render the columns of every flat table at build time.

A page containing the line ``<!-- tables-reference -->`` gets, in its place, one section
per table of :mod:`attribution.tables`: a list of its columns with their Arrow types and
descriptions, taken from ``attribution.tables.COLUMNS``, so the page cannot drift from
the schemas the code writes.
"""

from typing import Any

_MARKER = "<!-- tables-reference -->"


def render() -> str:
    """The Markdown reference of every table's columns."""
    from attribution.tables import COLUMNS

    sections = []
    for table, columns in COLUMNS.items():
        rows = ["| column | Arrow type | null | what it holds |", "| --- | --- | --- | --- |"]
        for column in columns:
            null = "yes" if column.nullable else "never"
            description = column.description.replace("|", "\\|")
            rows.append(f"| `{column.name}` | `{column.type}` | {null} | {description} |")
        sections.append(f"### `{table}`\n\n" + "\n".join(rows))
    return "\n\n".join(sections)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace the tables-reference marker with the rendered column lists."""
    if _MARKER not in markdown:
        return markdown
    return markdown.replace(_MARKER, render())
