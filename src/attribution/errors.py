"""The exception hierarchy of :mod:`attribution`.

Every error the library raises on purpose derives from :class:`AttributionError`, and
each subclass also inherits the builtin a caller would naturally catch (the pattern of
attrs' ``FrozenError(AttributeError)``), so ``except ValueError`` keeps working.
"""

from typing import Any

import attrs

__all__ = [
    "AttributionError",
    "ConfigError",
    "ExtractionError",
    "InputError",
    "InvariantError",
    "ModelNotAvailableError",
    "PipelineError",
    "PluginError",
    "Problem",
    "SchemaValidationError",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a document.

    Attributes:
        pointer: JSON pointer (RFC 6901) to the offending value, e.g. ``/claims/3/source``;
            ``""`` is the whole document.
        message: What is wrong, in one line.
        rule: The rule that was broken (a JSON Schema keyword such as ``required``, or an
            invariant name such as ``dangling-reference``).
    """

    pointer: str
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


class AttributionError(Exception):
    """Base class of every error raised by :mod:`attribution`."""


def _summary(problems: "tuple[Problem, ...]", what: str) -> str:
    head = f"{len(problems)} {what}" + ("" if len(problems) == 1 else "s")
    return head + ": " + "; ".join(str(p) for p in problems)


class InvariantError(AttributionError, ValueError):
    """A model was built that breaks one or more document invariants.

    Attributes:
        problems: Every problem found, each with its JSON pointer.
    """

    def __init__(self, problems: "tuple[Problem, ...] | list[Problem]") -> None:
        self.problems = tuple(problems)
        super().__init__(_summary(self.problems, "invariant violation"))


class SchemaValidationError(AttributionError, ValueError):
    """JSON that does not validate against the attribution schema or its invariants.

    Attributes:
        problems: Every problem found, each with its JSON pointer and the rule broken.
    """

    def __init__(self, problems: "tuple[Problem, ...] | list[Problem]") -> None:
        self.problems = tuple(problems)
        super().__init__(_summary(self.problems, "validation error"))


class InputError(AttributionError, ValueError):
    """Input that cannot be read at all: malformed JSON, non-UTF-8 bytes, an empty file.

    Attributes:
        source: Where the input came from (a file name, ``<stdin>``), or ``None``.
        line: The 1-based line number within ``source``, when known.
        pointer: The JSON pointer of the offending value when the JSON was read but
            holds something a document cannot (``""`` otherwise).
        rule: What was broken: ``input`` for unreadable input, else a rule such as
            ``duplicate-key``, ``finite``, ``surrogate`` or ``line-length``.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        pointer: str = "",
        rule: str = "input",
    ) -> None:
        self.source = source
        self.line = line
        self.reason = message
        self.pointer = pointer
        self.rule = rule
        where = ":".join(str(x) for x in (source, line) if x is not None)
        said = f"{pointer}: {message}" if pointer else message
        super().__init__(f"{where}: {said}" if where else said)


class ExtractionError(InputError):
    """Some documents of a run could not be processed; the good ones were still produced.

    Attributes:
        failures: Each failed document (an :class:`attribution.runner.Failure`: its id,
            origin and reason), in input order.
    """

    def __init__(self, failures: "list[Any] | tuple[Any, ...]") -> None:
        self.failures = tuple(failures)
        shown = "; ".join(str(f) for f in self.failures[:5])
        more = f"; and {len(self.failures) - 5} more" if len(self.failures) > 5 else ""
        count = len(self.failures)
        head = f"{count} document{'s' if count != 1 else ''} could not be processed"
        super().__init__(shown + more if count == 1 else f"{head}: {shown}{more}")


class PipelineError(AttributionError, ValueError):
    """A spaCy pipeline that cannot be used for extraction (for example, it has no parser)."""


class ConfigError(PipelineError, TypeError):
    """A step's configuration that cannot be used: an unknown option, a value of the wrong
    type or out of range.

    One error for every built-in step; the message names the step, every problem and the
    valid options with their defaults. It is a :class:`PipelineError` (and so a
    ``ValueError``) and a ``TypeError``, which the steps raised for bad configuration
    before it existed, so code that caught those keeps working.
    """


class ModelNotAvailableError(AttributionError, OSError):
    """The requested spaCy model package is not installed."""


class PluginError(AttributionError, LookupError):
    """A plugin that is missing, broken or incompatible.

    The message names the plugin, the package that provides it, and the reason.
    """
