"""Lexicons as pipeline state: typed rule records, per-pipeline lexicons, saved with the pipeline."""

import json

import pytest
import spacy

from attribution.errors import ConfigError
from attribution.extract import analyze, load_pipeline
from attribution.extract.lexicon import available_lexicons, default_lexicons, load_lexicon
from attribution.extract.lexicon_set import LexiconSet, using_lexicons
from attribution.extract.rules import RULES, ReportingVerbRule, RoleRule, RuleError
from attribution.extract.sources import describe

HARRUMPH = {"lemma": "harrumph", "forms": ["harrumphs", "harrumphed", "harrumphing"], "class": "speech"}
TEXT = "The minister harrumphed that the talks were over."


def test_every_lexicon_has_a_record_and_its_entries_round_trip_through_it():
    assert sorted(RULES) == sorted(available_lexicons())
    for name, record in RULES.items():
        for entry in load_lexicon(name, patches=()):
            assert json.dumps(record.from_dict(entry).to_dict(), sort_keys=True) == json.dumps(entry, sort_keys=True)


@pytest.mark.parametrize(
    ("record", "entry", "words"),
    [
        (ReportingVerbRule, {**HARRUMPH, "lemmma": "x"}, "unknown field(s) 'lemmma'"),
        (ReportingVerbRule, {"forms": []}, "missing field(s) 'lemma'; missing field(s) 'class'"),
        (ReportingVerbRule, {**HARRUMPH, "forms": "harrumphed"}, "forms: expected a list, got str"),
        (RoleRule, {"role": "envoy", "plural": None, "kind": "persona", "title": False}, "'kind' must be in"),
        (RoleRule, {"role": "envoy", "plural": None, "kind": "person", "title": "no"}, "title: expected true or false"),
    ],
)
def test_a_record_rejects_what_its_lexicon_does_not_have(record, entry, words):
    with pytest.raises(RuleError) as caught:
        record.from_dict(entry)
    assert words in str(caught.value) and "(fields: " in str(caught.value)


def test_a_lexicon_set_rejects_unknown_lexicons_and_malformed_entries():
    lexicons = default_lexicons()
    with pytest.raises(ConfigError, match="unknown lexicon.*'reporting_verb'; available: .*reporting_verbs"):
        lexicons.replace({"reporting_verb": [HARRUMPH]})
    with pytest.raises(ConfigError, match="lexicon 'reporting_verbs' entry 2: unknown field"):
        lexicons.replace({"reporting_verbs": [HARRUMPH, {**HARRUMPH, "colour": "red"}]})
    with pytest.raises(ConfigError, match="expected a list of entries, got dict"):
        lexicons.replace({"reporting_verbs": HARRUMPH})
    assert LexiconSet.from_dict(lexicons.to_dict()).to_dict() == lexicons.to_dict()


def test_the_active_set_is_what_the_steps_read_and_their_caches_follow_it():
    elder = default_lexicons().replace({"seniority": [{"word": "senior", "seniority": "elder"}]})
    nlp = spacy.blank("en")
    doc = nlp("A senior official")
    assert describe(doc, 0, len(doc.text)).seniority == "senior"
    with using_lexicons(elder):
        assert load_lexicon("seniority") == ({"word": "senior", "seniority": "elder"},)
        assert describe(doc, 0, len(doc.text)).seniority == "elder"
    assert describe(doc, 0, len(doc.text)).seniority == "senior"


def _cues(document):
    return [document.text[c.cue.start : c.cue.end] for c in document.claims if c.cue is not None]


def test_a_pipeline_saved_with_a_changed_lexicon_loads_with_it(tmp_path):
    nlp = load_pipeline()
    pipe = nlp.get_pipe("attribution")
    assert "harrumphed" not in _cues(analyze(TEXT, nlp=nlp))
    pipe.set_lexicons({"reporting_verbs": [*pipe.lexicons.entries("reporting_verbs"), HARRUMPH]})
    assert "harrumphed" in _cues(analyze(TEXT, nlp=nlp))
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "attribution" / "lexicons" / "reporting_verbs.jsonl"
    assert HARRUMPH in [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]

    loaded = spacy.load(tmp_path / "pipeline")
    assert HARRUMPH in loaded.get_pipe("attribution").lexicons.entries("reporting_verbs")
    assert "harrumphed" in _cues(analyze(TEXT, nlp=loaded))
    # A pipeline built afresh still has the package's own lexicons, in the same process.
    assert "harrumphed" not in _cues(analyze(TEXT, nlp=load_pipeline()))


def test_lexicons_from_the_component_config_and_initialize():
    nlp = load_pipeline(steps=["sources"])
    pipe = nlp.get_pipe("attribution")
    assert ("senior", "senior") in {(e["word"], e["seniority"]) for e in pipe.lexicons.entries("seniority")}
    pipe.initialize(lexicons={"seniority": [{"word": "senior", "seniority": "elder"}]})
    assert pipe.lexicons.entries("seniority") == ({"word": "senior", "seniority": "elder"},)
    blank = spacy.blank("en")
    with pytest.raises(ConfigError, match="lexicon 'roles' entry 1"):
        blank.add_pipe("attribution", config={"lexicons": {"roles": [{"role": "envoy"}]}})
