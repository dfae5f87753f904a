"""Rumours and reports the text states with no source, as targets of rebuttals.

"Responding to *speculation that she wrote the letter*, the minister said ...", "There were
*reports that the club would move*. The owner denied them", "She denied *reports that she
had been pressured*": what is denied is a rumour or report that nobody in the text is said
to have made. The rebuttals step records such a report as an unattributed claim (no
``source``, the noun as its ``cue``, the clause as its ``content``, indirect, nested under
a claim whose content holds it) and links the rebuttal to it. A report is kept only when
some claim answers it; one the text gives a source ("the ministry's claims that ...",
"reports by the BBC that ...") or one that an earlier claim already states is left to the
claims it names.
"""

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ...model import Claim, ClaimMode, Span
from .._doctext import doc_tokens
from ..syntax import that_clause
from .cues import RebuttalCues, content_lemmas, overlap
from .text import claim_tokens, token_span

__all__ = ["CONFIDENCE", "rumours"]

#: The confidence of a rumour recorded as a claim: the words "reports that X" state X as
#: reported; only who reported it is missing.
CONFIDENCE = 0.7

_OWN_SOURCE_PREPOSITIONS = frozenset({"by", "from"})
_SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _has_own_source(noun: Token) -> bool:
    """Whether the noun phrase says whose report it is ("his claims", "Pakistani claims", "reports by X")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in _OWN_SOURCE_PREPOSITIONS:
            return True
        if child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i and (
            child.pos_ == "PROPN" or child.ent_type_ in _SOURCE_ENTITIES
        ):
            return True
    return False


def rumours(doc: Doc, text: str, claims: Iterable[Claim], cues: RebuttalCues) -> list[Claim]:
    """The unattributed rumours and reports of ``doc``, as claims with provisional ids.

    Args:
        doc: The parsed document.
        text: Its text.
        claims: The claims found so far (a report one of them states is left out; one
            whose content holds the report becomes its ``parent``).
        cues: The rebuttal cues (their claim nouns are what may name a report).

    Returns:
        Claims with ids ``"rumour1"``, ``"rumour2"``, ...; the caller gives them real ids.
    """
    claims = list(claims)
    found: list[Claim] = []
    for noun in doc_tokens(doc, "NOUN"):
        if not cues.is_claim_noun(noun) or _has_own_source(noun):
            continue
        clause = that_clause(noun)
        if clause is None:
            continue
        tokens = [t for t in clause.subtree if t.i > clause.left_edge.i]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if not tokens:
            continue
        content = token_span(text, tokens)
        if any(_states(c, content, noun) for c in claims):
            continue
        lemmas = content_lemmas(tokens, cues)
        if any(
            c.source is not None and c.content.end <= noun.idx
            and overlap(lemmas, content_lemmas(claim_tokens(doc, c.content), cues), cues) >= 0.5
            for c in claims
        ):
            continue  # an earlier claim says it: the report names that claim
        holders = [c for c in claims if c.content.start <= content.start and content.end <= c.content.end]
        parent = min(holders, key=lambda c: c.content.end - c.content.start) if holders else None
        found.append(
            Claim(
                id=f"rumour{len(found) + 1}",
                content=content,
                cue=token_span(text, [noun]),
                mode=ClaimMode.INDIRECT,
                parent=None if parent is None else parent.id,
                confidence=CONFIDENCE,
            )
        )
    return found


def _states(claim: Claim, content: Span, noun: Token) -> bool:
    """Whether ``claim`` already states the report (overlaps it without holding the noun too)."""
    if claim.content.end <= content.start or content.end <= claim.content.start:
        return False
    return not (claim.content.start <= noun.idx and content.end <= claim.content.end)

