"""Nouns as cues: "the governor's *claim* that ...", "his *warning* that ...", "a *promise* by X to ...".

A noun made from a reporting verb (the ``nouns`` key of ``reporting_verbs.jsonl``) says what
its owner said when it has both: an owner (a possessor, "*the senator's* claim", or an agent
after "by", "the claim *by the senator*"), and a content clause (opened by "that"; for a verb
with the ``to`` frame, an infinitive too: "her *promise to* veto it"; or the clause a copula
gives the noun as its subject: "*her argument was* that ..."). The owner is the speaker
and the clause the content. Without an owner the noun names a report of no one's ("reports
that ...": see :mod:`attribution.extract.claims.reports`) and makes no claim here.

Only the nouns of the lexicon are looked at (a scan built once), so the cost is that of
the few nouns a text has (a :class:`~attribution.extract.matching.TokenScan`, as for the
reporting verbs).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..lexicon import load_lexicon
from ..matching import TokenScan
from ..syntax import noun_phrase, opens_with_that, that_clause, to_infinitive
from .content import clause_span
from .cues import ReportingCue
from .finders import speaker_draft
from .quotes import Quote
from .spans import Draft

__all__ = ["NounCueFinder"]


class NounCueFinder:
    """Finds claims made with a reporting noun and an owner ("the mayor's claim that ...").

    Args:
        vocab: The pipeline's vocabulary.
        verbs: Reporting-verb entries; by default the ``reporting_verbs`` lexicon.
        classes: Only nouns of verbs of these classes are cues; by default all.
    """

    def __init__(
        self,
        vocab: Vocab,
        *,
        verbs: Iterable[Mapping[str, Any]] | None = None,
        classes: Iterable[str] | None = None,
    ) -> None:
        wanted = None if classes is None else set(classes)
        #: For each noun: the verb's lemma, class and frames.
        self.nouns: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        for entry in load_lexicon("reporting_verbs") if verbs is None else verbs:
            if wanted is not None and entry["class"] not in wanted:
                continue
            frames = tuple(entry.get("frames") or ("that", "quote", "trailing"))
            for noun in entry.get("nouns") or ():
                self.nouns.setdefault(str(noun).lower(), (str(entry["lemma"]), str(entry["class"]), frames))
        self._scan = TokenScan(vocab, [[{"LEMMA": {"IN": sorted(self.nouns)}, "POS": "NOUN"}]] if self.nouns else [])

    def __call__(self, doc: Doc, quotes: list[Quote]) -> list[Draft]:
        """The claims of the reporting nouns in ``doc`` that have an owner and a content clause."""
        drafts = []
        for start in self._scan(doc):
            noun = doc[start]
            lemma, cls, frames = self.nouns[noun.lemma_.lower()]
            owner = _owner(noun)
            clause = _content_clause(noun, frames)
            if owner is None or clause is None:
                continue
            cue = ReportingCue(head=noun.i, start=noun.i, end=noun.i + 1, role="verb", lemma=lemma, cls=cls, frames=frames)
            parts = [clause_span(doc, clause, quotes)]
            draft = speaker_draft(noun_phrase(owner), parts, cue, how="noun", cue_char=noun.idx)
            if draft is not None:
                drafts.append(draft)
        return drafts


def _owner(noun: Token) -> Token | None:
    """Whose the noun is: its possessor ("the mayor's claim"), or the object of "by" after it."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by" and child.i > noun.i:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _content_clause(noun: Token, frames: tuple[str, ...]) -> Token | None:
    """The clause that completes the noun: "that ...", "is that ...", or "to ..." for a verb with the ``to`` frame."""
    clause = that_clause(noun) or _predicate_clause(noun)
    if clause is not None or "to" not in frames:
        return clause
    for child in noun.children:
        if child.dep_ == "acl" and child.i > noun.i and child.pos_ == "VERB":
            if to_infinitive(child):
                return child
    return None


def _predicate_clause(noun: Token) -> Token | None:
    """The "that" clause a copula gives the noun, its subject: "her argument *was that ...*"."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i < noun.i:
        return None
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i and opens_with_that(child):
            return child
    return None
