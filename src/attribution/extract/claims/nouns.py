"""Nouns as cues: "the governor's *claim* that ...", "his *warning* that ...", "a *promise* by X to ...".

A noun made from a reporting verb (the ``nouns`` key of ``reporting_verbs.jsonl``) says what
its owner said when it has both: an owner (a possessor, "*the senator's* claim", or an agent
after "by" or "from", "the claim *by the senator*", "a warning *from the union*"), and a content clause (opened by "that"; for a verb
with the ``to`` frame, an infinitive too: "her *promise to* veto it"; or the clause a copula
gives the noun as its subject: "*her argument was* that ..."). The owner is the speaker
and the clause the content. Without an owner the noun names a report of no one's ("reports
that ...": see :mod:`attribution.extract.claims.reports`) and makes no claim here.

The nouns of the word set ``claims.agent_nouns`` ("criticism", "advice", "admission",
"allegation", ...) make a claim only with an owner named after them and a "that" clause:
"faced *criticism from rivals* that X", "pushed back against *claims by the agencies* that
X". With a possessor alone ("his claims that X") they stay the object of the verb, as
before (a possessive "claim" was measured and left out). The parser often hangs the clause on
the owner, the nearer noun ("complaints from *residents that X*"): that clause is the noun's.

The nouns of the word set ``claims.copula_nouns`` ("fear", "hope", "impression",
"message", "position", ...) make their possessor's claim only as the subject of a copula
with a "that" clause: "*their fear is* that X", "*his message has been* that X", "*my
impression is* that X". Without a possessor ("the fear is that X") they are no one's,
unless the holders follow after "among" with a "that" clause: "there is a *sense among
some members* that X", "the *feeling among many riders* that X".

Only the nouns of the lexicon are looked at (a scan built once), so the cost is that of
the few nouns a text has (a :class:`~attribution.extract.matching.TokenScan`, as for the
reporting verbs).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..lexicon import load_lexicon, word_set
from ..matching import TokenScan
from ..syntax import noun_phrase, opens_with_that, that_clause, to_infinitive
from .content import clause_span
from .cues import ReportingCue
from .finders import speaker_draft
from .quotes import Quote
from .spans import Draft

__all__ = ["NounCueFinder"]

#: Prepositions after a noun that name its owner: "the claim *by* the senator", "a warning *from* the union".
_AGENT_PREPOSITIONS = frozenset({"by", "from"})


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
        #: Nouns that make a claim only with an owner after "by" or "from" (``claims.agent_nouns``).
        self.agent_nouns = frozenset() if wanted is not None and "speech" not in wanted else word_set("claims.agent_nouns")
        self.agent_nouns -= set(self.nouns)
        #: Nouns of a view or a message that make a claim only as the subject of "is that ..." (``claims.copula_nouns``).
        self.copula_nouns = frozenset() if wanted is not None and "belief" not in wanted else word_set("claims.copula_nouns")
        self.copula_nouns -= set(self.nouns) | self.agent_nouns
        words = sorted(set(self.nouns) | self.agent_nouns | self.copula_nouns)
        self._scan = TokenScan(vocab, [[{"LEMMA": {"IN": words}, "POS": "NOUN"}]] if words else [])

    def __call__(self, doc: Doc, quotes: list[Quote]) -> list[Draft]:
        """The claims of the reporting nouns in ``doc`` that have an owner and a content clause."""
        drafts = []
        for start in self._scan(doc):
            noun = doc[start]
            word = noun.lemma_.lower()
            if word in self.nouns:
                lemma, cls, frames = self.nouns[word]
                owner = _owner(noun)
                clause = _content_clause(noun, frames)
            elif word in self.agent_nouns:
                lemma, cls, frames = word, "speech", ("that",)
                owner = _agent(noun)
                clause = None if owner is None else that_clause(noun)
            else:  # "*their fear is* that X", "*his message has been* that X", "a *sense among some* that X"
                lemma, cls, frames = word, "belief", ("that",)
                owner = _possessor(noun)
                clause = None if owner is None else _predicate_clause(noun)
                if owner is None:
                    owner = _holders(noun)
                    clause = None if owner is None else that_clause(noun) or that_clause(owner) or _marked_relative(noun)
            if owner is not None and clause is None:
                clause = _owner_clause(owner)
            if owner is None or clause is None:
                continue
            cue = ReportingCue(head=noun.i, start=noun.i, end=noun.i + 1, role="verb", lemma=lemma, cls=cls, frames=frames)
            parts = [clause_span(doc, clause, quotes)]
            draft = speaker_draft(noun_phrase(owner), parts, cue, how="noun", cue_char=noun.idx)
            if draft is not None:
                drafts.append(draft)
        return drafts


def _owner(noun: Token) -> Token | None:
    """Whose the noun is: its possessor ("the mayor's claim"), or the object of "by" or "from" after it."""
    possessor = _possessor(noun)
    return possessor if possessor is not None else _agent(noun)


def _possessor(noun: Token) -> Token | None:
    """The noun's possessor ("*the mayor's* claim")."""
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _prepositions_after(noun: Token, deps: tuple[str, ...]) -> list[Token]:
    """The prepositions after ``noun``: its own, and, when the noun is its verb's ``deps``, the one
    the parser hangs on that verb right after the noun's phrase ("faced complaints *from* residents")."""
    preps = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
    if noun.dep_ in deps:
        preps += [c for c in noun.head.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1]
    return preps


def _agent(noun: Token) -> Token | None:
    """The owner named after the noun: the object of "by" or "from" ("a warning *from the union*"),
    also where the parser hangs the phrase on the verb whose object the noun is ("faced
    complaints *from residents*": the phrase right after the noun)."""
    for prep in _prepositions_after(noun, ("dobj",)):
        if prep.lower_ in _AGENT_PREPOSITIONS:
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if owner is not None and owner.pos_ in ("NOUN", "PROPN", "PRON"):
                return owner
    return None


def _holders(noun: Token) -> Token | None:
    """Who hold a view: the object of "among" after the noun ("the feeling *among many
    voters* that X"), also where the parser hangs the phrase on the noun's verb ("there's a
    sense *among some* that X")."""
    prep = next((p for p in _prepositions_after(noun, ("dobj", "attr", "nsubj")) if p.lower_ == "among"), None)
    return None if prep is None else next((c for c in prep.children if c.dep_ == "pobj"), None)


def _marked_relative(noun: Token) -> Token | None:
    """A clause the parser makes relative though "that" opens it as its complementizer ("a fear
    among volunteers *that the levy would fail*": "that" a ``mark``, not the clause's subject)."""
    return next((c for c in noun.children if c.dep_ == "relcl" and c.i > noun.i and opens_with_that(c)), None)


def _owner_clause(owner: Token) -> Token | None:
    """The "that" clause the parser hangs on an owner after the noun ("complaints from *residents
    that the toll is unfair*"): the noun's clause. Only for an owner after "by" or "from"."""
    if owner.dep_ != "pobj" or owner.head.lower_ not in _AGENT_PREPOSITIONS:
        return None
    return that_clause(owner)


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
