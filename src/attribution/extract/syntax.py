"""Noun phrases and clause subjects read off the dependency tree, shared by the steps.

Two noun-phrase builders, because the steps ask two questions:

* :func:`noun_phrase` is a speaker's phrase as written ("a senior Pakistani official",
  "Bill Roggio of FDD's Long War Journal", "Clinton and Kaine"), for the claims step;
* :func:`noun_phrase_bounds` is the contiguous run of a subject's own words, without
  relative clauses, appositions or coordination, for the anonymity and non-response
  steps ("the official" in "the official, who spoke on condition of anonymity").

:func:`clause_subject` walks up from a phrase's verb to the subject of its clause; each
step says which dependencies it climbs.
"""

from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from .lexicon import word_set

__all__ = [
    "clause_subject",
    "noun_phrase",
    "noun_phrase_bounds",
    "opens_with_that",
    "that_clause",
    "to_infinitive",
]

_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


def noun_phrase(token: Token) -> Span:
    """The full noun phrase headed by ``token``, as a span of the Doc.

    Keeps determiners, modifiers, compounds, possessives, numbers, "of" complements
    and, after a common-noun subject, a "to" phrase ("an aide to the governor");
    drops relative clauses, appositions, clauses and punctuation at the edges. A
    coordinated phrase ("Clinton and Kaine") is kept whole.
    """
    doc: Doc = token.doc
    start = end = token.i
    for child in token.children:
        dep = child.dep_
        if dep == "appos" and not _after_comma(child):
            dep = "compound"  # "Roggio of FDD's Long War Journal": a misparsed modifier
        if dep in ("relcl", "acl", "appos", "advcl", "parataxis", "dep", "punct"):
            continue
        if dep == "case" and token.dep_ == "poss" and child.i > token.i:
            continue  # "Leon Marsh's argument": the possessor's own phrase ends before "'s"
        if dep == "prep" and child.i > token.i and child.lower_ not in ("of", "from", "at", "for", "with", "in"):
            # "an aide to the governor", "the envoy to Kabul": in subject position a
            # "to" phrase says whom the speaker serves.
            if not (child.lower_ == "to" and token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass")):
                continue
        if dep in ("cc", "conj") and not _conjoined_noun(child):
            continue
        start = min(start, child.left_edge.i)
        end = max(end, child.right_edge.i)
    end = _split_coordination(token, end)
    # A phrase cut by a clause or apposition stops before it.
    for child in token.children:
        if child.dep_ == "appos" and not _after_comma(child):
            continue
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "parataxis") and token.i < child.left_edge.i <= end:
            end = child.left_edge.i - 1
    while end > start and (doc[end].is_punct or doc[end].is_space or doc[end].dep_ == "cc"):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start : end + 1]


def _split_coordination(token: Token, end: int) -> int:
    """Where a coordination the parser split into two siblings ends ("*Three current* and
    *one former aide* told ...": two subjects of "told"), or ``end``, where ``token``'s
    phrase ends without it. The "and" must follow the phrase at once (not after a comma:
    ", and 74 percent say" is another clause)."""
    cc = next((c for c in token.children if c.dep_ == "cc" and c.i > token.i), None)
    if cc is None or cc.i != end + 1 or any(c.dep_ == "conj" for c in token.children) or token.dep_ == "ROOT":
        return end
    sibling = next((s for s in token.head.children if s.i > cc.i and s.dep_ == token.dep_), None)
    if sibling is None or sibling.left_edge.i != cc.i + 1:
        return end
    return noun_phrase(sibling).end - 1


def _after_comma(token: Token) -> bool:
    edge = token.left_edge.i
    return edge > 0 and token.doc[edge - 1].text in (",", "(", "—", "–")


def _conjoined_noun(child: Token) -> bool:
    if child.dep_ == "cc":
        return any(sib.dep_ == "conj" and sib.pos_ in ("PROPN", "NOUN", "PRON") for sib in child.head.children)
    return child.pos_ in ("PROPN", "NOUN", "PRON")


def noun_phrase_bounds(token: Token) -> tuple[int, int]:
    """Token range ``(start, end)`` of ``token``'s noun phrase, without relative clauses or appositions.

    The range is the contiguous run of the phrase's tokens that starts at its first
    one. Coordination is left out, except after a quantifier or a number ("both the
    CIA and the FBI").
    """
    skip = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"}
    if token.lower_ in word_set("syntax.quantifiers") or token.pos_ == "NUM":
        skip -= {"cc", "conj"}
    tokens = [token]
    for child in token.children:
        if child.dep_ not in skip:
            tokens.extend(child.subtree)
    indices = sorted(t.i for t in tokens)
    start = indices[0]
    end = indices[0]
    while end + 1 <= indices[-1] and end + 1 in indices:
        end += 1
    return start, end + 1


def clause_subject(
    token: Token,
    *,
    climb: Collection[str],
    modified_noun: bool = False,
    climb_non_verbs: bool = False,
    skip: Collection[str] | None = None,
) -> Token | None:
    """The subject of the clause ``token`` belongs to, or ``None``.

    From ``token`` upwards: the first ``nsubj``/``nsubjpass`` child, unless it is one of
    ``skip``; a relative pronoun subject of a relative clause stands for the noun the
    clause modifies ("the official, *who* spoke ..."). Where there is no subject the walk
    goes on to the head while the token's dependency is one of ``climb``.

    Args:
        token: Where to start (the verb of a matched phrase).
        climb: Dependencies along which the walk goes up to the head.
        modified_noun: Whether a relative or adjectival clause (``relcl``, ``acl``) on a
            noun stops the walk at that noun.
        climb_non_verbs: Whether any token that is not a verb also goes up.
        skip: Subject words that are not the subject sought; by default the relative
            pronouns (word set ``syntax.relative_pronouns``).
    """
    if skip is None:
        skip = word_set("syntax.relative_pronouns")
    seen: set[int] = set()
    while token.i not in seen:
        seen.add(token.i)
        if modified_noun and token.dep_ in ("relcl", "acl") and token.head.pos_ in _NOMINAL:
            return token.head
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in word_set("syntax.relative_pronouns") and token.dep_ == "relcl":
                return token.head
            if subject.lower_ not in skip:
                return subject
        if (token.dep_ in climb or (climb_non_verbs and token.pos_ not in ("VERB", "AUX"))) and token.head.i != token.i:
            token = token.head
            continue
        return None
    return None


def that_clause(noun: Token) -> Token | None:
    """The clause opened by "that" that completes ``noun`` ("reports *that the club would move*").

    Where the parser hangs the clause on the verb instead ("Responding to speculation
    *that she wrote the letter*": a clause of "Responding" opening right after the noun,
    its prepositional object), that clause.
    """
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and opens_with_that(child):
            return child
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        for child in noun.head.head.children:
            if child.dep_ == "ccomp" and child.left_edge.i == noun.i + 1 and opens_with_that(child):
                return child
    return None


def opens_with_that(clause: Token) -> bool:
    """Whether ``clause`` opens with its complementizer "that"."""
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark" and first.head == clause


def to_infinitive(verb: Token) -> bool:
    """Whether ``verb`` is an infinitive with its marker: "to" ("asked *to* leave"), or the "na"/"ta" of "gonna", "gotta".

    The marker is an ``aux`` child that is "to" or is tagged ``TO``: the tagger tags the
    "na" of "gonna" ``TO`` but at times tags a true marker ``IN`` ("sought *to* outdo",
    "pay-*to*-play"), and the parser's ``aux`` already says it is no preposition.
    """
    return any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "TO") for c in verb.children)
