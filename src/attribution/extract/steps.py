"""The one table of built-in steps: name, spaCy component, order and configuration.

Each built-in step is described once, in :data:`STEPS`: its registry name
(``"attribution.claims.v1"``), the spaCy component that runs it alone
(``"attribution_claims"``), the steps it must follow or precede, and an attrs class
for its configuration (``RebuttalsConfig(threshold=0.7, implicit=True)``).
The factories (:func:`step_factory`), the registry's :data:`BUILTIN_STEPS`, the spaCy
components and the step classes' ``name``/``after``/``before`` derive from it, and a
test checks that the package metadata's entry points list the same steps.

A step's configuration (``step_config={name: {...}}``, or the spaCy config of the
``attribution`` component) is structured into its config class by the project's
converter (:data:`attribution.converter.strict_converter`), strictly: unknown keys, values of the wrong
type and values out of range raise one :class:`~attribution.errors.ConfigError` that
names the step, every problem and the valid options.
"""

from collections.abc import Callable, Mapping
from typing import Any

import attrs
from cattrs.errors import ClassValidationError

from ..converter import strict_converter, validation_problems
from ..errors import ConfigError
from ..plugins import extractors

__all__ = [
    "STEPS",
    "AnonymityConfig",
    "BuiltinStep",
    "ClaimsConfig",
    "NonResponsesConfig",
    "RebuttalsConfig",
    "SourcesConfig",
    "builtin_step",
    "step_factory",
    "structure_config",
]


def _in_unit_interval(instance: Any, attribute: "attrs.Attribute[float]", value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be a number in 0..1, not {value!r}")


@attrs.frozen(kw_only=True)
class ClaimsConfig:
    """The configuration of ``attribution.claims.v1`` (see :class:`~attribution.extract.claims.ClaimsExtractor`).

    Attributes:
        classes: Cue classes to use (``speech``, ``writing``, ``belief``, ...; see
            ``data/README.md``); ``None``, the default, uses every class.
        min_quote_words: The fewest words a quotation needs to be a claim on its own.
        join_quotes: ``"paragraph"``, the default, joins a quotation that follows a
            quoted claim and its cue in the same paragraph to that claim, as one claim in
            parts ("“A,” he said. “B.”"), and so a quotation that opens the next paragraph
            when the cue clause ends its own; ``"sentence"`` joins it only when no sentence
            ends in between, and otherwise makes it a claim of its own. Claims whose
            cues sit in the sentence that credits the quoted claim ("“A,” he said,
            *noting* that C. “B.”") do not stand in the way.
    """

    classes: tuple[str, ...] | None = None
    min_quote_words: int = attrs.field(default=4, validator=attrs.validators.ge(0))
    join_quotes: str = attrs.field(default="paragraph", validator=attrs.validators.in_(("sentence", "paragraph")))


@attrs.frozen(kw_only=True)
class SourcesConfig:
    """The configuration of ``attribution.sources.v1``.

    Attributes:
        byline: Whether a byline's author ("By KIMBERLY DOZIER") is recorded as the
            document's author rather than taken for a speaker.
    """

    byline: bool = True


@attrs.frozen(kw_only=True)
class AnonymityConfig:
    """The configuration of ``attribution.anonymity.v1``: it has no options."""


@attrs.frozen(kw_only=True)
class NonResponsesConfig:
    """The configuration of ``attribution.non_responses.v1``: it has no options."""


@attrs.frozen(kw_only=True)
class RebuttalsConfig:
    """The configuration of ``attribution.rebuttals.v1``.

    Attributes:
        threshold: Confidence, 0..1, that continuations and implicit counterclaims need to
            be linked; explicit rebuttals are always linked.
        implicit: Whether to look for implicit counterclaims at all.
    """

    threshold: float = attrs.field(default=0.7, validator=_in_unit_interval)
    implicit: bool = True


@attrs.frozen(kw_only=True)
class BuiltinStep:
    """One row of the table of built-in steps.

    Attributes:
        name: The registry name (``"attribution.claims.v1"``), also the entry-point name.
        component: The spaCy component that runs the step alone (``"attribution_claims"``).
        package: The subpackage of :mod:`attribution.extract` that registers the step.
        config: The attrs class its configuration is structured into.
        after: Steps that must run before it, when enabled.
        before: Steps that must run after it, when enabled.
    """

    name: str
    component: str
    package: str
    config: type
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()

    def describe_options(self) -> str:
        """The valid options with their defaults, for messages ("threshold=0.7, implicit=True")."""
        fields = attrs.fields(self.config)
        return ", ".join(f"{f.name}={f.default!r}" for f in fields) or "none"


#: The built-in steps, in pipeline order.
STEPS: tuple[BuiltinStep, ...] = (
    BuiltinStep(name="attribution.claims.v1", component="attribution_claims", package="claims", config=ClaimsConfig),
    BuiltinStep(
        name="attribution.sources.v1",
        component="attribution_sources",
        package="sources",
        config=SourcesConfig,
        after=("attribution.claims.v1",),
        before=("attribution.anonymity.v1", "attribution.non_responses.v1"),
    ),
    BuiltinStep(
        name="attribution.anonymity.v1",
        component="attribution_anonymity",
        package="anonymity",
        config=AnonymityConfig,
        after=("attribution.sources.v1",),
    ),
    BuiltinStep(
        name="attribution.non_responses.v1",
        component="attribution_non_responses",
        package="non_responses",
        config=NonResponsesConfig,
        after=("attribution.sources.v1",),
    ),
    BuiltinStep(
        name="attribution.rebuttals.v1",
        component="attribution_rebuttals",
        package="rebuttals",
        config=RebuttalsConfig,
        after=("attribution.claims.v1", "attribution.sources.v1"),
    ),
)

_BY_NAME = {step.name: step for step in STEPS}


def builtin_step(name: str) -> BuiltinStep:
    """The row of :data:`STEPS` for the built-in step ``name``.

    Raises:
        KeyError: ``name`` is not a built-in step.
    """
    return _BY_NAME[name]


def structure_config(name: str, config: Mapping[str, Any]) -> Any:
    """The configuration ``config`` of the built-in step ``name``, as its config class.

    Args:
        name: The step (``"attribution.rebuttals.v1"``).
        config: The options as given (``{"threshold": 0.8}``).

    Raises:
        ConfigError: An unknown option, a value of the wrong type or out of range; the
            message names the step, every problem and the valid options.
    """
    step = builtin_step(name)
    if not isinstance(config, Mapping):
        raise ConfigError(f"{name}: the configuration must be a mapping of options, not {type(config).__name__}")
    try:
        return strict_converter.structure(dict(config), step.config)
    except (ClassValidationError, ValueError, TypeError) as error:
        problems = validation_problems(error, extra="option")
    raise ConfigError(f"{name}: {'; '.join(problems)}; valid options: {step.describe_options()}")


def step_factory(name: str, build: Callable[[Any, Any], Any]) -> Callable[..., Any]:
    """The factory of the built-in step ``name``, registered in the extractor registry.

    The factory takes the pipeline and the step's options as keyword arguments
    (``make(nlp, threshold=0.8)``), structures the options into the step's config class
    (:func:`structure_config`) and calls ``build(nlp, config)``.

    Args:
        name: The step, a row of :data:`STEPS`.
        build: Makes the step from the pipeline and its structured configuration.
    """
    step = builtin_step(name)

    def make(nlp: Any, **config: Any) -> Any:
        return build(nlp, structure_config(name, config))

    short = step.package
    make.__name__ = make.__qualname__ = f"make_{short}"
    make.__module__ = f"{__package__}.{short}"
    make.__doc__ = (
        f"The built-in step {name!r}.\n\n"
        f"Args:\n    nlp: The pipeline the step runs in.\n"
        f"    **config: The options of :class:`{step.config.__module__}.{step.config.__qualname__}`"
        f" ({step.describe_options()}).\n\n"
        f"Raises:\n    ConfigError: An unknown option, or a value of the wrong type or out of range.\n"
    )
    extractors.register(name, func=make)
    return make
