"""Plugin registries and discovery: extractor steps and lexicon patches.

The bottom layer of the plugin mechanism: the registries, finding what is installed, and
the warning a broken plugin gets. It imports nothing else of the package (and neither
spaCy nor the built-in steps); what plugins *do* lives above it, in
:mod:`attribution.extract.registry` (steps, :func:`~attribution.extract.registry.list_plugins`)
and :mod:`attribution.extract.lexicon` (lexicon patches).

Two :mod:`catalogue` registries, each also read from a Python entry-point group:

* :data:`extractors` (group ``attribution_extractors``): factories
  ``make(nlp, **config) -> Extractor`` (see :class:`attribution.extract.base.Extractor`).
  A factory with the attribute ``default_enabled = False`` is opt-in.
* :data:`lexicons` (group ``attribution_lexicons``): additions to, or replacements of, the
  built-in lexicons. An entry point may name

  - a **package of data files** (``"mypkg.lexicons"``, no ``:``): every
    ``<lexicon>.jsonl`` in it extends the built-in lexicon of that name, and every
    ``<lexicon>.replace.jsonl`` replaces it. No code beyond the declaration is needed.
  - a :class:`~attribution.extract.lexicon.LexiconPatch`, an iterable of them, or a callable
    returning either (``"mypkg.lexicon:PATCH"``);
    :func:`~attribution.extract.lexicon.lexicon_from_file` builds one from a data file.

The built-in steps register here exactly as third-party ones do, under versioned names
``"<dist>.<thing>.v1"`` (``attribution.claims.v1``). A plugin that cannot be loaded never
takes the built-ins down: it is reported once with a :class:`PluginWarning` naming the
plugin, its package and the reason, and left out.
:func:`~attribution.extract.registry.list_plugins` reports every plugin with its status,
without raising or warning.

``list_plugins``, ``lexicon_from_file`` and ``lexicon_patches`` can still be imported
from here: they are loaded from their modules on first use.
"""

import importlib
import importlib.metadata
import types
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import catalogue

from . import __version__

__all__ = [
    "EXTRACTORS_GROUP",
    "LEXICONS_GROUP",
    "LoadedPlugin",
    "PluginInfo",
    "PluginWarning",
    "describe_error",
    "extractors",
    "iter_plugins",
    "lexicon_from_file",
    "lexicon_patches",
    "lexicons",
    "list_plugins",
    "warn_once",
]

#: Names that live in the layer above, importable from here too (loaded on first use).
_MOVED = {
    "list_plugins": "attribution.extract.registry",
    "lexicon_from_file": "attribution.extract.lexicon",
    "lexicon_patches": "attribution.extract.lexicon",
}

#: The entry-point group of extractor step factories.
EXTRACTORS_GROUP = "attribution_extractors"

#: The entry-point group of lexicon patches.
LEXICONS_GROUP = "attribution_lexicons"

#: Extractor step factories; entry-point group ``attribution_extractors``.
extractors = catalogue.create("attribution", "extractors", entry_points=True)

#: Lexicon patches; entry-point group ``attribution_lexicons``.
lexicons = catalogue.create("attribution", "lexicons", entry_points=True)


class PluginWarning(UserWarning):
    """A plugin is missing, broken or incompatible and was skipped.

    The message names the plugin, the package that provides it, and the reason. The
    built-in steps keep working.
    """


@attrs.frozen(kw_only=True)
class PluginInfo:
    """One extractor step or lexicon patch, as :func:`list_plugins` reports it.

    Attributes:
        name: The registry name (``"attribution.claims.v1"``).
        kind: ``"extractor"`` or ``"lexicon"``.
        package: The distribution that provides it (``"attribution"`` for the built-ins).
        version: That distribution's version, when known.
        enabled_by_default: Whether it runs without being asked for (``--with NAME``).
        status: ``"ok"``, or ``"error"`` when it cannot be loaded or used.
        reason: Why, when ``status`` is ``"error"``.
        target: What the entry point names (``"pkg.module:factory"``), or the
            registered object's qualified name.
        lexicons: For a lexicon plugin, the lexicons it patches (``"reporting_verbs"``,
            or ``"reporting_verbs (replace)"``).
    """

    name: str
    kind: str
    package: str
    version: str | None = None
    enabled_by_default: bool = True
    status: str = "ok"
    reason: str | None = None
    target: str | None = None
    lexicons: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def to_dict(self) -> dict[str, Any]:
        """This record as JSON-compatible data."""
        data = attrs.asdict(self)
        data["lexicons"] = list(self.lexicons)
        return data


# -- where a plugin comes from --------------------------------------------------------


@attrs.frozen(kw_only=True)
class LoadedPlugin:
    """A plugin found in a registry or an entry point: the loaded object or the error.

    Attributes:
        name: The registry or entry-point name.
        package: The distribution that provides it.
        version: That distribution's version, when known.
        target: The entry point's value, or the registered object's qualified name.
        obj: The loaded object (``None`` when loading failed).
        error: Why loading failed, or ``None``.
    """

    name: str
    package: str
    version: str | None
    target: str | None
    obj: Any = None
    error: str | None = None

    @property
    def label(self) -> str:
        """``'name' (package dist version)``, for messages."""
        version = f" {self.version}" if self.version else ""
        return f"{self.name!r} (package {self.package}{version})"


def describe_error(error: BaseException) -> str:
    """``"TypeError: message"``: how a plugin's failure is reported."""
    return f"{type(error).__name__}: {error}"


def _entry_point_origin(entry: importlib.metadata.EntryPoint) -> tuple[str, str | None]:
    dist = getattr(entry, "dist", None)
    if dist is None:
        return "an unknown package", None
    return dist.name, dist.version


def _module_of(obj: Any) -> str:
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    return getattr(obj, "__module__", None) or type(obj).__module__


def _object_origin(obj: Any) -> tuple[str, str | None]:
    module = _module_of(obj)
    top = module.split(".")[0]
    if top == "attribution":
        return "attribution", __version__
    names = importlib.metadata.packages_distributions().get(top, [])
    if names:
        try:
            return names[0], importlib.metadata.version(names[0])
        except importlib.metadata.PackageNotFoundError:
            return names[0], None
    return top, None


def _qualified_name(obj: Any) -> str | None:
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    name = getattr(obj, "__qualname__", None) or getattr(type(obj), "__qualname__", None)
    return f"{_module_of(obj)}:{name}" if name else None


def iter_plugins(registry: catalogue.Registry, group: str, *, first: Iterable[str] = ()) -> Iterator[LoadedPlugin]:
    """Every plugin in ``registry`` and entry-point ``group``, loaded, never raising.

    ``first`` names come first, in that order; then the ones registered in this process,
    sorted; then the other entry points. A name is yielded once: registered in this
    process wins over an entry point of the same name. A plugin that fails to load is
    yielded with ``error`` set.
    """
    registered = {
        key[-1]: value for key, value in catalogue.REGISTRY.items() if key[:-1] == registry.namespace
    }
    entries = {}
    for entry in importlib.metadata.entry_points(group=group):
        entries.setdefault(entry.name, entry)
    order = [n for n in first if n in registered or n in entries]
    order += [n for n in sorted(registered) if n not in order]
    order += [n for n in entries if n not in order]
    for name in order:
        if name in registered:
            obj = registered[name]
            package, version = _object_origin(obj)
            yield LoadedPlugin(name=name, package=package, version=version, target=_qualified_name(obj), obj=obj)
            continue
        entry = entries[name]
        package, version = _entry_point_origin(entry)
        try:
            obj = entry.load()
        except BaseException as error:  # noqa: BLE001 - SystemExit from a plugin is a broken plugin too
            if isinstance(error, KeyboardInterrupt):
                raise
            yield LoadedPlugin(name=name, package=package, version=version, target=entry.value, error=describe_error(error))
            continue
        yield LoadedPlugin(name=name, package=package, version=version, target=entry.value, obj=obj)


_WARNED: set[str] = set()


def warn_once(message: str, *, stacklevel: int = 2) -> None:
    """Issue ``message`` as a :class:`PluginWarning`, once per process."""
    if message in _WARNED:
        return
    _WARNED.add(message)
    warnings.warn(message, PluginWarning, stacklevel=stacklevel + 1)


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'attribution.plugins' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MOVED))
