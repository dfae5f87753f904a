"""Stance adjectives as cues: "some Democrats *are concerned* that ...", "his donors *remain confident* that ...".

A subject said to be sure, convinced, hopeful or worried of a clause holds that clause, as
a subject who *believes* it does: the adjective (word set ``claims.stance_adjectives``),
linked to its subject by a copula ("are", "remain", "grew", "seem"; or a passive, "are
convinced"), with a complement clause after it, is a cue of the ``belief`` class; the
subject is the speaker and the clause the content. A question ("not sure *whether* he will
vote") asserts nothing and gives no claim; nor does an expletive subject ("*it* is clear
that ..."), which names no one, or a result clause ("concerned *enough* that they began
...").

Like every belief, a stance inside a quotation or inside someone else's reported clause is
not a claim of its own ("he said he was confident that ..." is his claim, once): the nesting
rules of :mod:`attribution.extract.claims.settle` drop it.

Only the adjectives of the word set are looked at (a scan built once), so the cost is that
of the few such words a text has.
"""

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..lexicon import word_set
from ..matching import TokenScan
from ..syntax import noun_phrase
from .content import clause_span
from .cues import ReportingCue
from .clauses import is_clause
from .filters import ClaimWords, is_question
from .finders import speaker_draft
from .quotes import Quote
from .spans import Draft

__all__ = ["StanceCueFinder"]

#: Verbs that link a subject to its stance ("are sure", "remain confident", "grew worried").
_LINKS = frozenset({"be", "remain", "become", "seem", "feel", "grow", "appear", "stay", "sound", "look"})
#: Dependencies that tie the adjective to its linking verb when the adjective heads the clause.
_LINK_DEPS = ("cop", "auxpass")
#: Subjects that name no one: "it is clear that", "there was concern that".
_EXPLETIVES = frozenset({"it", "there", "this", "that", "what", "which"})


class StanceCueFinder:
    """Finds claims of a subject's stance toward a clause ("they are convinced that ...").

    Args:
        vocab: The pipeline's vocabulary.
        words: The claim words of the extractor (for the question test).
        classes: Cue classes the extractor keeps; stances are ``belief``, found only when it
            is among them (all classes by default).
    """

    def __init__(self, vocab: Vocab, words: ClaimWords, *, classes: tuple[str, ...] | None = None) -> None:
        self.words = words
        adjectives = sorted(word_set("claims.stance_adjectives")) if classes is None or "belief" in classes else []
        self._scan = TokenScan(vocab, [[{"LOWER": {"IN": adjectives}, "POS": {"IN": ["ADJ", "VERB"]}}]] if adjectives else [])

    def __call__(self, doc: Doc, quotes: list[Quote], taken: frozenset[int] = frozenset()) -> list[Draft]:
        """The stance claims in ``doc``; ``taken`` holds the heads of cues already found (a verb "worried")."""
        drafts = []
        for start in self._scan(doc):
            if start in taken:
                continue
            adjective = doc[start]
            linked = _linked(adjective)
            if linked is None:
                continue
            head, subject = linked
            clause = _clause(adjective, head)
            if clause is None or is_question(clause, self.words):
                continue
            if any(c.lower_ == "enough" for c in adjective.children):
                continue  # "concerned enough that they began ...": a result, not what they hold
            links = [head] if head.i != adjective.i else [c for c in adjective.children if c.dep_ in _LINK_DEPS]
            first = min((t.i for t in links if t.i < adjective.i), default=adjective.i)
            cue = ReportingCue(
                head=adjective.i,
                start=first,
                end=adjective.i + 1,
                role="verb",
                lemma=adjective.lower_,
                cls="belief",
                frames=("that",),
            )
            parts = [clause_span(doc, clause, quotes)]
            draft = speaker_draft(noun_phrase(subject), parts, cue, how="clause", cue_char=doc[first].idx)
            if draft is not None:
                drafts.append(draft)
        return drafts


def _linked(adjective: Token) -> tuple[Token, Token] | None:
    """The token that holds the subject of a stance adjective (its copula, or itself), and that subject."""
    if adjective.dep_ in ("acomp", "attr") and adjective.head.lemma_ in _LINKS:
        head = adjective.head  # "they *are* sure": the copula heads the clause
    elif any(c.dep_ in _LINK_DEPS and c.lemma_ in _LINKS for c in adjective.children):
        head = adjective  # "they are convinced": the adjective or participle heads it
    else:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < adjective.i), None)
    if subject is None:
        return None
    if subject.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
        subject = head.head  # "voters who are sure that ...": the voters
    if subject.lower_ in _EXPLETIVES:
        return None
    return head, subject


def _clause(adjective: Token, head: Token) -> Token | None:
    """The complement clause after the adjective (the parser may hang it on the copula)."""
    for token in (adjective, head):
        for child in token.children:
            if child.dep_ == "ccomp" and child.i > adjective.i and is_clause(child):
                return child
    return None
