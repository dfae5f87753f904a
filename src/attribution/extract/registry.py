"""Finding, configuring and ordering extractor steps.

Built-in steps live in their own modules and register in
:data:`attribution.plugins.extractors` exactly as plugins do (they are also declared as
``attribution_extractors`` entry points in the package metadata).
"""

import importlib
import warnings
from importlib.metadata import entry_points
from collections.abc import Mapping, Sequence
from typing import Any

import catalogue
from spacy.language import Language

from ..errors import PluginError
from ..plugins import extractors
from .base import Extractor

__all__ = ["BUILTIN_STEPS", "available_steps", "build_steps", "order_steps"]

#: The built-in steps, in pipeline order, with the spaCy component that runs each alone.
BUILTIN_STEPS: dict[str, str] = {
    "attribution.claims.v1": "attribution_claims",
    "attribution.sources.v1": "attribution_sources",
    "attribution.anonymity.v1": "attribution_anonymity",
    "attribution.non_responses.v1": "attribution_non_responses",
    "attribution.rebuttals.v1": "attribution_rebuttals",
}

_BUILTIN_MODULES = ("claims", "sources", "anonymity", "nonresponses", "rebuttals")


def _import_builtins() -> None:
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(f"{__package__}.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"{__package__}.{module}":
                raise


def available_steps() -> dict[str, Any]:
    """Every registered step factory by name: the built-ins first, then plugins.

    Plugins are those registered in this process with ``@extractors.register(...)`` and
    those declared as ``attribution_extractors`` entry points. A plugin whose entry
    point cannot be loaded is reported with a warning naming it and its package, and
    left out.
    """
    _import_builtins()
    found: dict[str, Any] = {name: extractors.get(name) for name in BUILTIN_STEPS if name in extractors}
    for key, factory in sorted(catalogue.REGISTRY.items()):
        if key[:2] == extractors.namespace and key[-1] not in found:
            found[key[-1]] = factory
    for entry in entry_points(group="attribution_extractors"):
        if entry.name in found:
            continue
        try:
            found[entry.name] = entry.load()
        except Exception as error:
            package = entry.dist.name if entry.dist is not None else "an unknown package"
            warnings.warn(
                str(
                    PluginError(
                        f"extractor plugin {entry.name!r} from {package} could not be loaded "
                        f"and is skipped: {type(error).__name__}: {error}"
                    )
                ),
                stacklevel=2,
            )
    return found


def order_steps(steps: Sequence[Extractor]) -> list[Extractor]:
    """``steps`` ordered so that every ``after``/``before`` constraint holds.

    Otherwise the given order is kept. Constraints naming steps that are not present are
    ignored.

    Raises:
        PluginError: The constraints form a cycle.
    """
    names = [s.name for s in steps]
    edges: dict[str, set[str]] = {n: set() for n in names}  # n -> steps that must come first
    for step in steps:
        edges[step.name].update(a for a in step.after if a in edges)
        for b in step.before:
            if b in edges:
                edges[b].add(step.name)
    ordered: list[Extractor] = []
    placed: set[str] = set()
    pending = list(steps)
    while pending:
        for step in pending:
            if edges[step.name] <= placed:
                ordered.append(step)
                placed.add(step.name)
                pending.remove(step)
                break
        else:
            raise PluginError(
                "extractor steps have circular after/before constraints: "
                + ", ".join(s.name for s in pending)
            )
    return ordered


def build_steps(
    nlp: Language,
    *,
    steps: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Extractor]:
    """Instantiate and order the enabled steps for ``nlp``.

    Args:
        nlp: The pipeline the steps will run in.
        steps: The names of the steps to run; by default every available step.
        exclude: Names of steps not to run.
        config: Keyword arguments for each step's factory, by step name.

    Raises:
        PluginError: A named step does not exist (the message lists the available ones).
    """
    available = available_steps()
    config = config or {}
    wanted = list(available) if steps is None else list(steps)
    unknown = [n for n in [*wanted, *exclude] if n not in available]
    if unknown:
        raise PluginError(
            f"unknown extractor step(s) {', '.join(map(repr, unknown))}; available: {', '.join(available)}"
        )
    built = []
    for name in wanted:
        if name in exclude:
            continue
        factory = available[name]
        try:
            step = factory(nlp, **dict(config.get(name, {})))
        except Exception as error:
            if name in BUILTIN_STEPS:
                raise
            warnings.warn(
                str(PluginError(f"extractor plugin {name!r} could not be created and is skipped: {type(error).__name__}: {error}")),
                stacklevel=2,
            )
            continue
        if not isinstance(step, Extractor):
            if name in BUILTIN_STEPS:
                raise PluginError(f"built-in step {name!r} does not follow the Extractor protocol")
            warnings.warn(
                str(PluginError(f"extractor plugin {name!r} is skipped: its factory returned {type(step).__name__}, which lacks name/after/before/__call__")),
                stacklevel=2,
            )
            continue
        built.append(step)
    return order_steps(built)
