"""Lexicons (reporting verbs, anonymity phrases, role words, ...) as package data.

Each lexicon is a JSONL file in ``attribution/extract/data`` read with
:mod:`importlib.resources`, one JSON object per line (blank lines and ``//`` comments are
skipped). Plugins can add entries to a lexicon or replace it through the
``attribution_lexicons`` entry-point group, with a package of data files in this same
format or with :class:`LexiconPatch` objects: see :mod:`attribution.plugins`.
"""

import functools
import json
import types
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any, TypeVar

import attrs

from ..errors import PluginError
from ..plugins import LEXICONS_GROUP, iter_plugins, lexicons, warn_once
from .lexicon_set import LexiconSet, active_lexicons, per_lexicons
from .rules import RULES, RuleError

__all__ = [
    "ENTRY_KEYS",
    "LexiconPatch",
    "apply_patches",
    "available_lexicons",
    "check_patches",
    "default_lexicons",
    "lexicon_from_file",
    "lexicon_patches",
    "load_lexicon",
    "pattern_matcher",
    "plain_start",
    "read_entries",
    "word_set",
    "word_sets",
]


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
    data = _data_dir()
    if not data.is_dir():
        return ()
    return tuple(sorted(p.name[: -len(".jsonl")] for p in data.iterdir() if p.name.endswith(".jsonl")))


def read_entries(resource: Any, label: str) -> tuple[dict[str, Any], ...]:
    """The entries of one JSONL lexicon file: one JSON object per line.

    Blank lines and lines starting with ``//`` are skipped.

    Args:
        resource: A path or :mod:`importlib.resources` traversable to read.
        label: How to name the file in error messages.

    Raises:
        ValueError: A line is not valid JSON, or not a JSON object.
    """
    entries = []
    with resource.open(encoding="utf-8") as fp:
        for number, line in enumerate(fp, 1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{label}:{number}: {error.msg}") from None
                if not isinstance(entry, dict):
                    raise ValueError(f"{label}:{number}: expected a JSON object, got {type(entry).__name__}")
                entries.append(entry)
    return tuple(entries)


def _read(name: str) -> tuple[dict[str, Any], ...]:
    path = _data_dir() / f"{name}.jsonl"
    if not path.is_file():
        raise KeyError(f"no lexicon named {name!r}; available: {', '.join(available_lexicons()) or 'none'}")
    return read_entries(path, f"{name}.jsonl")


#: The field that identifies an entry, for the lexicons whose entries have one. An
#: extending patch's entry with the same key as an earlier entry takes its place.
ENTRY_KEYS: dict[str, str] = {
    "anonymous_sources": "phrase",
    "count_qualifiers": "phrase",
    "cues": "phrase",
    "media_outlets": "name",
    "nationalities": "nationality",
    "numbers": "phrase",
    "pronouns": "pronoun",
    "reporting_verbs": "lemma",
    "roles": "role",
    "seniority": "word",
    "word_sets": "set",
}


def apply_patches(
    entries: tuple[dict[str, Any], ...], patches: Iterable[LexiconPatch], *, key: str | None = None
) -> tuple[dict[str, Any], ...]:
    """``entries`` with ``patches`` applied, independent of the patches' order.

    The entries of every replacing patch, if there is one, take the place of ``entries``;
    then the entries of every extending patch are added. With ``key``, an added entry
    whose ``key`` field equals an earlier entry's takes that entry's place instead of
    repeating it (a plugin that lists "intone" with other frames changes "intone").
    """
    patches = list(patches)
    replacing = [p for p in patches if p.replace]
    if replacing:
        entries = tuple(e for p in replacing for e in p.entries)
    added = [e for p in patches if not p.replace for e in p.entries]
    if key is None:
        return entries + tuple(added)
    merged: dict[Any, dict[str, Any]] = {}
    unkeyed: list[dict[str, Any]] = []
    for entry in (*entries, *added):
        if key in entry:
            merged[entry[key]] = entry
        else:
            unkeyed.append(entry)
    return (*merged.values(), *unkeyed)


def load_lexicon(name: str, patches: Iterable[LexiconPatch] | None = None) -> tuple[dict[str, Any], ...]:
    """The entries of lexicon ``name``: the built-in file with the patches applied.

    Args:
        name: The lexicon (see :func:`available_lexicons`).
        patches: Patches to apply (those for other lexicons are ignored); by default every
            patch for ``name`` from the installed lexicon plugins (see
            :mod:`attribution.plugins`). A broken plugin is reported once with a
            :class:`~attribution.plugins.PluginWarning` and left out.

    While an ``attribution`` component builds or runs its steps, and ``patches`` is not
    given, the entries are that pipeline's own (see
    :class:`~attribution.extract.lexicon_set.LexiconSet`).

    Raises:
        KeyError: There is no such lexicon.
    """
    if patches is None:
        active = active_lexicons()
        if active is not None and name in active:
            return active.entries(name)
    entries = _builtin(name)
    if patches is None:
        patches = _plugin_patches()
    return apply_patches(entries, (p for p in patches if p.lexicon == name), key=ENTRY_KEYS.get(name))


def default_lexicons() -> LexiconSet:
    """Every built-in lexicon with the installed plugins' patches: a new pipeline's set."""
    patches = _plugin_patches()
    return LexiconSet({name: load_lexicon(name, patches) for name in available_lexicons()})


@per_lexicons
def word_sets() -> dict[str, frozenset[str]]:
    """The closed word sets of lexicon ``word_sets`` by name (``"sources.definite"``).

    Each entry names a set and lists its words; a plugin entry with the same ``set``
    takes the built-in one's place.
    """
    return {entry["set"]: frozenset(entry["words"]) for entry in load_lexicon("word_sets")}


@per_lexicons
def word_set(name: str) -> frozenset[str]:
    """The words of set ``name`` of lexicon ``word_sets``, loaded once per pipeline.

    Raises:
        KeyError: There is no such set.
    """
    sets = word_sets()
    if name not in sets:
        raise KeyError(f"no word set named {name!r}; available: {', '.join(sorted(sets))}")
    return sets[name]


@functools.cache
def _builtin(name: str) -> tuple[dict[str, Any], ...]:
    entries = _read(name)
    record = RULES.get(name)
    if record is not None:
        for number, entry in enumerate(entries, 1):
            try:
                record.from_dict(entry)
            except RuleError as error:
                raise ValueError(f"{name}.jsonl entry {number}: {error}") from None
    return entries


def check_patches(patches: Iterable[LexiconPatch]) -> None:
    """Check that each patch names a built-in lexicon and has entries of its shape.

    Each entry is read with the lexicon's typed record (:data:`~attribution.extract.rules.RULES`):
    no unknown or missing field, no value of the wrong type. (A lexicon without a record
    takes the fields its built-in entries use, and needs those all of them have.)

    Raises:
        PluginError: A patch names an unknown lexicon or has malformed entries.
    """
    available = available_lexicons()
    for patch in patches:
        if patch.lexicon not in available:
            raise PluginError(
                f"patches unknown lexicon {patch.lexicon!r}; available: {', '.join(available) or 'none'}"
            )
        record = RULES.get(patch.lexicon)
        if record is not None:
            for number, entry in enumerate(patch.entries, 1):
                try:
                    record.from_dict(entry)
                except RuleError as error:
                    raise PluginError(f"{patch.lexicon} entry {number}: {error}") from None
            continue
        builtin = _builtin(patch.lexicon)
        if not builtin:
            continue
        allowed = set().union(*(e.keys() for e in builtin))
        required = set.intersection(*(set(e.keys()) for e in builtin))
        for number, entry in enumerate(patch.entries, 1):
            unknown = sorted(set(entry) - allowed)
            missing = sorted(required - set(entry))
            if unknown or missing:
                problem = "; ".join(
                    part
                    for part in (
                        unknown and f"unknown field(s) {', '.join(unknown)}",
                        missing and f"missing field(s) {', '.join(missing)}",
                    )
                    if part
                )
                raise PluginError(
                    f"{patch.lexicon} entry {number}: {problem} (fields: {', '.join(sorted(allowed))})"
                )


def _plugin_patches() -> list[LexiconPatch]:
    found = []
    for item in iter_plugins(lexicons, LEXICONS_GROUP):
        reason = item.error
        if reason is None:
            try:
                patches = lexicon_patches(item.obj)
                check_patches(patches)
            except Exception as error:  # a broken plugin must not take the built-ins down
                reason = f"{type(error).__name__}: {error}"
        if reason is not None:
            warn_once(f"lexicon plugin {item.label} is broken and skipped: {reason}", stacklevel=4)
            continue
        found.extend(patches)
    return found


def lexicon_from_file(package: str, path: str, *, lexicon: str, replace: bool = False) -> Any:
    """A :class:`LexiconPatch` read from a data file in ``package``.

    For a plugin that builds its patches in code; a package of data files needs no code
    at all (see :mod:`attribution.plugins`).

    Args:
        package: The importable package holding the file (``"mypkg.data"``).
        path: The file inside it (``"verbs.jsonl"``), in the built-in lexicons' JSONL format.
        lexicon: The built-in lexicon to patch (``"reporting_verbs"``).
        replace: Replace the built-in entries instead of adding to them.

    Raises:
        FileNotFoundError: There is no such file in ``package``.
        ValueError: A line is not a JSON object.
    """
    resource = resources.files(package).joinpath(path)
    if not resource.is_file():
        raise FileNotFoundError(f"{package} has no data file {path!r}")
    return LexiconPatch(lexicon=lexicon, entries=read_entries(resource, f"{package}/{path}"), replace=replace)


def lexicon_patches(obj: Any, *, source: str = "") -> list[Any]:
    """The :class:`LexiconPatch` objects a lexicon plugin provides.

    ``obj`` is what the registry or entry point holds: a package of ``*.jsonl`` data
    files, a patch, an iterable of patches, or a callable returning either.

    Raises:
        TypeError: ``obj`` is none of those.
        ValueError: A data file is malformed.
    """
    if isinstance(obj, types.ModuleType):
        files = sorted(
            (p for p in resources.files(obj.__name__).iterdir() if p.is_file() and p.name.endswith(".jsonl")),
            key=lambda p: p.name,
        )
        if not files:
            raise ValueError(f"package {obj.__name__} holds no *.jsonl lexicon files")
        patches = []
        for file in files:
            stem = file.name[: -len(".jsonl")]
            replace = stem.endswith(".replace")
            name = stem[: -len(".replace")] if replace else stem
            entries = read_entries(file, f"{obj.__name__}/{file.name}")
            patches.append(LexiconPatch(lexicon=name, entries=entries, replace=replace))
        return patches
    if callable(obj) and not isinstance(obj, LexiconPatch):
        obj = obj()
    if isinstance(obj, LexiconPatch):
        return [obj]
    if isinstance(obj, Iterable) and not isinstance(obj, (str, bytes, dict)):
        found = list(obj)
        wrong = [type(p).__name__ for p in found if not isinstance(p, LexiconPatch)]
        if not wrong:
            return found
        raise TypeError(f"expected LexiconPatch objects, got {', '.join(sorted(set(wrong)))}")
    raise TypeError(
        f"expected a package of *.jsonl files, a LexiconPatch, an iterable of them or a callable "
        f"returning one, got {type(obj).__name__}"
    )


_T = TypeVar("_T")


def pattern_matcher(vocab: Any, name: str, value: Callable[[dict[str, Any]], _T]) -> tuple[Any, dict[str, _T]]:
    """A spaCy ``Matcher`` over the token patterns of lexicon ``name``, with a value per label.

    Each entry's ``pattern`` is added under its own label (longest match wins), and
    ``value(entry)`` is what the label stands for (the kind of condition, of non-response).
    The matcher is a :class:`~attribution.extract.matching.GatedMatcher`: it answers as
    spaCy's does, and does not walk a Doc that holds none of the words some pattern needs.

    Returns:
        The matcher, and the value of each match label.
    """
    from .matching import GatedMatcher

    matcher = GatedMatcher(vocab)
    values: dict[str, _T] = {}
    for number, entry in enumerate(load_lexicon(name)):
        label = f"{name}_{number}"
        values[label] = value(entry)
        matcher.add(label, plain_start(entry["pattern"]), greedy="LONGEST", gate_patterns=[entry["pattern"]])
    return matcher, values


_PLAIN_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "LEMMA", "NORM"})


def plain_start(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Patterns matching exactly what ``pattern`` matches, with plain words up front.

    spaCy's ``Matcher`` tries the first token of every pattern at every token of a Doc,
    and tests an ``{"IN": [...]}`` set in Python, where a plain word is compared in C.
    The leading optional tokens and the first required token are therefore spelt out,
    one pattern per word (and, for an optional token, one without it); the rest of the
    pattern is kept as it is. A pattern that does not start with such tokens is kept
    whole. Matches are the same: each is found by the one variant that spells its words.
    """
    variants: list[list[dict[str, Any]]] = [[]]
    for index, token in enumerate(pattern):
        operator = token.get("OP")
        if operator not in (None, "1", "?"):
            return [pattern]
        words = _plain_words(token)
        if words is None:
            return [pattern]
        attr, choices = words
        if not choices:
            return [pattern]
        spelt: list[dict[str, Any] | None] = [{attr: word} for word in choices]
        if operator == "?":
            spelt.append(None)
        variants = [v + [t] if t is not None else v for v in variants for t in spelt]
        if operator != "?":
            return [v + pattern[index + 1 :] for v in variants]
    return [pattern]


def _plain_words(token: dict[str, Any]) -> tuple[str, list[str]] | None:
    """The attribute and the words a one-attribute token pattern accepts, else None."""
    tests = {key: value for key, value in token.items() if key != "OP"}
    if len(tests) != 1:
        return None
    ((attr, value),) = tests.items()
    if attr not in _PLAIN_ATTRS:
        return None
    if isinstance(value, str):
        return attr, [value]
    if isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(w, str) for w in value["IN"]):
        return attr, list(dict.fromkeys(value["IN"]))
    return None
