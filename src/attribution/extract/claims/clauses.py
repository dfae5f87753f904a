"""Complement clauses the parser misshapes, for the claims step.

A reporting verb's content is its clausal complement (``ccomp``). Two shapes of the
parse hide a real clause from that rule:

* a clause headed by an adjective or a noun: quotation marks mislead the tagger ("told
  a crowd that she was *“troubled”* by the delays" makes "troubled" an adjective heading
  the clause). Such a head is a clause when it has what a clause has: a subject, an
  auxiliary or copula, or the complementizer "that" (:func:`is_clause`); "said the
  suspect *“armed”*" has none of these and stays no clause;
* a "that" clause after a prepositional phrase of the cue ("said in a statement posted
  online *that the talks had ended*"): the parser hangs the clause on the phrase's noun,
  or on a participle modifying it, instead of on the verb (:func:`medium_clause`). A
  report noun's clause ("said in response to reports *that ...*") is the report's, not
  the speaker's, and is left out (see :mod:`attribution.extract.claims.reports`);
* a "that" clause of a cue of several words, hung on a word after the verb: "made *the
  case* that X", "voiced *concern* that X" (a verb with its object, the ``objects`` of
  ``reporting_verbs.jsonl``: :func:`object_with_clause` finds that object),
  "made it *clear* that X" (a phrase of ``cues.jsonl``): :func:`phrase_clause`.
"""

from collections.abc import Collection

from spacy.tokens import Doc, Token

from ..syntax import opens_with_that, that_clause
from .reports import is_report_noun

__all__ = ["is_clause", "medium_clause", "object_with_clause", "phrase_clause"]

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"ADJ", "NOUN", "PROPN"})
#: Dependents that make a nominal head a clause: a subject, an auxiliary or copula.
_CLAUSAL = frozenset({"nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "cop"})


def is_clause(token: Token) -> bool:
    """Whether ``token`` heads a clause: a verb, or a nominal with a subject, auxiliary or "that"."""
    if token.pos_ in _VERBAL:
        return True
    if token.pos_ not in _NOMINAL:
        return False
    return any(c.dep_ in _CLAUSAL for c in token.children if c.i < token.i) or opens_with_that(token)


def medium_clause(head: Token) -> Token | None:
    """The "that" clause hung on a prepositional phrase after ``head`` ("said in a statement *that X*").

    The clause opens with "that" and completes the phrase's object ("a statement that
    X") or a participle modifying it ("a statement posted online that X"); none when
    that object is a report noun.
    """
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i < head.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or is_report_noun(noun):
                continue
            for child in noun.children:
                if child.i < noun.i or child.dep_ not in ("acl", "ccomp"):
                    continue
                if opens_with_that(child) and is_clause(child):
                    return child
                if child.dep_ == "acl" and child.tag_ == "VBN":  # "a statement posted online that X"
                    for clause in child.children:
                        if clause.dep_ == "ccomp" and clause.i > child.i and opens_with_that(clause) and is_clause(clause):
                            return clause
    return None


def object_with_clause(verb: Token, nouns: Collection[str]) -> Token | None:
    """The object of ``verb`` among ``nouns`` (lemmas) that a "that" clause completes.

    "made *the case* that X" (the clause hangs on the noun), "made *the case* to voters
    that X" (the parser hangs it on the verb, after the object); none for "made the case
    for X" or "voiced concern about X".
    """
    for noun in verb.children:
        if noun.dep_ != "dobj" or noun.i < verb.i or noun.lemma_.lower() not in nouns:
            continue
        if that_clause(noun) is not None or _addressee_clause(verb) is not None:
            return noun
        if any(c.dep_ == "ccomp" and c.i > noun.i and opens_with_that(c) for c in verb.children):
            return noun
    return None


def phrase_clause(doc: Doc, head: int, end: int) -> Token | None:
    """The "that" clause hung on a word of a cue after its verb ``doc[head]``, up to ``end``.

    "made *the case* that X", "made it *clear* that X": the clause follows the cue and
    opens with "that". "made the case *to voters* that X": the parser may take the clause
    for a relative clause of the addressee.
    """
    for token in doc[head + 1 : end]:
        for child in token.children:
            if child.i >= end and child.dep_ in ("acl", "ccomp", "advcl") and opens_with_that(child) and is_clause(child):
                return child
    for token in doc[head:end]:
        if (clause := _addressee_clause(token)) is not None:
            return clause
    return None


def _addressee_clause(token: Token) -> Token | None:
    """A "that" clause hung on the object of "to" after ``token`` ("the case *to the council that X*").

    "that" is the clause's complementizer (``mark``), not a relative pronoun, so the clause
    completes the cue, not the addressee.
    """
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "to" or prep.i < token.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for clause in noun.subtree:
                if clause.dep_ in ("relcl", "acl") and clause.i > noun.i and opens_with_that(clause) and is_clause(clause):
                    return clause
    return None
