"""The ``attribution.anonymity.v1`` step: conditions of anonymity, their reasons and sources."""

import attrs
import pytest

from attribution.extract import analyze
from attribution.extract.anonymity import make_anonymity
from attribution.model import AnonymityCondition, AnonymityKind, AttributedDocument, Source, Span


def conditions(nlp, text):
    document = analyze(text, nlp=nlp)
    return document, document.anonymity_conditions


def test_relative_clause_covers_the_noun_it_modifies(nlp):
    text = (
        "A senior official, who spoke on condition of anonymity because he was not authorized "
        "to discuss the matter publicly, said the talks had collapsed."
    )
    document, (condition,) = conditions(nlp, text)
    assert condition.kind is AnonymityKind.CONDITION_OF_ANONYMITY
    assert condition.evidence.text == "on condition of anonymity"
    assert condition.reason.text == "because he was not authorized to discuss the matter publicly"
    (source,) = [document.source(s) for s in condition.sources]
    assert source.mentions[0].text == "A senior official"


def test_asked_not_to_be_identified(nlp):
    text = "The talks have collapsed, said the official, who asked not to be identified."
    document, (condition,) = conditions(nlp, text)
    assert condition.kind is AnonymityKind.DECLINED_TO_BE_NAMED
    assert condition.evidence.text == "asked not to be identified"
    assert condition.reason is None
    assert document.source(condition.sources[0]).mentions[-1].text == "the official"


def test_pronoun_subject_and_a_purpose_as_reason(nlp):
    text = (
        "Two diplomats said the ceasefire would hold. "
        "They spoke on condition of anonymity to discuss private deliberations."
    )
    document, (condition,) = conditions(nlp, text)
    assert condition.reason.text == "to discuss private deliberations"
    assert document.source(condition.sources[0]).count == 2


def test_not_authorized_alone_is_its_own_kind(nlp):
    text = (
        "Officials familiar with the matter said the deal was close. "
        "The officials were not authorized to speak publicly."
    )
    document, (condition,) = conditions(nlp, text)
    assert condition.kind is AnonymityKind.NOT_AUTHORIZED
    assert condition.reason.text == "not authorized to speak publicly"
    assert document.source(condition.sources[0]).anonymous


def test_all_of_the_officials_covers_every_anonymous_official_and_no_one_else(nlp):
    text = (
        "A senior Pakistani official said the list was new. "
        "Senior U.S. officials said the list was old. "
        "“We expect results,” one of the officials said. "
        "Senator Mary Jones said the aid should stop. "
        "All of the officials spoke on condition of anonymity, declining to be quoted by name."
    )
    document, found = conditions(nlp, text)
    assert len(found) == 1, "one sentence, one condition"
    (condition,) = found
    assert condition.kind is AnonymityKind.CONDITION_OF_ANONYMITY
    assert condition.evidence.text == "on condition of anonymity, declining to be quoted by name"
    covered = [document.source(s) for s in condition.sources]
    assert sorted(s.mentions[0].text for s in covered) == ["A senior Pakistani official", "Senior U.S. officials"]
    assert all(s.anonymous and s.member_of is None for s in covered)


def test_no_condition_without_the_words(nlp):
    text = "A senior official said the talks had collapsed. He was speaking in Geneva."
    assert conditions(nlp, text)[1] == ()


def test_step_keeps_existing_conditions_and_fresh_ids(nlp):
    text = "An aide, speaking on condition of anonymity, said the bill was dead."
    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline:
        if component is not nlp.get_pipe("attribution"):
            doc = component(doc)
    aide = Span.of(text, 0, len("An aide"))
    earlier = AttributedDocument(
        id="t",
        text=text,
        sources=[Source(id="s1", kind="person", anonymous=True, mentions=[aide])],
    )
    existing = AnonymityCondition(id="a1", sources=["s1"], kind="other", evidence=aide)
    result = make_anonymity(nlp)(doc, attrs.evolve(earlier, anonymity_conditions=[existing]))
    assert [c.id for c in result.anonymity_conditions] == ["a1", "a2"]
    assert result.anonymity_conditions[1].sources == ("s1",)


def test_configuration_is_rejected(nlp):
    with pytest.raises(TypeError):
        make_anonymity(nlp, strict=True)


def test_relative_clause_misattached_inside_the_speaker_phrase(nlp):
    text = (
        "One person with knowledge of the mayor's plans, who spoke on condition of anonymity, "
        "said the decision had been made."
    )
    document, (condition,) = conditions(nlp, text)
    (source,) = [document.source(s) for s in condition.sources]
    assert source.mentions[0].text.startswith("One person")
    assert source.anonymous
