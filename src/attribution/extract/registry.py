"""Finding, naming, configuring and ordering extractor steps.

Built-in steps live in their own modules and register in
:data:`attribution.plugins.extractors` exactly as plugins do (they are also declared as
``attribution_extractors`` entry points in the package metadata).

Steps are named ``"<dist>.<thing>.v<N>"``. Wherever a step is named (``steps``,
``include``, ``exclude``, ``config``), a short alias also works when it is unambiguous:
``"<thing>"`` or ``"<dist>.<thing>"`` (``rebuttals`` for ``attribution.rebuttals.v1``),
with ``-`` and ``_`` interchangeable.
"""

import importlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from spacy.language import Language

from ..errors import ConfigError, PluginError
from ..model import AttributedDocument, deferred_checks
from ..plugins import (
    EXTRACTORS_GROUP,
    LEXICONS_GROUP,
    LoadedPlugin,
    PluginInfo,
    describe_error,
    extractors,
    iter_plugins,
    lexicons,
    warn_once,
)
from .base import Extractor
from .lexicon import check_patches, lexicon_patches
from .steps import STEPS

__all__ = [
    "BUILTIN_STEPS",
    "PluginStep",
    "available_steps",
    "build_steps",
    "discover_steps",
    "list_plugins",
    "order_steps",
    "resolve_step_names",
]

#: The built-in steps, in pipeline order, with the spaCy component that runs each alone
#: (from the table of steps, :data:`attribution.extract.steps.STEPS`).
BUILTIN_STEPS: dict[str, str] = {step.name: step.component for step in STEPS}

_BUILTIN_MODULES = tuple(step.package for step in STEPS)

_VERSIONED = re.compile(r"^(?P<dist>[^.]+)\.(?P<thing>.+)\.v\d+$")


def _import_builtins() -> None:
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(f"{__package__}.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}.{module}":
                raise


def discover_steps() -> list[LoadedPlugin]:
    """Every extractor step found, loaded or with the reason it could not be.

    The built-ins come first in pipeline order, then steps registered in this process
    with ``@extractors.register(...)``, then ``attribution_extractors`` entry points.
    Nothing is raised or warned here; :func:`available_steps` warns.
    """
    _import_builtins()
    found = []
    for item in iter_plugins(extractors, EXTRACTORS_GROUP, first=BUILTIN_STEPS):
        if item.error is None and not callable(item.obj):
            item = LoadedPlugin(
                name=item.name,
                package=item.package,
                version=item.version,
                target=item.target,
                error=f"TypeError: the entry point names a {type(item.obj).__name__}, not a step factory",
            )
        found.append(item)
    return found


def list_plugins() -> list[PluginInfo]:
    """Every extractor step and lexicon patch: the built-ins, then the plugins.

    Each is reported with the package providing it, whether it is enabled by default,
    and its status. A broken plugin is reported with ``status="error"`` and the reason;
    this function neither raises nor warns because of one.

    The built-in lexicons themselves are data, not plugins, and are not listed.
    """
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
                reason = describe_error(error)
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


def _discover() -> tuple[dict[str, Any], dict[str, LoadedPlugin]]:
    """The loadable factories by name, and every step found (loadable or not) by name."""
    items = discover_steps()
    for item in items:
        if item.error is not None:
            warn_once(
                f"extractor plugin {item.label} could not be loaded and is skipped: {item.error}",
                stacklevel=4,
            )
    return {i.name: i.obj for i in items if i.error is None}, {i.name: i for i in items}


def available_steps() -> dict[str, Any]:
    """Every usable step factory by name: the built-ins first, then plugins.

    Plugins are those registered in this process with ``@extractors.register(...)`` and
    those declared as ``attribution_extractors`` entry points. A plugin whose entry
    point cannot be loaded is reported once with a
    :class:`~attribution.plugins.PluginWarning` naming it and its package, and left out.
    """
    return _discover()[0]


def _normal(name: str) -> str:
    return name.replace("-", "_").lower()


def resolve_step_names(names: Sequence[str], known: Sequence[str], broken: Sequence[str] = ()) -> list[str]:
    """Full step names for ``names``, which may use short aliases.

    An exact name wins; otherwise ``"<thing>"`` or ``"<dist>.<thing>"`` matches the step
    ``"<dist>.<thing>.v<N>"`` (``-`` and ``_`` interchangeable, case ignored).

    Args:
        names: The names as given (``"rebuttals"``, ``"attribution.claims.v1"``).
        known: Every usable step name.
        broken: Names of plugins that were found but cannot be used; they resolve too,
            and the error message lists them apart.

    Raises:
        PluginError: A name matches no step (the message lists them) or several.
    """
    aliases: dict[str, set[str]] = {}
    for full in [*known, *broken]:
        aliases.setdefault(_normal(full), set()).add(full)
        match = _VERSIONED.match(full)
        if match:
            for alias in (match["thing"], f"{match['dist']}.{match['thing']}"):
                aliases.setdefault(_normal(alias), set()).add(full)
    resolved, unknown = [], []
    for name in names:
        if name in known or name in broken:
            resolved.append(name)
            continue
        matches = aliases.get(_normal(name), set())
        if len(matches) == 1:
            resolved.append(next(iter(matches)))
        elif matches:
            raise PluginError(f"extractor step name {name!r} is ambiguous: {', '.join(sorted(matches))}")
        else:
            unknown.append(name)
    if unknown:
        message = f"unknown extractor step(s) {', '.join(map(repr, unknown))}; available: {', '.join(known) or 'none'}"
        if broken:
            message += f" (broken, see `attribution plugins`: {', '.join(broken)})"
        raise PluginError(message)
    return resolved


def order_steps(steps: Sequence[Extractor]) -> list[Extractor]:
    """``steps`` ordered so that every ``after``/``before`` constraint holds.

    Otherwise the given order is kept: each step is placed where it was given, preceded
    by the steps that must run before it and have not been placed yet. Constraints naming
    steps that are not present are ignored.

    Raises:
        PluginError: The constraints form a cycle (the message names the steps in it).
    """
    position = {s.name: i for i, s in enumerate(steps)}
    by_name = {s.name: s for s in steps}
    first: dict[str, set[str]] = {n: set() for n in position}  # n -> steps that must come first
    for step in steps:
        first[step.name].update(a for a in step.after if a in position and a != step.name)
        for b in step.before:
            if b in position and b != step.name:
                first[b].add(step.name)
    ordered: list[Extractor] = []
    done: set[str] = set()
    visiting: list[str] = []

    def place(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            cycle = [*visiting[visiting.index(name) :], name]
            raise PluginError("extractor steps have circular after/before constraints: " + " -> ".join(cycle))
        visiting.append(name)
        for earlier in sorted(first[name], key=position.__getitem__):
            place(earlier)
        visiting.pop()
        done.add(name)
        ordered.append(by_name[name])

    for step in steps:
        place(step.name)
    return ordered


class PluginStep:
    """A plugin's step, guarded so that its failures never reach the built-ins.

    When the wrapped step raises (``SystemExit`` included; ``KeyboardInterrupt`` still
    stops the run), returns something other than an
    :class:`~attribution.model.AttributedDocument`, or changes the document's text, a
    :class:`~attribution.plugins.PluginWarning` naming the step, its package and the
    reason is issued once, the document is passed on unchanged, and the step is not run
    again for the rest of the run (in a run over several worker processes, in that
    process): a plugin that fails once is taken to be broken, and the warning says so.

    Attributes:
        step: The wrapped step.
        package: The package that provides it, for messages.
        version: That package's version, when known.
        failed: Whether it has failed (and is now skipped).
    """

    def __init__(self, step: Extractor, *, package: str, version: str | None = None) -> None:
        self.step = step
        self.package = package
        self.version = version
        self.failed = False

    @property
    def name(self) -> str:
        """The wrapped step's name."""
        return self.step.name

    @property
    def after(self) -> Sequence[str]:
        """The wrapped step's ``after``."""
        return tuple(self.step.after)

    @property
    def before(self) -> Sequence[str]:
        """The wrapped step's ``before``."""
        return tuple(self.step.before)

    def __call__(self, doc: Any, partial: AttributedDocument) -> AttributedDocument:
        """Run the wrapped step; on failure warn once and return ``partial``."""
        if self.failed:
            return partial
        try:
            with deferred_checks(False):  # a plugin's document is checked as it is built
                result = self.step(doc, partial)
            if not isinstance(result, AttributedDocument):
                raise TypeError(f"it returned {type(result).__name__}, not AttributedDocument")
            if result.text != partial.text:
                raise ValueError("it changed the document text")
        except (Exception, SystemExit) as error:  # a plugin must not take the built-ins down
            self.failed = True
            package = f"{self.package} {self.version}" if self.version else self.package
            warn_once(
                f"extractor plugin {self.name!r} (package {package}) failed and is skipped: "
                f"{type(error).__name__}: {error} (it is not run again in this run)",
                stacklevel=3,
            )
            return partial
        return result

    def __repr__(self) -> str:
        return f"PluginStep({self.step!r}, package={self.package!r})"


def build_steps(
    nlp: Language,
    *,
    steps: Sequence[str] | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Extractor]:
    """Instantiate and order the enabled steps for ``nlp``.

    A step is enabled by default unless its factory has ``default_enabled = False``.
    Names may be short aliases (see :func:`resolve_step_names`). A plugin that cannot be
    loaded or created, or whose factory returns something that is not an
    :class:`~attribution.extract.base.Extractor`, is reported once with a
    :class:`~attribution.plugins.PluginWarning` and skipped; plugin steps are wrapped in
    :class:`PluginStep`.

    Args:
        nlp: The pipeline the steps will run in.
        steps: The names of the steps to run; by default every step enabled by default.
        include: Names of steps to run in addition (those off by default).
        exclude: Names of steps not to run.
        config: Keyword arguments for each step's factory, by step name.

    Raises:
        PluginError: A named step does not exist (the message lists the available ones),
            or a built-in step is broken.
        ConfigError: A built-in step's configuration is not a mapping, has an unknown
            option, or a value of the wrong type or out of range.
    """
    available, every = _discover()
    known, broken = list(available), [n for n in every if n not in available]
    config = {n: c for n, c in zip(resolve_step_names(list(config or {}), known, broken), (config or {}).values())}
    if steps is None:
        wanted = [n for n, f in available.items() if getattr(f, "default_enabled", True)]
    else:
        wanted = resolve_step_names(steps, known, broken)
    wanted += [n for n in resolve_step_names(include, known, broken) if n not in wanted]
    excluded = set(resolve_step_names(exclude, known, broken))
    built: list[Extractor] = []
    for name in wanted:
        if name in excluded or name not in available:  # a broken plugin: warned about already
            continue
        item = every[name]
        options = config.get(name, {})
        try:
            if not isinstance(options, Mapping):
                raise ConfigError(f"{name}: the configuration must be a mapping of options, not {type(options).__name__}")
            step = available[name](nlp, **options)
        except Exception as error:
            if name in BUILTIN_STEPS:
                raise
            warn_once(
                f"extractor plugin {item.label} could not be created and is skipped: {type(error).__name__}: {error}",
                stacklevel=3,
            )
            continue
        if not isinstance(step, Extractor):
            if name in BUILTIN_STEPS:
                raise PluginError(f"built-in step {name!r} does not follow the Extractor protocol")
            warn_once(
                f"extractor plugin {item.label} is skipped: its factory returned {type(step).__name__}, "
                "not an Extractor (name, after, before and __call__(doc, partial))",
                stacklevel=3,
            )
            continue
        built.append(step if name in BUILTIN_STEPS else PluginStep(step, package=item.package, version=item.version))
    return order_steps(built)
