"""Lexicons (reporting verbs, anonymity phrases, role words, ...) as package data.

Each lexicon is a JSONL file in ``attribution/extract/data`` read with
:mod:`importlib.resources`, one JSON object per line. Plugins can add entries to a
lexicon or replace it through the ``attribution_lexicons`` entry-point group: see
:class:`LexiconPatch`.
"""

import functools
import json
import warnings
from collections.abc import Iterable
from importlib import resources
from typing import Any

import attrs

from ..errors import PluginError

__all__ = ["LexiconPatch", "available_lexicons", "load_lexicon"]


@attrs.frozen(kw_only=True)
class LexiconPatch:
    """Entries a plugin adds to (or puts in place of) a built-in lexicon.

    Attributes:
        lexicon: The name of the lexicon patched (``"reporting_verbs"``).
        entries: The entries, in the lexicon's own format.
        replace: Whether the entries replace the built-in ones instead of extending them.
    """

    lexicon: str
    entries: tuple[dict[str, Any], ...] = attrs.field(converter=tuple)
    replace: bool = False


def _data_dir() -> Any:
    return resources.files("attribution.extract") / "data"


def available_lexicons() -> tuple[str, ...]:
    """The names of the built-in lexicons."""
    return tuple(
        sorted(p.name[: -len(".jsonl")] for p in _data_dir().iterdir() if p.name.endswith(".jsonl"))
    )


def _read(name: str) -> tuple[dict[str, Any], ...]:
    path = _data_dir() / f"{name}.jsonl"
    if not path.is_file():
        raise KeyError(f"no lexicon named {name!r}; available: {', '.join(available_lexicons())}")
    entries = []
    with path.open(encoding="utf-8") as fp:
        for number, line in enumerate(fp, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    entries.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{name}.jsonl:{number}: {error.msg}") from None
    return tuple(entries)


def load_lexicon(name: str, patches: Iterable[LexiconPatch] | None = None) -> tuple[dict[str, Any], ...]:
    """The entries of lexicon ``name``: the built-in file with the patches applied.

    Args:
        name: The lexicon (see :func:`available_lexicons`).
        patches: Patches to apply; by default every patch registered by an installed
            plugin for ``name``.

    Raises:
        KeyError: There is no such lexicon.
    """
    entries = _builtin(name)
    if patches is None:
        patches = _plugin_patches(name)
    for patch in patches:
        if patch.lexicon != name:
            continue
        entries = patch.entries if patch.replace else entries + patch.entries
    return entries


@functools.cache
def _builtin(name: str) -> tuple[dict[str, Any], ...]:
    return _read(name)


def _plugin_patches(name: str) -> list[LexiconPatch]:
    from ..plugins import lexicons

    patches = []
    for plugin_name, make in sorted(lexicons.get_all().items()):
        try:
            patch = make()
        except Exception as error:  # a broken plugin must not take the built-ins down
            warnings.warn(
                str(PluginError(f"lexicon plugin {plugin_name!r} skipped: {type(error).__name__}: {error}")),
                stacklevel=2,
            )
            continue
        found = [patch] if isinstance(patch, LexiconPatch) else list(patch)
        patches.extend(p for p in found if isinstance(p, LexiconPatch) and p.lexicon == name)
    return patches
