"""The ``attribution.claims.v1`` step on real sentences."""

import pytest

from attribution.extract import available_steps
from attribution.extract.base import Extractor
from attribution.extract.claims import ClaimsExtractor, make_claims
from attribution.model import AttributedDocument, ClaimMode, Span


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


#: One claim per text, and what a reader sees of it: each key names a claim field (spans
#: by their text, ``content_parts`` as the texts of the parts).
ONE_CLAIM = [
    pytest.param(
        "Two Pakistani officials say that Islamabad has turned over two dozen militants.",
        {
            "content": "that Islamabad has turned over two dozen militants",
            "source_mention": "Two Pakistani officials",
            "cue": "say",
            "mode": ClaimMode.INDIRECT,
        },
        id="indirect-speech-with-that",
    ),
    pytest.param(
        "That includes the senior leaders of the network, the official said.",
        {"content": "That includes the senior leaders of the network", "source_mention": "the official"},
        id="trailing-attribution-without-that",
    ),
    pytest.param(
        "“We have seen some modest steps,” one of the officials said.",
        {
            "content": "“We have seen some modest steps,”",
            "source_mention": "one of the officials",
            "mode": ClaimMode.DIRECT,
        },
        id="direct-quote-with-speaker-after",
    ),
    pytest.param(
        "The governor said: “This budget is dead on arrival.”",
        {"content": "“This budget is dead on arrival.”", "source_mention": "The governor"},
        id="direct-quote-with-speaker-before-and-colon",
    ),
    pytest.param(
        "“The budget is balanced,” the senator said, “and the deficit is gone.”",
        {
            "content_parts": ["“The budget is balanced,”", "“and the deficit is gone.”"],
            "mode": ClaimMode.DIRECT,
            "source_mention": "the senator",
        },
        id="speaker-in-the-middle-gives-one-claim-in-parts",
    ),
    pytest.param(
        "“Our members will strike,” the union leader said.\u00a0“All of them.”",
        {"content_parts": ["“Our members will strike,”", "“All of them.”"], "source_mention": "the union leader"},
        id="short-quotation-after-a-no-break-space-goes-on-with-the-claim",
    ),
    pytest.param(
        "“We will not back down. We will win this fight,” the mayor said.",
        {"content": "“We will not back down. We will win this fight,”"},
        id="multi-sentence-quote",
    ),
    pytest.param(
        "Haqqani is at the top of that list, according to Bill Roggio of FDD’s Long War Journal.",
        {
            "content": "Haqqani is at the top of that list",
            "source_mention": "Bill Roggio of FDD’s Long War Journal",
            "cue": "according to",
        },
        id="according-to",
    ),
    pytest.param(
        "The officials tell The Cipher Brief that the talks failed.",
        {"recipient": "The Cipher Brief"},
        id="recipient",
    ),
    pytest.param(
        "The company said in a statement that it would appeal the ruling.",
        {"medium": "statement"},
        id="medium",
    ),
    pytest.param(
        "President Donald Trump greeted the year by tweeting that Pakistan has shown “nothing but lies.”",
        {"medium": "tweet", "source_mention": "President Donald Trump", "mode": ClaimMode.MIXED},
        id="medium-of-a-verb",
    ),
    pytest.param(
        "A senior official tells reporters that Washington has given Pakistan a new “hit list” of militants.",
        {"mode": ClaimMode.INDIRECT},
        id="scare-quote-inside-content-keeps-it-indirect",
    ),
    pytest.param(
        (
            "“We have done what we could for the families.\n"
            "“The rest is up to the courts,” the minister said.\n"
            "The hearing is set for May."
        ),
        {
            "content": "“We have done what we could for the families.\n“The rest is up to the courts,”",
            "mode": ClaimMode.DIRECT,
            "source_mention": "the minister",
        },
        id="quotation-running-over-two-paragraphs-is-one-claim",
    ),
    pytest.param(
        "Polls moved again this week.\n- Jeffrey M. Jones: “Twenty states are solidly Republican this year.”",
        {"source_mention": "Jeffrey M. Jones", "cue": ":", "mode": ClaimMode.DIRECT},
        id="name-and-colon-before-a-quotation",
    ),
]


def seen(claim, fields):
    """The named ``fields`` of ``claim`` as a reader sees them: spans by their text."""
    values = {}
    for name in fields:
        value = getattr(claim, name)
        if name == "content_parts":
            value = [part.text for part in value]
        elif isinstance(value, Span):
            value = value.text
        values[name] = value
    return values


@pytest.mark.parametrize(("text", "expected"), ONE_CLAIM)
def test_one_claim_as_a_reader_sees_it(claims_of, text, expected):
    claim = only(claims_of(text))
    assert seen(claim, expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The administration has drawn up a new “hit list” and screened “The Big Short” for staff.",
            id="scare-quotes-and-titles",
        ),
        pytest.param("The bridge reopened in May. Traffic was heavy on the first day.", id="narration-without-cues"),
    ],
)
def test_no_claims(claims_of, text):
    assert claims_of(text).claims == ()


def test_quote_opening_the_paragraph_after_the_cue_clause_goes_on_with_the_claim(claims_of):
    text = (
        "“We have done what we could,” the minister said.\n"
        "“The rest is up to the courts, and we will respect their ruling.”"
    )
    document = claims_of(text)
    (claim,) = document.claims
    assert [p.text[:20] for p in claim.content_parts] == ["“We have done what w", "“The rest is up to t"]
    assert claim.source_mention.text == "the minister"
    assert claim.mode is ClaimMode.DIRECT


def test_quote_paragraph_after_other_words_keeps_the_speaker_as_a_claim_of_its_own(claims_of):
    text = (
        "“We have done what we could,” the minister said. She then left the room.\n"
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


def test_nested_claim_gets_its_parent(claims_of):
    text = "The senator said that the governor had promised to veto the bill."
    document = claims_of(text)
    outer, inner = document.claims
    assert inner.parent == outer.id
    assert inner.source_mention.text == "the governor"
    assert outer.content.start <= inner.content.start and inner.content.end <= outer.content.end


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


def test_a_nouns_that_clause_is_as_sure_as_a_verbs(claims_of):
    # "her belief that X" was scored with the fallback base, below every fitted cell.
    noun = claims_of("Her belief that the vote was rigged never wavered.").claims
    verb = claims_of("Her aides believe that the vote was rigged.").claims
    assert [c.cue.text for c in noun] == ["belief"]
    assert noun[0].confidence == verb[0].confidence


def test_bad_config_is_rejected(nlp):
    with pytest.raises(ValueError, match="join_quotes"):
        ClaimsExtractor(nlp, join_quotes="page")


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


def test_interrupted_clause_inside_one_quotation_is_one_part(nlp):
    """Both sides of a cue inside a quotation snap to that quotation: one part, never two overlapping."""
    from attribution.extract.claims.interrupted import interrupted_parts
    from attribution.extract.claims.quotes import find_quotes

    text = "“The plan, the mayor told us, will work for everyone in this town,” Smith said."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "attribution":
            break
        doc = proc(doc)
    told = next(t for t in doc if t.text == "told")
    parts = interrupted_parts(doc, told, list(find_quotes(text)))
    assert parts is not None
    assert all(end <= start for (_, end), (start, _) in zip(parts, parts[1:]))


def test_speaker_stranded_in_the_opening_phrase_is_found(claims_of):
    # The parser reads the speaker as an apposition of "Gazette", leaving "said" no subject.
    text = "In a statement to the Gazette, her chief of staff, Mary Pellow, said that the council would vote next week."
    claim = only(claims_of(text))
    assert claim.source_mention.text == "her chief of staff"
    assert claim.content.text == "that the council would vote next week"


def test_a_causative_verbs_object_speaks_its_infinitive(claims_of):
    claim = only(claims_of("The sudden closure of the plant led the union to say that jobs would be lost."))
    assert claim.source_mention.text == "the union"
    assert claim.content.text == "that jobs would be lost"
