"""The ``attribution.claims.v1`` step on real sentences."""

import pytest

from attribution.extract import available_steps
from attribution.extract.base import Extractor
from attribution.extract.claims import ClaimsExtractor, make_claims
from attribution.model import AttributedDocument, ClaimMode


@pytest.fixture(scope="module")
def step(nlp):
    return ClaimsExtractor(nlp)


@pytest.fixture
def claims_of(nlp, step):
    """Run only this step on a text parsed by the session pipeline."""

    def run(text):
        with nlp.select_pipes(disable=["attribution"]):
            doc = nlp(text)
        return step(doc, AttributedDocument(id="doc", text=text))

    return run


def only(document):
    assert len(document.claims) == 1, [c.content.text for c in document.claims]
    return document.claims[0]


def test_registered_like_a_plugin(nlp):
    assert available_steps()["attribution.claims.v1"] is make_claims
    step = make_claims(nlp)
    assert isinstance(step, Extractor)
    assert (step.name, tuple(step.after), tuple(step.before)) == ("attribution.claims.v1", (), ())


def test_adds_to_what_earlier_steps_found(nlp):
    text = "The mayor said that the bridge would reopen in May."
    doc = nlp(text)
    first = ClaimsExtractor(nlp)(doc, AttributedDocument(id="d", text=text))
    again = ClaimsExtractor(nlp)(doc, first)
    assert [c.id for c in again.claims] == ["c1", "c2"]
    assert [s.id for s in again.sources] == ["s1", "s2"]


def test_indirect_speech_with_that(claims_of):
    text = "Two Pakistani officials say that Islamabad has turned over two dozen militants."
    claim = only(claims_of(text))
    assert claim.content.text == "that Islamabad has turned over two dozen militants"
    assert claim.source_mention.text == "Two Pakistani officials"
    assert claim.cue.text == "say"
    assert claim.mode is ClaimMode.INDIRECT


def test_trailing_attribution_without_that(claims_of):
    text = "That includes the senior leaders of the network, the official said."
    claim = only(claims_of(text))
    assert claim.content.text == "That includes the senior leaders of the network"
    assert claim.source_mention.text == "the official"


def test_direct_quote_with_speaker_after(claims_of):
    text = "“We have seen some modest steps,” one of the officials said."
    claim = only(claims_of(text))
    assert claim.content.text == "“We have seen some modest steps,”"
    assert claim.source_mention.text == "one of the officials"
    assert claim.mode is ClaimMode.DIRECT


def test_direct_quote_with_speaker_before_and_colon(claims_of):
    text = "The governor said: “This budget is dead on arrival.”"
    claim = only(claims_of(text))
    assert claim.content.text == "“This budget is dead on arrival.”"
    assert claim.source_mention.text == "The governor"


def test_speaker_in_the_middle_gives_one_claim_in_parts(claims_of):
    text = "“The budget is balanced,” the senator said, “and the deficit is gone.”"
    claim = only(claims_of(text))
    assert [p.text for p in claim.content_parts] == ["“The budget is balanced,”", "“and the deficit is gone.”"]
    assert claim.mode is ClaimMode.DIRECT
    assert claim.source_mention.text == "the senator"


def test_multi_sentence_quote(claims_of):
    text = "“We will not back down. We will win this fight,” the mayor said."
    claim = only(claims_of(text))
    assert claim.content.text == "“We will not back down. We will win this fight,”"


def test_quote_continuing_in_the_next_paragraph_keeps_its_speaker(claims_of):
    text = (
        "“We have done what we could,” the minister said.\n"
        "“The rest is up to the courts, and we will respect their ruling.”"
    )
    document = claims_of(text)
    assert [c.content.text[:20] for c in document.claims] == ["“We have done what w", "“The rest is up to t"]
    assert document.claims[0].source == document.claims[1].source
    assert document.claims[1].mode is ClaimMode.DIRECT


def test_mixed_quotation(claims_of):
    text = "The U.S. officials say they “cannot verify Pakistani claims,” adding that talks continue."
    document = claims_of(text)
    first = document.claims[0]
    assert first.content.text == "they “cannot verify Pakistani claims,”"
    assert first.mode is ClaimMode.MIXED
    assert document.claims[1].cue.text == "adding"
    assert document.claims[1].source_mention.text == "The U.S. officials"


def test_according_to(claims_of):
    text = "Haqqani is at the top of that list, according to Bill Roggio of FDD’s Long War Journal."
    claim = only(claims_of(text))
    assert claim.content.text == "Haqqani is at the top of that list"
    assert claim.source_mention.text == "Bill Roggio of FDD’s Long War Journal"
    assert claim.cue.text == "according to"


def test_recipient_and_medium(claims_of):
    text = "The officials tell The Cipher Brief that the talks failed."
    claim = only(claims_of(text))
    assert claim.recipient.text == "The Cipher Brief"
    text = "The company said in a statement that it would appeal the ruling."
    claim = only(claims_of(text))
    assert claim.medium == "statement"
    text = "President Donald Trump greeted the year by tweeting that Pakistan has shown “nothing but lies.”"
    claim = only(claims_of(text))
    assert (claim.medium, claim.source_mention.text, claim.mode) == ("tweet", "President Donald Trump", ClaimMode.MIXED)


def test_nested_claim_gets_its_parent(claims_of):
    text = "The senator said that the governor had promised to veto the bill."
    document = claims_of(text)
    outer, inner = document.claims
    assert inner.parent == outer.id
    assert inner.source_mention.text == "the governor"
    assert outer.content.start <= inner.content.start and inner.content.end <= outer.content.end


def test_scare_quotes_and_titles_are_not_claims(claims_of):
    text = "The administration has drawn up a new “hit list” and screened “The Big Short” for staff."
    assert claims_of(text).claims == ()


def test_scare_quote_inside_content_keeps_it_indirect(claims_of):
    text = "A senior official tells reporters that Washington has given Pakistan a new “hit list” of militants."
    claim = only(claims_of(text))
    assert claim.mode is ClaimMode.INDIRECT


def test_same_speaker_shares_one_source_and_pronouns_resolve(claims_of):
    text = (
        "Senator Jane Smith said that the bill would pass. Two aides said that it would fail. "
        "Smith added that the vote was close. They said that she was wrong."
    )
    document = claims_of(text)
    by_mention = {c.source_mention.text: c.source for c in document.claims}
    assert by_mention["Smith"] == by_mention["Senator Jane Smith"]
    assert by_mention["They"] == by_mention["Two aides"]
    assert by_mention["Two aides"] != by_mention["Senator Jane Smith"]
    kinds = {s.id: s.kind.value for s in document.sources}
    assert kinds[by_mention["Two aides"]] == "group"
    assert kinds[by_mention["Smith"]] == "person"


def test_confidence_is_lower_for_beliefs_than_for_speech(claims_of):
    document = claims_of("The mayor said that the bridge is safe. Residents believe that it is not.")
    said, believe = document.claims
    assert said.confidence > believe.confidence


def test_narration_without_cues_gives_nothing(claims_of):
    text = "The bridge reopened in May. Traffic was heavy on the first day."
    assert claims_of(text).claims == ()


def test_bad_config_is_rejected(nlp):
    with pytest.raises(ValueError, match="join_quotes"):
        ClaimsExtractor(nlp, join_quotes="page")


def test_quotation_running_over_two_paragraphs_is_one_claim(claims_of):
    text = (
        "“We have done what we could for the families.\n"
        "“The rest is up to the courts,” the minister said.\n"
        "The hearing is set for May."
    )
    claim = only(claims_of(text))
    assert claim.content.text == (
        "“We have done what we could for the families.\n“The rest is up to the courts,”"
    )
    assert claim.mode is ClaimMode.DIRECT
    assert claim.source_mention.text == "the minister"


def test_name_and_colon_before_a_quotation(claims_of):
    text = "Polls moved again this week.\n- Jeffrey M. Jones: “Twenty states are solidly Republican this year.”"
    claim = only(claims_of(text))
    assert claim.source_mention.text == "Jeffrey M. Jones"
    assert claim.cue.text == ":"
    assert claim.mode is ClaimMode.DIRECT


def test_request_inside_a_claim_is_not_a_nested_claim_but_an_offer_is(nlp):
    from attribution.extract.components import document_from_doc

    text = (
        "The officials said that Washington has asked Pakistan to take action against the network. "
        "Pakistan has “offered to fly U.S. operatives anywhere in Pakistan,” one of the officials said."
    )
    document = document_from_doc(nlp(text))
    nested = [c for c in document.claims if c.parent is not None]
    assert [c.cue.text for c in nested] == ["offered"]
    assert not any(c.cue is not None and c.cue.text == "asked" for c in document.claims)
