"""A report noun's clause ("reports *that the club would move*") in the claims step.

A clause opened by "that" right after a report noun (word set ``claims.report_nouns``)
says what the report, rumour or allegation holds, not what the speaker says:

* "She denied *reports that she had been pressured*": the noun phrase, clause and all,
  is what the cue verb acts on, so it is the claim's content;
* "Responding to speculation *that she wrote the letter*, the minister said ...": the
  parser hangs the clause on the verb ("Responding"), but it completes the noun; it is
  no content of the verb.

The rumour or report itself, which the text states with no source, is recorded by the
rebuttals step when a claim answers it (see :mod:`attribution.extract.rebuttals.rumours`).
"""

from spacy.tokens import Token

from ..lexicon import word_set
from ..syntax import opens_with_that, that_clause

__all__ = ["is_report_noun", "noun_with_clause", "of_report_noun"]


def is_report_noun(token: Token) -> bool:
    """Whether ``token`` is a report noun ("reports", "speculation": word set ``claims.report_nouns``)."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in word_set("claims.report_nouns")


def noun_with_clause(head: Token) -> Token | None:
    """The object of ``head`` that is a report noun with its own "that" clause ("denied *reports that ...*")."""
    for child in head.children:
        if child.dep_ == "dobj" and child.i > head.i and is_report_noun(child) and that_clause(child) is not None:
            return child
    return None


def of_report_noun(head: Token, clause: Token) -> bool:
    """Whether ``clause``, a clause of ``head``, completes a report noun instead.

    "Responding to speculation that X": the clause opens with "that" right after a report
    noun that is the object of one of ``head``'s prepositions.
    """
    if not opens_with_that(clause) or clause.left_edge.i == 0:
        return False
    noun = clause.doc[clause.left_edge.i - 1]
    return is_report_noun(noun) and noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head == head
