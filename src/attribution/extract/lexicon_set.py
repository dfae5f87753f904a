"""The lexicons of one pipeline: state that is built with it, changed and saved with it.

A :class:`LexiconSet` holds every lexicon a pipeline's steps read, by name, each entry
checked against its typed record (:mod:`attribution.extract.rules`). The ``attribution``
component builds one when it is created (the package's data with the installed plugins'
patches, then the pipeline's own overrides) and saves it with the pipeline, as spaCy's
``span_ruler`` keeps its patterns.

While a component builds or runs its steps, its set is the *active* one
(:func:`using_lexicons`): :func:`~attribution.extract.lexicon.load_lexicon` answers
from it, and what the steps derive from their lexicons is cached per set
(:func:`per_lexicons`), so two pipelines with different lexicons can live in one process.
"""

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, TypeVar

import attrs

from ..errors import ConfigError
from .rules import RULES, RuleError

__all__ = ["LexiconSet", "active_lexicons", "per_lexicons", "using_lexicons"]


def _checked(name: str, entries: Iterable[Mapping[str, Any]]) -> tuple[dict[str, Any], ...]:
    if isinstance(entries, (str, bytes, Mapping)) or not isinstance(entries, Iterable):
        raise ConfigError(f"lexicon {name!r}: expected a list of entries, got {type(entries).__name__}")
    record = RULES.get(name)
    checked = []
    for number, entry in enumerate(entries, 1):
        if record is None:  # a lexicon without a record class: kept as given
            if not isinstance(entry, Mapping):
                raise ConfigError(f"lexicon {name!r} entry {number}: expected a JSON object, got {type(entry).__name__}")
            checked.append(dict(entry))
            continue
        try:
            checked.append(record.from_dict(entry).to_dict())
        except RuleError as error:
            raise ConfigError(f"lexicon {name!r} entry {number}: {error}") from None
    return tuple(checked)


@attrs.frozen(eq=False)
class LexiconSet:
    """Every lexicon of one pipeline: its entries by lexicon name.

    Build it with :meth:`from_dict`, which checks each entry against its typed record.
    Sets are compared by identity: each pipeline has its own.

    Attributes:
        lexicons: The entries of each lexicon, as written in its JSONL file.
        derived: What the steps derived from the set, by function (see :func:`per_lexicons`).
    """

    lexicons: Mapping[str, tuple[dict[str, Any], ...]]
    derived: dict[Any, dict[Any, Any]] = attrs.field(init=False, factory=dict, repr=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Iterable[Mapping[str, Any]]]) -> "LexiconSet":
        """A set from ``{lexicon name: [entry, ...]}``.

        Raises:
            ConfigError: An entry has an unknown or missing key or a value of the wrong
                type (the message names the lexicon, the entry and the key), or a lexicon
                is not a list of entries.
        """
        return cls({name: _checked(name, entries) for name, entries in data.items()})

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """The set as ``{lexicon name: [entry, ...]}``, the form :meth:`from_dict` reads."""
        return {name: [dict(e) for e in entries] for name, entries in self.lexicons.items()}

    def entries(self, name: str) -> tuple[dict[str, Any], ...]:
        """The entries of lexicon ``name``.

        Raises:
            KeyError: The set has no such lexicon (the message lists those it has).
        """
        try:
            return self.lexicons[name]
        except KeyError:
            raise KeyError(f"no lexicon named {name!r}; available: {', '.join(sorted(self.lexicons))}") from None

    def __contains__(self, name: object) -> bool:
        return name in self.lexicons

    def replace(self, lexicons: Mapping[str, Iterable[Mapping[str, Any]]]) -> "LexiconSet":
        """A new set in which the lexicons named in ``lexicons`` have the entries given.

        Raises:
            ConfigError: A lexicon this set does not have (the message lists those it
                has), or a malformed entry (see :meth:`from_dict`).
        """
        unknown = sorted(set(lexicons) - set(self.lexicons))
        if unknown:
            raise ConfigError(
                f"unknown lexicon(s) {', '.join(map(repr, unknown))}; available: {', '.join(sorted(self.lexicons))}"
            )
        return LexiconSet({**self.lexicons, **LexiconSet.from_dict(lexicons).lexicons})


_ACTIVE: ContextVar[LexiconSet | None] = ContextVar("attribution_lexicons", default=None)


def active_lexicons() -> LexiconSet | None:
    """The set of the component building or running its steps now, if any."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using_lexicons(lexicons: LexiconSet | None) -> Iterator[None]:
    """Make ``lexicons`` the active set for the duration (``None``: the package's own)."""
    token = _ACTIVE.set(lexicons)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


_F = TypeVar("_F", bound=Callable[..., Any])


def per_lexicons(function: _F) -> _F:
    """Cache ``function``'s results per active set, as :func:`functools.cache` would per process.

    For what a step derives from its lexicons on first use (the sources step's vocabulary,
    the word sets): computed once for each pipeline's set, and once for the package's own
    lexicons when no set is active. Arguments must be hashable.
    """
    default: dict[Any, Any] = {}

    @functools.wraps(function)
    def cached(*args: Any) -> Any:
        active = _ACTIVE.get()
        if active is None:
            cache = default
        else:
            cache = active.derived.get(cached)
            if cache is None:
                cache = active.derived[cached] = {}
        try:
            return cache[args]
        except KeyError:
            value = cache[args] = function(*args)
            return value

    def cache_clear() -> None:
        """Forget what was computed without an active set (a pipeline's set keeps its own)."""
        default.clear()

    cached.cache_clear = cache_clear  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]
