"""Descriptions a text introduces for an unnamed source, then shortens.

"A woman who, under the ground rules of the briefing, could be identified only as a
'senior Treasury official' declined to discuss ..." introduces the description the text
uses for her from then on ("The senior Treasury official said ...", "the official did not
answer"). :func:`introductions` finds such phrases with the ``introductions`` lexicon
(spaCy :class:`~spacy.matcher.Matcher` patterns ending at the "as") and returns, for the
noun the clause is about ("A woman"), a :class:`~.descriptors.Mention` that states what
the description states: the later short forms then resolve to it by the ordinary
coreference rules, and a non-response or anonymity condition of the first sentence
belongs to the same source.
"""

import attrs
from spacy.tokens import Doc

from ...model import SourceKind
from .._doctext import doc_text
from ..lexicon import load_lexicon, plain_start, word_set
from ..matching import GatedMatcher
from ..syntax import clause_subject, noun_phrase_bounds
from .descriptors import STATED_FIELDS, Mention, describe

__all__ = ["introduction_matcher", "introductions", "merge_introduced"]

_QUOTES = frozenset("\"'“”‘’")


def introduction_matcher(vocab: object) -> tuple[GatedMatcher, frozenset[str]]:
    """The matcher over the ``introductions`` lexicon, and the lemmas of its verbs."""
    matcher = GatedMatcher(vocab)
    verbs: set[str] = set()
    for number, entry in enumerate(load_lexicon("introductions")):
        pattern = entry["pattern"]
        matcher.add(f"introductions_{number}", plain_start(pattern), greedy="LONGEST", gate_patterns=[pattern])
        verbs.update(entry["verbs"])
    return matcher, frozenset(verbs)


def introductions(doc: Doc, matcher: GatedMatcher, verbs: frozenset[str]) -> list[Mention]:
    """The introduced descriptions of ``doc``: one mention per described noun phrase.

    Each mention spans from the noun phrase the description is about to the end of the
    description ("A woman who ... could be identified only as a 'senior Treasury
    official'"), so that any word of it belongs to the source, and states
    the description's name, kind and descriptors ("senior Treasury official": a person,
    role official, seniority senior, affiliation Treasury). Phrases whose description
    describes no person or group are left out.
    """
    found: dict[tuple[int, int], Mention] = {}
    for _, start, end in matcher(doc):
        verb = next((t for t in doc[start:end] if t.lemma_.lower() in verbs and t.pos_ == "VERB"), None)
        if verb is None:
            continue
        person = clause_subject(verb, climb=("xcomp", "conj"), modified_noun=True, skip=word_set("anonymity.not_subjects"))
        bounds = _description(doc, end)
        if person is None or bounds is None or person.pos_ not in ("NOUN", "PROPN"):
            continue
        first, last = noun_phrase_bounds(person)
        if not first <= person.i < last or last > start:
            continue
        described = describe(doc, bounds[0], bounds[1])
        if described.kind not in (SourceKind.PERSON, SourceKind.GROUP) or not described.describes:
            continue
        start_char, end_char = doc[first].idx, bounds[2]
        found[(start_char, end_char)] = attrs.evolve(
            described, start=start_char, end=end_char, text=doc_text(doc)[start_char:end_char]
        )
    return list(found.values())


def _description(doc: Doc, after: int) -> tuple[int, int, int] | None:
    """Character bounds of the description after the "as": the quoted words when quoted,
    else the run of adjectives and nouns there (the parse of such sentences is often
    wrong, so the words are read in order); and where the phrase ends (after any closing
    quotation mark)."""
    sentence_end = doc[after - 1].sent.end
    i = after
    if i < sentence_end and doc[i].lower_ in word_set("claims.determiners"):
        i += 1
    if i < sentence_end and doc[i].text in _QUOTES:
        close = next((j for j in range(i + 1, sentence_end) if doc[j].text in _QUOTES), None)
        if close is None or close == i + 1:
            return None
        return doc[i + 1].idx, doc[close - 1].idx + len(doc[close - 1].text), doc[close].idx + len(doc[close].text)
    last = None
    for j in range(i, min(sentence_end, i + 8)):
        if doc[j].pos_ in ("NOUN", "PROPN"):
            last = j
        elif doc[j].pos_ not in ("ADJ", "NUM") and doc[j].text not in ("-", "'s", "’s"):
            break
    if last is None:
        return None
    end = doc[last].idx + len(doc[last].text)
    return doc[i].idx, end, end


def merge_introduced(spoken: Mention, introduced: Mention) -> Mention:
    """A speaker phrase that is also introduced ("The official, who could only be
    described as a senior European diplomat, said"): what the phrase states, with what
    the description adds."""
    values = {
        field: getattr(introduced, field)
        for field in STATED_FIELDS
        if getattr(spoken, field) is None and getattr(introduced, field) is not None
    }
    if spoken.kind is SourceKind.UNKNOWN:
        values["kind"] = introduced.kind
    return attrs.evolve(spoken, describes=spoken.describes or introduced.describes, **values)
