"""The reference article: the 16 claims a careful reader finds, and nothing from the noise.

See ``tests/data/cipher_brief_pakistan.expected.md``. Claims are identified by a phrase
their content starts with (or contains), and checked for speaker mention, cue and mode.
"""

import pytest

from attribution.extract.claims import ClaimsExtractor
from attribution.model import AttributedDocument

# (content contains, speaker mention, cue, modes accepted)
EXPECTED = [
    ("The Trump administration has given Pakistan a new “hit list”", "a senior Pakistani official", "tells", {"indirect"}),
    ("Washington has asked Pakistan to take “specific” action", "senior U.S. administration officials", "say", {"mixed"}),
    ("Pakistan’s intelligence service and military have failed to sever ties", "The officials", "tell", {"indirect"}),
    ("“We have seen Pakistan take some modest steps", "one of the officials", "said", {"direct"}),
    ("Pakistan has shown “nothing but lies and deceit” in return for U.S. aid", "President Donald Trump", "tweeting", {"mixed"}),
    ("since that tweet, Islamabad has turned over more than two-dozen militants", "Two Pakistani officials", "say", {"mixed"}),
    ("That includes the senior leaders of the Haqqani network", "the official", "said", {"indirect"}),
    ("Siraj Haqqani is at the top of that list", "Bill Roggio of FDD’s Long War Journal", "according to", {"indirect"}),
    ("they don’t believe the high-level targets on the new U.S. list are in Pakistan", "The officials", "said", {"indirect"}),
    ("the U.S. won’t share coordinates of where the high-level targets are", "they", "griped", {"indirect"}),
    ("Pakistan has “offered to fly U.S. operatives anywhere in Pakistan", "one of the officials", "said", {"mixed"}),
    ("while the U.S. ambassador in Pakistan is afforded meetings", "The Pakistanis", "complained", {"indirect"}),
    ("they “cannot verify Pakistani claims to have turned over Taliban", "The U.S. officials", "say", {"mixed"}),
    ("Pakistan “has at times rounded up Afghan refugees for deportation", "The U.S. officials", "adding", {"mixed"}),
    ("“We are confident that Pakistan knows the locations", "one of the officials", "said", {"direct"}),
    ("“robust bilateral consultations continue,”", "the U.S. officials", "said", {"mixed", "direct"}),
]


@pytest.fixture(scope="module")
def document(nlp, reference_text):
    with nlp.select_pipes(disable=["attribution"]):
        doc = nlp(reference_text)
    return ClaimsExtractor(nlp)(doc, AttributedDocument(id="cipher-brief", text=reference_text))


def top_level(document):
    return [c for c in document.claims if c.parent is None]


def find(document, phrase):
    found = [c for c in top_level(document) if phrase in c.content.text]
    assert len(found) == 1, f"{phrase!r}: {[c.content.text[:60] for c in found]}"
    return found[0]


@pytest.mark.parametrize(("phrase", "speaker", "cue", "modes"), EXPECTED, ids=[f"claim{i}" for i in range(1, 17)])
def test_each_expected_claim(document, phrase, speaker, cue, modes):
    claim = find(document, phrase)
    assert claim.source_mention is not None and claim.source_mention.text == speaker
    if cue is not None:
        assert claim.cue is not None and claim.cue.text == cue
    assert claim.mode.value in modes


def test_exactly_the_sixteen_claims_at_top_level(document):
    assert len(top_level(document)) == 16


def test_claim_four_is_one_quotation_in_two_parts(document):
    """"“A,” one of the officials said. “B.”" is one claim: A and B, with the cue between them."""
    four = find(document, "“We have seen Pakistan")
    assert [part.text for part in four.content_parts] == [
        "“We have seen Pakistan take some modest steps that appear to be responsive to some of our concerns,"
        " but we haven’t seen the decisive action against the Taliban and Haqqani network,”",
        "“They are doing the minimum necessary to alleviate the pressure.”",
    ]
    assert four.content_parts[0].end < four.cue.start < four.content_parts[1].start


def test_the_sentence_convention_makes_the_continuation_a_claim_of_its_own(nlp, reference_text):
    with nlp.select_pipes(disable=["attribution"]):
        doc = nlp(reference_text)
    document = ClaimsExtractor(nlp, join_quotes="sentence")(doc, AttributedDocument(id="cb", text=reference_text))
    four = find(document, "“We have seen Pakistan")
    five = find(document, "“They are doing the minimum")
    assert len(top_level(document)) == 17
    assert (five.source, five.cue, five.mode) == (four.source, four.cue, four.mode)


def test_recipient_and_medium(document):
    assert find(document, "a new “hit list”").recipient.text == "The Cipher Brief"
    assert find(document, "failed to sever ties").recipient.text == "The Cipher Brief"
    assert find(document, "nothing but lies and deceit").medium == "tweet"


def test_the_offer_is_nested_in_claim_eleven(document):
    eleven = find(document, "Pakistan has “offered to fly")
    nested = [c for c in document.claims if c.parent == eleven.id]
    assert [c.source_mention.text for c in nested] == ["Pakistan"]
    assert "to fly U.S. operatives" in nested[0].content.text


def test_speakers_share_sources(document):
    by_phrase = {phrase: find(document, phrase).source for phrase, *_ in EXPECTED}
    us, pk2 = by_phrase[EXPECTED[1][0]], by_phrase[EXPECTED[5][0]]
    assert us != pk2
    # The U.S. officials: claims 2, 3, 4, 13, 14, 15, 16.
    assert {by_phrase[EXPECTED[i][0]] for i in (1, 2, 3, 12, 13, 14, 15)} == {us}
    # The Pakistani officials: claims 6, 9, 10, 11, 12.
    assert {by_phrase[EXPECTED[i][0]] for i in (5, 8, 9, 10, 11)} == {pk2}
    trump = by_phrase[EXPECTED[4][0]]
    assert trump not in (us, pk2)
    kinds = {s.id: s.kind.value for s in document.sources}
    assert (kinds[us], kinds[pk2], kinds[trump]) == ("group", "group", "person")


def test_noise_produces_nothing(document, reference_text):
    text = reference_text
    byline = text.index("KIMBERLY DOZIER")
    boilerplate = text.index("No comments:")
    hit_list = text.index("“hit list”")
    for claim in document.claims:
        assert claim.content.start > byline + len("KIMBERLY DOZIER")
        assert claim.content.end <= boilerplate
        assert not (claim.content.start == hit_list and claim.content.end == hit_list + len("“hit list”"))
        assert "KIMBERLY" not in claim.source_mention.text
    declined = text.index("All of the officials spoke")
    assert all(c.content.start < declined for c in document.claims)
