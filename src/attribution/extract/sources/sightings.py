"""People the text names as the subject of a clause outside any claim: candidates for the
pronouns after them.

Coreference ties a pronoun to the nearest compatible source (:mod:`.coreference`), but
the nearest person a reader would take is often someone who made no claim yet:

    Melanie switched off the television. “It's finished,” she said.

    Donald Trump is drawing criticism after he appeared to suggest that ...

A *sighting* is a name the parser tags as a person (``PERSON``) that is the subject of
its sentence's main clause, and its first subject, outside every speaker phrase and
claim content (a name inside a quotation is what was said, not who is
speaking). A subject of a subordinate clause is not one: in "He added a note of
caution, should Clinton attempt a return. “...,” he said" the speaker is not Clinton. A
pronoun sees it in a later sentence, or inside the clause the name is the subject of
("Trump is drawing criticism after *he* appeared"), never in a clause that holds the
name ("Clinton won the state, *he* said": "he" is not Clinton).
"""

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import accumulate

from spacy.tokens import Doc, Token

from ...model import Claim
from .descriptors import source_vocabulary

__all__ = ["Sighting", "sightings"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

#: ``(start, end, scope_end, sentence_end)`` in characters: the name with its title, where
#: the clause it is the subject of ends, where its sentence ends.
Sighting = tuple[int, int, int, int]


def sightings(doc: Doc, claims: Iterable[Claim], speakers: Iterable[tuple[int, int]]) -> Iterator[Sighting]:
    """The people ``doc`` names as subjects outside ``claims``' contents and ``speakers``.

    Args:
        doc: The parsed document.
        claims: Its claims (their contents are left out).
        speakers: The ``(start, end)`` of every speaker phrase (left out).
    """
    taken = sorted(
        {(part.start, part.end) for claim in claims for part in (claim.content_parts or (claim.content,))}
        | set(speakers)
    )
    roles = source_vocabulary().roles
    starts = [first for first, _ in taken]
    reach = list(accumulate((last for _, last in taken), max))  # the furthest end so far
    for entity in doc.ents:
        root = entity.root
        if entity.label_ != "PERSON" or root.dep_ not in _SUBJECTS:
            continue
        first = entity.start
        while first > entity.sent.start and _title(doc[first - 1], roles):
            first -= 1  # with its title: "Mr. Green", "Gen. Norman Ham"
        start, end = doc[first].idx, entity.end_char
        before = bisect_left(starts, end)  # the spans starting before the name ends
        if before and reach[before - 1] > start:
            continue
        head = root.head
        if head.dep_ != "ROOT":  # "while Obama had ...", "the fire Mr. Obama has"
            continue
        if any(t.dep_ in _SUBJECTS for t in doc[entity.sent.start : first]):
            continue  # a parse that made a later clause the root: "He added X, should Clinton try"
        scope = doc[head.right_edge.i]
        yield start, end, scope.idx + len(scope.text), entity.sent.end_char


def _title(token: Token, roles: dict) -> bool:
    """Whether ``token`` is a title written before a name ("Mr.", "Sen.", "Gen.")."""
    entry = roles.get(token.lower_)
    return entry is not None and bool(entry.get("title"))
