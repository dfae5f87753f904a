"""People the text names as the subject of a clause outside any claim: candidates for the
pronouns after them.

Coreference ties a pronoun to the nearest compatible source (:mod:`.coreference`), but
the nearest person a reader would take is often someone who made no claim yet:

    Dana Ruiz walked out before the vote. “We were not heard,” she said.

    Leon Marsh is under fire after he suggested that the ferry close for the winter.

A *sighting* is a name of a person (:func:`_names`) that is the subject of its
sentence's main clause, and its first subject, outside every speaker phrase and
claim content (a name inside a quotation is what was said, not who is
speaking). A subject of a subordinate clause is not one: in "Mr. Green took questions,
while Paul Ortiz waited outside. “...,” he said" the speaker is not Ortiz. A pronoun sees
it in a later sentence, or inside the clause the name is the subject of ("Marsh is under
fire after *he* suggested"), never in a clause that holds the name ("Ortiz won the vote,
*he* said": "he" is not Ortiz).
"""

from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator
from itertools import accumulate

from spacy.tokens import Doc, Token

from ...model import Claim
from .._doctext import doc_ents, doc_tokens
from .descriptors import source_vocabulary

__all__ = ["Sighting", "sightings"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

#: ``(start, end, scope_end, sentence_end)`` in characters: the name with its title, where
#: the clause it is the subject of ends, where its sentence ends.
Sighting = tuple[int, int, int, int]


def sightings(
    doc: Doc, claims: Iterable[Claim], speakers: Iterable[tuple[int, int]], surnames: Container[str]
) -> Iterator[Sighting]:
    """The people ``doc`` names as subjects outside ``claims``' contents and ``speakers``.

    Args:
        doc: The parsed document.
        claims: Its claims (their contents are left out).
        speakers: The ``(start, end)`` of every speaker phrase (left out).
        surnames: The last words of the people the text names in full.
    """
    taken = sorted(
        {(part.start, part.end) for claim in claims for part in (claim.content_parts or (claim.content,))}
        | set(speakers)
    )
    roles = source_vocabulary().roles
    starts = [first for first, _ in taken]
    reach = list(accumulate((last for _, last in taken), max))  # the furthest end so far
    for root, first, end in _names(doc, roles, surnames):
        sentence = root.sent
        while first > sentence.start and _title(doc[first - 1], roles):
            first -= 1  # with its title: "Mr. Green", "Gen. Norman Ham"
        start = doc[first].idx
        before = bisect_left(starts, end)  # the spans starting before the name ends
        if before and reach[before - 1] > start:
            continue
        head = root.head
        if head.dep_ != "ROOT":  # "while Ortiz waited ...", "the fight Mr. Ortiz lost"
            continue
        if any(t.dep_ in _SUBJECTS for t in doc[sentence.start : first]):
            continue  # a parse that made a later clause the root: "He took X, should Ortiz run"
        scope = doc[head.right_edge.i]
        yield start, end, scope.idx + len(scope.text), sentence.end_char


def _names(doc: Doc, roles: dict, surnames: Container[str]) -> Iterator[tuple[Token, int, int]]:
    """Subjects that name a person: ``(head token, first token index, end character)``.

    A name the parser tags ``PERSON``; or a proper noun it does not tag so that is the
    surname of a person named in full elsewhere (one of ``surnames``: "Quill" after "Ana
    Quill") or follows a person's title ("Mr. Ortiz").
    """
    for entity in doc_ents(doc):
        if entity.label_ == "PERSON" and entity.root.dep_ in _SUBJECTS:
            yield entity.root, entity.start, entity.end_char
    for token in doc_tokens(doc, "PROPN"):
        if token.dep_ not in _SUBJECTS or token.ent_type_ == "PERSON":
            continue
        first = token.i
        while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == token.i:
            first -= 1  # "Ana Quill", "Mr. Ortiz"
        if token.text in surnames or any(_title(t, roles) for t in doc[max(first - 1, 0) : token.i]):
            yield token, first, token.idx + len(token.text)


def _title(token: Token, roles: dict) -> bool:
    """Whether ``token`` is a title written before a name ("Mr.", "Sen.", "Gen.")."""
    entry = roles.get(token.lower_)
    return entry is not None and bool(entry.get("title"))
