"""Reporting cues from the lexicons (:mod:`attribution.extract.claims.cues`)."""

import pytest

from attribution.extract.claims import CueFinder, VerbEntry
from attribution.extract.lexicon import load_lexicon


@pytest.fixture(scope="module")
def finder(nlp):
    return CueFinder(nlp.vocab)


def cues(nlp, finder, text):
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline:
        if getattr(proc, "name", None) == "attribution":
            break
        doc = proc(doc)
    return doc, finder(doc)


def test_lexicon_has_several_hundred_verbs_with_unique_lemmas():
    entries = load_lexicon("reporting_verbs")
    lemmas = [e["lemma"] for e in entries]
    assert len(lemmas) >= 300
    assert len(set(lemmas)) == len(lemmas)
    classes = {VerbEntry.from_dict(e).cls for e in entries}
    assert {"speech", "writing", "belief"} <= classes


def test_unknown_keys_in_a_verb_entry_are_rejected():
    with pytest.raises(ValueError, match="keys must be among"):
        VerbEntry.from_dict({"lemma": "say", "class": "speech", "tense": "past"})


def test_verbs_match_on_form_when_the_lemmatizer_is_wrong(nlp, finder):
    doc, found = cues(nlp, finder, "They griped that the U.S. won't share coordinates.")
    assert [(doc[c.head].text, c.lemma, c.cls) for c in found] == [("griped", "gripe", "speech")]


@pytest.mark.parametrize(
    ("text", "lemma"),
    [
        ("The senator insisted that the bill would pass.", "insist"),
        ("The minister denied that he had resigned.", "deny"),
        ("The governor warned that taxes would rise.", "warn"),
        ("The president tweeted that the deal was dead.", "tweet"),
        ("The mayor acknowledged that mistakes were made.", "acknowledge"),
        ("Analysts believe that rates will fall.", "believe"),
    ],
)
def test_reporting_verbs_beyond_say(nlp, finder, text, lemma):
    doc, found = cues(nlp, finder, text)
    assert lemma in [c.lemma for c in found]


def test_according_to_is_a_source_preposition(nlp, finder):
    doc, found = cues(nlp, finder, "Rates will fall, according to the central bank.")
    (cue,) = [c for c in found if c.role == "source_prep"]
    assert doc[cue.start : cue.end].text == "according to"


def test_noun_uses_are_not_cues(nlp, finder):
    doc, found = cues(nlp, finder, "The report and the claim were on the table.")
    assert found == []


def test_medium_phrases(nlp, finder):
    doc = nlp("The company said in a statement that it would appeal.")
    mediums = finder.mediums(doc)
    assert [m for _, m in mediums.values()] == ["statement"]


def test_tweet_implies_its_medium(nlp, finder):
    doc, found = cues(nlp, finder, "Trump greeted the new year by tweeting that Pakistan lied.")
    assert [(c.lemma, c.medium) for c in found] == [("tweet", "tweet")]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Union leaders made the case that the fund is short.", "made the case"),
        ("Two council members voiced concern that the deal favored the developer.", "voiced concern"),
        ("The coach floated the idea that the club could move.", "floated the idea"),
    ],
)
def test_a_verb_and_its_object_are_one_cue_before_a_that_clause(nlp, finder, text, cue):
    doc, found = cues(nlp, finder, text)
    assert [doc[c.start : c.end].text for c in found] == [cue]


@pytest.mark.parametrize(
    "text",
    ["The baker made a cake for the party.", "The senator made the case for a lower tax.", "Residents raised concerns about noise."],
)
def test_a_verb_that_is_a_cue_only_with_its_objects_is_none_without_one(nlp, finder, text):
    doc, found = cues(nlp, finder, text)
    assert found == []


def test_objects_of_a_verb_entry_are_read_in_lower_case():
    entry = VerbEntry.from_dict({"lemma": "make", "class": "speech", "frames": [], "objects": ["Case", "point"]})
    assert (entry.frames, entry.objects) == ((), ("case", "point"))
