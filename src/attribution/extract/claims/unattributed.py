"""Unattributed claims: a passive reporting verb with no agent ("X *is expected to* win"), or a
verb of seeming ("X *appears to* have declined", "*it seems* that X").

"The bill is expected to pass next week" reports a belief held by no one the text names;
PolNeAR records it as an attribution with no source, its content the subject and the
infinitive in two parts around the cue ("The bill" ... "to pass next week"). The verbs
that read this way are the word set ``claims.unattributed_passives``; a verb of it makes
such a claim only in the passive, with a subject, no agent ("by analysts") and an
infinitive ("to pass"). The claim has no speaker.

A verb of seeming (the word set ``claims.raising_verbs``) hedges what the writer reports
without naming who holds it: "China's coal use appears to have declined" is, to PolNeAR, an
attribution with no source, its content the subject and the infinitive. "It seems that X"
and "it appears X" give the clause. With no infinitive, the predicate after the verb stands in
its place ("the union *appeared* satisfied with the terms", "*seems* like a relic"). Its
grammatical subject is never a speaker.

A passive with the empty "it" and a "that" clause, "it was widely reported that X", "when it
was revealed in March that X", is a claim of no one's too, its content the clause, for the
verbs of the word set ``claims.impersonal_passives``.
"""

from spacy.tokens import Doc, Token

from .._doctext import doc_text
from ..lexicon import word_set
from ..syntax import opens_with_that, to_infinitive
from .cues import ReportingCue
from .spans import Draft, trim

__all__ = ["seeming", "unattributed_passive"]


def unattributed_passive(doc: Doc, cue: ReportingCue) -> Draft | None:
    """The speakerless claim of a passive cue with no agent, or ``None``.

    "Trump is expected to deliver a speech tonight", "..., which is expected to draw
    50,000 delegates": the content is the passive subject and the infinitive's phrase,
    the cue between them left out. "It was reported that X": the clause.
    """
    head = doc[cue.head]
    children = list(head.children)
    if head.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in children) or any(c.dep_ == "agent" for c in children):
        return None
    if cue.lemma in word_set("claims.impersonal_passives"):
        return _impersonal(doc, cue, children)  # "it was reported that X"
    if cue.lemma not in word_set("claims.unattributed_passives"):
        return None
    subjects = [c for c in children if c.dep_ == "nsubjpass" and c.i < head.i and c.lower_ not in ("it", "there")]
    return _subject_and_infinitive(doc, cue, subjects[0], how="clause") if subjects else None


def seeming(doc: Doc, cue: ReportingCue) -> Draft | None:
    """The speakerless claim of a verb of seeming, or ``None``.

    "The talks appear to have stalled": the subject and the infinitive's phrase, the cue
    between them left out; "it seems (that) the talks stalled": the clause. A relative
    subject stands for its antecedent ("who seems to be leaving"), as with a passive cue;
    "what appeared to be" names nothing and makes no claim.
    """
    head = doc[cue.head]
    if head.dep_ in ("aux", "auxpass"):
        return _seeming_participle(doc, cue)  # "he seemed rattled by the attacks"
    children = list(head.children)
    subjects = [c for c in children if c.dep_ in ("nsubj", "expl") and c.i < head.i]
    if not subjects or subjects[0].lower_ in ("what", "whatever"):
        return None
    text = doc_text(doc)
    subject = subjects[0]
    if subject.lower_ == "it":
        clauses = [c for c in children if c.dep_ == "ccomp" and c.i > head.i]
        return Draft(parts=[_span(text, clauses[0])], how="seeming", cue=cue, cue_char=head.idx) if clauses else None
    return None if subject.lower_ == "there" else _subject_and_infinitive(doc, cue, subject, how="seeming")


def _impersonal(doc: Doc, cue: ReportingCue, children: list[Token]) -> Draft | None:
    """"It was widely reported that X", "when it was revealed in March that X": the clause, no one's."""
    head = doc[cue.head]
    if not any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" and c.i < head.i for c in children):
        return None
    clauses = [c for c in children if c.dep_ == "ccomp" and c.i > head.i and opens_with_that(c)]
    return Draft(parts=[_span(doc_text(doc), clauses[0])], how="clause", cue=cue, cue_char=head.idx) if clauses else None


def _subject_and_infinitive(doc: Doc, cue: ReportingCue, subject: Token, *, how: str) -> Draft | None:
    """The claim of no one: ``subject`` and the cue's infinitive after it, the cue between them left out."""
    head = doc[cue.head]
    infinitives = [c for c in head.children if c.dep_ == "xcomp" and c.i > head.i and to_infinitive(c)]
    if not infinitives and how == "seeming":
        infinitives = _small_clause(head, subject)
    if not infinitives:
        return None
    text = doc_text(doc)
    return _around(cue, head, [_span(text, subject), _span(text, infinitives[0])], how)


def _around(cue: ReportingCue, head: Token, parts: list[tuple[int, int]], how: str) -> Draft | None:
    """The claim of ``parts``, a subject and a predicate on either side of the cue, if they are in order."""
    if any(e <= s for s, e in parts) or parts[0][1] > parts[1][0]:
        return None
    return Draft(parts=parts, how=how, cue=cue, cue_char=head.idx)


def _relative_that(token: Token) -> bool:
    """Whether ``token`` is the relative pronoun "that" ("a rule *that* seems unfair")."""
    return token.lower_ == "that" and token.tag_ == "WDT"


def _span(text: str, token: Token) -> tuple[int, int]:
    last = token.right_edge
    return trim(text, token.left_edge.idx, last.idx + len(last))


def _small_clause(head: Token, subject: Token) -> list[Token]:
    """The predicate after a verb of seeming with no infinitive: "seems *ready to go*", "*like a stunt*".

    Not after a relative "that" ("a rule that seems unfair": the noun, not "that", is what
    seems), nor in a condition ("if the plan seems costly, ..."), which asserts nothing.
    """
    if any(c.dep_ == "xcomp" for c in head.children) or _relative_that(subject):
        return []
    if any(c.dep_ == "mark" and c.lower_ in word_set("claims.condition_marks") for c in head.children):
        return []
    return [
        c
        for c in head.children
        if c.i > head.i and (c.dep_ in ("acomp", "oprd", "attr") or (c.dep_ == "prep" and c.lower_ == "like"))
    ][:1]


def _seeming_participle(doc: Doc, cue: ReportingCue) -> Draft | None:
    """"He *seemed* rattled by the attacks", "Democrats *appeared* headed for a contest": the parser
    makes the verb of seeming the participle's auxiliary; the subject and the participle's phrase."""
    head = doc[cue.head]
    participle = head.head
    if participle.i < head.i or participle.tag_ != "VBN" or participle.dep_ in ("relcl", "acl", "advcl"):
        return None  # "in a line that seemed directed at him": a noun's clause, a misparse
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return None
    subjects = [c for c in participle.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i]
    if not subjects or _relative_that(subjects[0]) or subjects[0].lower_ in ("what", "whatever"):
        return None
    text = doc_text(doc)
    last = participle.right_edge
    return _around(cue, head, [_span(text, subjects[0]), trim(text, participle.idx, last.idx + len(last))], "seeming")
