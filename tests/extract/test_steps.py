"""The table of built-in steps: what derives from it, and step configuration."""

import tomllib
from pathlib import Path

import pytest
import spacy

import attribution.extract.components as components
from attribution.errors import ConfigError, PipelineError
from attribution.extract import BUILTIN_STEPS, build_steps
from attribution.extract.steps import STEPS, ClaimsConfig, RebuttalsConfig, SourcesConfig, structure_config
from attribution.plugins import extractors

ROOT = Path(__file__).resolve().parents[2]
NAMES = [step.name for step in STEPS]


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def test_pyproject_entry_points_list_the_steps_of_the_table():
    points = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    assert points["attribution_extractors"] == {
        step.name: f"attribution.extract.{step.package}:make_{step.package}" for step in STEPS
    }, "pyproject.toml [project.entry-points.attribution_extractors] must match attribution.extract.steps.STEPS"
    assert points["spacy_factories"] == {
        "attribution": "attribution.extract.components:make_attribution",
        "attribution_paragraphs": "attribution.extract.components:paragraph_boundaries",
        **{step.component: f"attribution.extract.components:make_{step.component}" for step in STEPS},
    }, "pyproject.toml [project.entry-points.spacy_factories] must match attribution.extract.steps.STEPS"


def test_registry_factories_components_and_step_classes_derive_from_the_table(blank):
    assert BUILTIN_STEPS == {step.name: step.component for step in STEPS}
    built = {step.name: step for step in build_steps(blank, steps=NAMES)}
    for row in STEPS:
        assert extractors.get(row.name).__name__ == f"make_{row.package}"
        assert callable(getattr(components, f"make_{row.component}"))
        assert row.component in components.SINGLE_STEP_FACTORIES
        step = built[row.name]
        assert (step.name, tuple(step.after), tuple(step.before)) == (row.name, row.after, row.before)


def test_every_row_names_other_rows_only():
    for row in STEPS:
        assert set(row.after) | set(row.before) <= set(NAMES) - {row.name}


@pytest.mark.parametrize(
    ("name", "config", "words"),
    [
        ("attribution.claims.v1", {"join_quotes": "page"}, "'join_quotes' must be in ('sentence', 'paragraph')"),
        ("attribution.claims.v1", {"classes": "speech"}, "classes: expected a list, got str"),
        ("attribution.claims.v1", {"min_quote_words": "4"}, "min_quote_words: expected an integer, got str"),
        ("attribution.sources.v1", {"colour": "red"}, "unknown option(s) 'colour'; valid options: byline=True"),
        ("attribution.sources.v1", {"byline": "no"}, "byline: expected true or false, got str 'no'"),
        ("attribution.anonymity.v1", {"strict": True}, "unknown option(s) 'strict'; valid options: none"),
        ("attribution.non_responses.v1", {"strict": True}, "unknown option(s) 'strict'; valid options: none"),
        ("attribution.rebuttals.v1", {"threshold": 1.5}, "threshold must be a number in 0..1, not 1.5"),
        ("attribution.rebuttals.v1", {"threshold": True}, "threshold: expected a number, got bool"),
        ("attribution.rebuttals.v1", {"treshold": 0.5, "implicit": 1}, "unknown option(s) 'treshold'"),
    ],
)
def test_bad_configuration_is_one_config_error_naming_the_step_and_the_problem(blank, name, config, words):
    with pytest.raises(ConfigError) as caught:
        extractors.get(name)(blank, **config)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and words in message and "valid options:" in message


def test_config_error_is_caught_as_the_errors_raised_before_it():
    error = ConfigError("x")
    assert isinstance(error, TypeError) and isinstance(error, ValueError) and isinstance(error, PipelineError)


def test_configuration_is_structured_into_the_config_class():
    assert structure_config("attribution.rebuttals.v1", {"threshold": 1, "implicit": False}) == RebuttalsConfig(
        threshold=1.0, implicit=False
    )
    assert structure_config("attribution.claims.v1", {"classes": ["speech"]}) == ClaimsConfig(classes=("speech",))
    assert structure_config("attribution.sources.v1", {}) == SourcesConfig()


def test_pipeline_with_bad_step_config_raises_config_error(blank):
    with pytest.raises(ConfigError, match="attribution.rebuttals.v1: unknown option"):
        build_steps(blank, config={"rebuttals": {"thresold": 0.5}})
    with pytest.raises(ConfigError, match="must be a mapping of options, not float"):
        build_steps(blank, config={"rebuttals": 0.5})


def test_step_config_reaches_the_step_through_the_spacy_component():
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("attribution_rebuttals", config={"step_config": {"threshold": 0.9, "implicit": False}})
    (step,) = pipe.steps
    assert (step.threshold, step.implicit) == (0.9, False)
