"""Griffe extension: read a Google-style ``Example:`` section as examples.

Griffe parses ``Examples:`` into example blocks but ``Example:`` (singular) into an
admonition whose body is Markdown, where ``>>> [...]`` turns into a quote and a broken
link. This extension renames the heading when the section holds doctest lines, so both
spellings render as code.
"""

import re
from typing import Any

import griffe

_SINGULAR = re.compile(r"^(?P<indent>[ \t]*)Example:[ \t]*\n(?=(?:[ \t]*\n)*[ \t]+>>> )", re.MULTILINE)


class ExampleSections(griffe.Extension):
    """Rename doctest ``Example:`` sections to ``Examples:``."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Fix the docstring of every object griffe loads."""
        if obj.docstring is not None and "Example:" in obj.docstring.value:
            obj.docstring.value = _SINGULAR.sub(r"\g<indent>Examples:\n", obj.docstring.value)
