"""Gated matchers answer as spaCy's matcher does, and skip only Docs where nothing can match."""

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from attribution.extract._doctext import current_doc, doc_values
from attribution.extract.lexicon import load_lexicon, plain_start
from attribution.extract.matching import GatedMatcher, required_words

ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "cipher_brief_pakistan.txt"

DECLINED = [{"LEMMA": {"IN": ["decline", "refuse"]}}, {"LOWER": "to"}, {"LEMMA": "comment", "POS": "VERB"}]


def _doc(vocab: Vocab, words: str, lemmas: str | None = None, pos: str = "NOUN") -> Doc:
    split = words.split()
    return Doc(vocab, words=split, lemmas=(lemmas or words).lower().split(), pos=[pos] * len(split))


def test_required_words_read_required_plain_tokens_only() -> None:
    pattern = [
        {"LOWER": {"IN": ["on", "under"]}, "OP": "?"},  # optional: not required
        {"LOWER": "condition"},
        {"IS_ALPHA": True, "OP": "*"},
        {"TEXT": "of", "OP": "+"},
        {"LEMMA": {"IN": ["name", "identify"], "NOT_IN": ["x"]}, "POS": "VERB", "OP": "{1,2}"},
        {"LOWER": {"NOT_IN": ["because"]}},  # a required token, but no word it needs
        {"LOWER": "later", "OP": "{0,3}"},
    ]
    assert required_words(pattern) == (
        ("LOWER", frozenset({"condition"})),
        ("ORTH", frozenset({"of"})),
        ("LEMMA", frozenset({"name", "identify"})),
    )
    assert required_words([{"IS_PUNCT": True}, {"LOWER": "x", "OP": "?"}]) == ()


def test_gated_matcher_fires_when_the_trigger_words_are_there() -> None:
    vocab = spacy.blank("en").vocab
    gated, plain = GatedMatcher(vocab), Matcher(vocab)
    gated.add("declined", [DECLINED], greedy="LONGEST")
    plain.add("declined", [DECLINED], greedy="LONGEST")
    doc = _doc(vocab, "The CIA declined to comment", "the cia decline to comment", "VERB")
    assert gated.could_match(doc)
    assert gated(doc) == plain(doc) != []
    assert len(gated) == 1 and "declined" in gated


def test_gated_matcher_skips_a_doc_without_them_and_answers_the_same() -> None:
    vocab = spacy.blank("en").vocab
    gated, plain = GatedMatcher(vocab), Matcher(vocab)
    gated.add("declined", [DECLINED])
    plain.add("declined", [DECLINED])
    # "decline" and "to" are there, "comment" is not: no pattern can match
    doc = _doc(vocab, "They declined to answer", "they decline to answer", "VERB")
    assert not gated.could_match(doc)
    assert gated(doc) == plain(doc) == []
    assert gated(Doc(vocab, words=[])) == plain(Doc(vocab, words=[])) == []


def test_gated_matcher_raises_as_spacy_does_on_a_doc_without_the_annotations() -> None:
    vocab = spacy.blank("en").vocab
    gated, plain = GatedMatcher(vocab), Matcher(vocab)
    gated.add("declined", [DECLINED])
    plain.add("declined", [DECLINED])
    untagged = Doc(vocab, words="They declined to answer".split())  # no part-of-speech tags
    with pytest.raises(ValueError, match="E155") as expected:
        plain(untagged)
    with pytest.raises(ValueError, match="E155") as raised:
        gated(untagged)
    assert str(raised.value) == str(expected.value)


def test_a_pattern_without_required_words_opens_the_gate() -> None:
    vocab = spacy.blank("en").vocab
    gated = GatedMatcher(vocab)
    gated.add("digits", [[{"IS_DIGIT": True}]])
    doc = _doc(vocab, "in 2019")
    assert gated.could_match(doc)
    assert len(gated(doc)) == 1


def test_gate_patterns_stand_for_spelt_out_variants() -> None:
    vocab = spacy.blank("en").vocab
    pattern = [{"LOWER": {"IN": ["on", "under"]}, "OP": "?"}, {"LOWER": "condition"}, {"LOWER": "of"}]
    gated = GatedMatcher(vocab)
    gated.add("condition", plain_start(pattern), greedy="LONGEST", gate_patterns=[pattern])
    assert [m[1:] for m in gated(_doc(vocab, "spoke on condition of anonymity"))] == [(1, 4)]
    assert not gated.could_match(_doc(vocab, "on condition that he not be named"))


def test_doc_values_are_read_once_for_the_current_doc() -> None:
    from spacy.attrs import LOWER

    vocab = spacy.blank("en").vocab
    doc = _doc(vocab, "Yes No yes")
    with current_doc(doc):
        first = doc_values(doc, LOWER)
        assert doc_values(doc, LOWER) is first
        with current_doc(doc):  # the same Doc again (a step setting it) keeps what was read
            assert doc_values(doc, LOWER) is first
    assert first == {vocab.strings["yes"], vocab.strings["no"]}
    assert doc_values(doc, LOWER) == first and doc_values(doc, LOWER) is not first


@pytest.mark.parametrize("lexicon", ["anonymity", "non_responses", "introductions"])
def test_lexicon_matchers_find_what_spacy_finds(nlp: Any, lexicon: str) -> None:
    gated, plain = GatedMatcher(nlp.vocab), Matcher(nlp.vocab)
    for number, entry in enumerate(load_lexicon(lexicon)):
        gated.add(f"p{number}", plain_start(entry["pattern"]), greedy="LONGEST", gate_patterns=[entry["pattern"]])
        plain.add(f"p{number}", [entry["pattern"]], greedy="LONGEST")
    texts = [
        "The official spoke on the condition of anonymity because he was not authorized to speak publicly.",
        "Two aides, speaking anonymously, did not want their names to be used.",
        "The White House declined to comment. A spokesman did not immediately respond to a request.",
        "The ministry could not be reached for comment and was not available for comment on Sunday.",
        "A woman who could be identified only as a senior Treasury official declined to comment.",
        *ARTICLE.read_text(encoding="utf-8").split("\n"),
        ARTICLE.read_text(encoding="utf-8"),
        *_phrase_salads(entry["pattern"] for entry in load_lexicon(lexicon)),
    ]
    found = skipped = subsets = 0
    with nlp.select_pipes(disable=["attribution"]):
        for doc in nlp.pipe(texts):
            expected = plain(doc)
            assert gated(doc) == expected, doc.text
            found += len(expected)
            skipped += not gated.could_match(doc)
            subsets += 0 < len(gated.open_labels(doc)) < len(plain)
    assert found >= 1 and skipped >= 1 and subsets >= 1  # every way is exercised


def _phrase_salads(patterns: Any, count: int = 60) -> list[str]:
    """Texts strung together from the words the patterns need, shuffled with fillers:
    several patterns, some overlapping, match in one Doc."""
    import random

    pools = [sorted(words) for pattern in patterns for _, words in required_words(pattern)]
    fillers = ["the", "official", "said", "he", "was", "not", "to", "by", "a", ",", "."]
    rng = random.Random(14)
    texts = []
    for _ in range(count):
        words: list[str] = []
        for _ in range(rng.randint(2, 8)):
            words += [rng.choice(pool) for pool in rng.sample(pools, min(3, len(pools)))]
            words += rng.sample(fillers, rng.randint(0, 3))
        texts.append(" ".join(words))
    return texts


def test_gates_sharing_a_first_word_are_each_tested() -> None:
    vocab = spacy.blank("en").vocab
    gated, plain = GatedMatcher(vocab), Matcher(vocab)
    patterns = {
        "no_comment": [{"LOWER": "not"}, {"LOWER": "comment"}],
        "no_answer": [{"LOWER": "not"}, {"LOWER": "answer"}],
    }
    for key, pattern in patterns.items():
        gated.add(key, [pattern])
        plain.add(key, [pattern])
    for words, opens in [("did not answer", True), ("did not reply", False), ("answer not", True), ("no", False)]:
        doc = _doc(vocab, words)
        assert gated.could_match(doc) is opens
        assert gated(doc) == plain(doc)


VERB_PATTERNS = [
    [{"LEMMA": {"IN": ["say", "tell", "grip", "deny"]}, "POS": {"IN": ["VERB"]}}],
    [{"LOWER": {"IN": ["said", "griped", "told", "claims"]}, "POS": {"IN": ["VERB"]}}],
]


def _starts(matcher: Matcher, doc: Doc) -> list[int]:
    return sorted({start for _, start, _ in matcher(doc)})


@pytest.mark.parametrize(
    "patterns",
    [
        VERB_PATTERNS,
        [[{"LOWER": "the"}], [{"TEXT": "The"}], [{"ORTH": {"IN": ["Pakistan", "U.S."]}, "TAG": "NNP"}]],
        [[{"NORM": {"IN": ["said", "n't"]}}], [{"LEMMA": "be", "POS": "AUX"}], [{"POS": {"IN": ["PUNCT", "SYM"]}}]],
    ],
)
def test_token_scan_finds_what_spacy_finds(nlp: Any, patterns: list[list[dict[str, Any]]]) -> None:
    from attribution.extract.matching import TokenScan

    scan, plain = TokenScan(nlp.vocab, patterns), Matcher(nlp.vocab)
    plain.add("p", patterns)
    texts = [
        "He griped that the deal was bad, she said, and they told reporters nothing.",
        "“No,” the minister said. The U.S. denies it; Pakistan claims otherwise.",
        "",
        "Said the governor: it isn't over.",
        *ARTICLE.read_text(encoding="utf-8").split("\n"),
    ]
    found = 0
    with nlp.select_pipes(disable=["attribution"]):
        for doc in nlp.pipe(texts):
            expected = _starts(plain, doc)
            assert scan(doc) == expected, doc.text
            found += len(expected)
    assert found >= 10


def _outcome(find: Any, doc: Doc) -> Any:
    try:
        return find(doc)
    except ValueError as error:
        return str(error)


@pytest.mark.parametrize("patterns", [VERB_PATTERNS, [[{"LEMMA": "say", "POS": "VERB"}]]])
def test_token_scan_answers_as_spacy_does_on_a_doc_without_the_annotations(patterns: list[Any]) -> None:
    from attribution.extract.matching import TokenScan

    vocab = spacy.blank("en").vocab
    scan, plain = TokenScan(vocab, patterns), Matcher(vocab)
    plain.add("p", patterns)
    untagged = Doc(vocab, words="They said so".split())  # no tags, no lemmas
    assert _outcome(scan, untagged) == _outcome(lambda d: _starts(plain, d), untagged)
    assert scan(Doc(vocab, words=[])) == _starts(plain, Doc(vocab, words=[])) == []
    # Lower-case forms match only as written: "SAID" is "said" once lower-cased.
    doc = _doc(vocab, "SAID Told say", "x y say", "VERB")
    assert scan(doc) == _starts(plain, doc) != []


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a"}, {"LOWER": "b"}],
        [{"IS_DIGIT": True}],
        [{"LOWER": {"NOT_IN": ["a"]}}],
        [{"LOWER": {"IN": ["a", 1]}}],
        [{"LOWER": "a", "OP": "?"}],
    ],
)
def test_token_scan_refuses_what_it_cannot_read(pattern: list[dict[str, Any]]) -> None:
    from attribution.extract.matching import TokenScan

    with pytest.raises(ValueError, match="TokenScan"):
        TokenScan(spacy.blank("en").vocab, [pattern])
