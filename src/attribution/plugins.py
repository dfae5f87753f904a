"""Plugin registries and discovery: extractor steps and lexicon patches.

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
    returning either (``"mypkg.lexicon:PATCH"``); :func:`lexicon_from_file` builds one from a
    data file.

The built-in steps register here exactly as third-party ones do, under versioned names
``"<dist>.<thing>.v1"`` (``attribution.claims.v1``). A plugin that cannot be loaded never
takes the built-ins down: it is reported once with a :class:`PluginWarning` naming the
plugin, its package and the reason, and left out. :func:`list_plugins` reports every
plugin with its status, without raising or warning.

Importing this module imports neither spaCy nor the built-in steps (:func:`list_plugins`
does, when called).
"""

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
    "extractors",
    "iter_plugins",
    "lexicon_from_file",
    "lexicon_patches",
    "lexicons",
    "list_plugins",
    "warn_once",
]

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


def _describe(error: BaseException) -> str:
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
            yield LoadedPlugin(name=name, package=package, version=version, target=entry.value, error=_describe(error))
            continue
        yield LoadedPlugin(name=name, package=package, version=version, target=entry.value, obj=obj)


_WARNED: set[str] = set()


def warn_once(message: str, *, stacklevel: int = 2) -> None:
    """Issue ``message`` as a :class:`PluginWarning`, once per process."""
    if message in _WARNED:
        return
    _WARNED.add(message)
    warnings.warn(message, PluginWarning, stacklevel=stacklevel + 1)


# -- lexicon plugins ------------------------------------------------------------------


def lexicon_from_file(package: str, path: str, *, lexicon: str, replace: bool = False) -> Any:
    """A :class:`~attribution.extract.lexicon.LexiconPatch` read from a data file in ``package``.

    For a plugin that builds its patches in code; a package of data files needs no code
    at all (see the module documentation).

    Args:
        package: The importable package holding the file (``"mypkg.data"``).
        path: The file inside it (``"verbs.jsonl"``), in the built-in lexicons' JSONL format.
        lexicon: The built-in lexicon to patch (``"reporting_verbs"``).
        replace: Replace the built-in entries instead of adding to them.

    Raises:
        FileNotFoundError: There is no such file in ``package``.
        ValueError: A line is not a JSON object.
    """
    from importlib import resources

    from .extract.lexicon import LexiconPatch, read_entries

    resource = resources.files(package).joinpath(path)
    if not resource.is_file():
        raise FileNotFoundError(f"{package} has no data file {path!r}")
    return LexiconPatch(lexicon=lexicon, entries=read_entries(resource, f"{package}/{path}"), replace=replace)


def lexicon_patches(obj: Any, *, source: str = "") -> list[Any]:
    """The :class:`~attribution.extract.lexicon.LexiconPatch` objects a lexicon plugin provides.

    ``obj`` is what the registry or entry point holds: a package of ``*.jsonl`` data
    files, a patch, an iterable of patches, or a callable returning either.

    Raises:
        TypeError: ``obj`` is none of those.
        ValueError: A data file is malformed.
    """
    from importlib import resources

    from .extract.lexicon import LexiconPatch, read_entries

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


# -- listing --------------------------------------------------------------------------


def list_plugins() -> list[PluginInfo]:
    """Every extractor step and lexicon patch: the built-ins, then the plugins.

    Each is reported with the package providing it, whether it is enabled by default,
    and its status. A broken plugin is reported with ``status="error"`` and the reason;
    this function neither raises nor warns because of one.

    The built-in lexicons themselves are data, not plugins, and are not listed.
    """
    from .extract.lexicon import check_patches
    from .extract.registry import discover_steps

    found: list[PluginInfo] = []
    for item in discover_steps():
        found.append(
            PluginInfo(
                name=item.name,
                kind="extractor",
                package=item.package,
                version=item.version,
                enabled_by_default=item.error is None and bool(getattr(item.obj, "default_enabled", True)),
                status="ok" if item.error is None else "error",
                reason=item.error,
                target=item.target,
            )
        )
    for item in iter_plugins(lexicons, LEXICONS_GROUP):
        reason, patched = item.error, []
        if reason is None:
            try:
                patches = lexicon_patches(item.obj)
                check_patches(patches)
                patched = [p.lexicon + (" (replace)" if p.replace else "") for p in patches]
            except Exception as error:
                reason = _describe(error)
        found.append(
            PluginInfo(
                name=item.name,
                kind="lexicon",
                package=item.package,
                version=item.version,
                enabled_by_default=reason is None,
                status="ok" if reason is None else "error",
                reason=reason,
                target=item.target,
                lexicons=patched,
            )
        )
    return found
