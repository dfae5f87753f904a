"""Shapes of the parse around a lexicon cue whose content the plain rules miss.

Private to the claims step (:mod:`attribution.extract.claims.step`), which asks these when
a cue has no complement clause of its own, or one that reaches back over its speaker:

* a cue inside a relative clause ("the donor list, *which the campaign says* includes two
  million names"; "moves *that he said* improved the economy"): the content is what
  follows the cue, the predicate said of the noun (:func:`after_cue`). The relative
  pronoun and the speaker are left out, and so is the noun itself: the claim is about
  it, and PolNeAR marks the clause, not the noun;
* "*As the paper noted*, X" and "*As reported by the Times*, X": the cue clause
  interrupts X, as "X, the paper noted" does (:func:`as_clause`; the agent is the speaker,
  :func:`~attribution.extract.claims.speakers.passive_agent`);
* "X, *his aide told the Times*.": the parser conjoins a trailing cue with its own subject
  to the clause it reports (:func:`trails_as_conj`);
* "reported *spending* $1 million", "acknowledged *urging* his staff", and "said
  *legalizing it* could put ..." (a gerund subject the parser reads as the cue's
  complement): the gerund clause is the content (:func:`gerund_complement`);
* "said *for the first time* that X", "predicted *at the debate* that X": the parser hangs
  the "that" clause on the adjunct's noun as a relative clause; "that" is a
  complementizer there, not a relative pronoun, when the clause has a subject of its own
  and "that" fills no slot in it (:func:`adjunct_clause`);
* "called both the mayor and Park “reckless”", "called the use of emergency decrees “deeply
  unwise”": a naming verb, a noun phrase and the quoted name the parser hangs anywhere
  but on the verb; the phrase and the quotation are the content (:func:`named_quotation`);
  so is the quoted name alone when the object is a relative pronoun before the verb ("*what*
  the engineer called “the hardest winter in years”", "the harbor, *which* Marsh called “the
  heart of this city,”": :func:`relative_naming`);
* "The rejection signals the end for the EU, *said* Geert Wilders": the parser makes the
  head noun of the reported clause a second subject of the cue that follows it; the words
  before the comma are the content (:func:`subject_before_credit`).
"""

import itertools

from spacy.tokens import Doc, Token

from ..lexicon import word_set
from ..syntax import to_infinitive
from .filters import ClaimWords, names_party
from .quotes import Quote
from .._doctext import doc_text
from .spans import snap, trim

__all__ = [
    "adjunct_clause",
    "after_cue",
    "as_clause",
    "gerund_complement",
    "named_quotation",
    "relative_complement",
    "relative_naming",
    "subject_before_credit",
    "trails_as_conj",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD", "VB"})
#: Dependencies of "that" that make it a relative pronoun filling a slot of its clause.
_RELATIVE_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
#: The fewest words of a phrase before ", said X" that is what X said, not a name.
_CLAUSE_WORDS = 5


def after_cue(head: Token, clause: Token) -> Token | None:
    """The first word of ``clause`` after the cue ``head``, when the clause reaches back over it.

    "which the campaign says *includes* ...": the relative pronoun before the cue belongs
    to the clause, the content starts after the cue.
    """
    if clause.left_edge.i >= head.i:
        return None
    following = [t for t in clause.subtree if t.i > head.i and not (t.is_punct or t.is_space)]
    return following[0] if following else None


def relative_complement(head: Token, words: ClaimWords) -> tuple[Token, Token] | None:
    """The speaker and the clause of a cue in a relative clause the parser flattened, or ``None``.

    "the drawdown, which they say *left* a vacuum": the parser makes both "which" and
    "they" subjects of "say" and the reported verb its open complement; the speaker is the
    subject that is no relative pronoun, the content the finite verb after the cue.
    """
    if head.dep_ != "relcl":
        return None
    subjects = [c for c in head.children if c.dep_ in _SUBJECTS and c.i < head.i]
    relative = [s for s in subjects if s.lower_ in words.relative]
    speakers = [s for s in subjects if s.lower_ not in words.relative]
    if not relative or len(speakers) != 1:
        return None
    for child in head.children:
        if child.dep_ not in ("xcomp", "ccomp") or child.i < head.i or child.tag_ not in _FINITE:
            continue
        if not to_infinitive(child):
            return speakers[0], child  # "which it says *cut* overtime": a past tense, tagged VB
    return None


def as_clause(head: Token, words: ClaimWords, phrase_end: int | None = None) -> bool:
    """Whether ``head`` heads "as X noted" / "as reported by X", a parenthesis on its governor.

    Only a verb of ``words.content_verbs`` reports content so: "as the crowd roared" and "as he
    spoke" say when something happened. A phrase cue of the lexicon ending before
    ``phrase_end`` ("as the columnist *put it*") reports content whatever its verb, and its
    own words ("it") are no object of the clause.
    """
    phrase = range(head.i, phrase_end if phrase_end is not None else head.i + 1)
    if len(phrase) < 2 and head.lemma_.lower() not in words.content_verbs:
        return False
    governor = head.head
    if head.dep_ != "advcl" or governor.i == head.i or governor.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < head.i for c in head.children):
        return False
    # "as Clinton echoed the criticism", "as he said he would": a clause with its own object.
    # A verb and its particle ("as the engineer *pointed out* in a memo") read as one verb.
    particle = len(phrase) == 2 and head.doc[phrase[-1]].dep_ == "prt"
    if len(phrase) > 1 and not particle and any(c.dep_ in ("prep", "prt", "dative") for c in head.children):
        return False  # "as the clerk put it in the drawer": the phrase's words, not the phrase
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") and c.i not in phrase for c in head.children)


def trails_as_conj(head: Token, words: ClaimWords) -> bool:
    """Whether ``head`` is a trailing cue the parser conjoined to the clause it reports.

    "X, his top aide told the Times." and "X, the church posted on Facebook, and Y": the
    cue follows a comma with no "and" before it, has a subject of its own, and no clause
    or object of its own but its addressee ("claimed *victory*" is a claim of its own).
    """
    governor = head.head
    if head.dep_ != "conj" or governor.i > head.i or governor.pos_ not in ("VERB", "AUX"):
        return False
    doc = head.doc
    if head.left_edge.i == 0 or doc[head.left_edge.i - 1].text != ",":
        return False
    if any(c.dep_ in ("cc", "preconj") and governor.i < c.i < head.i for c in governor.children):
        return False  # "X and Y said": a second statement, not a parenthesis
    if not any(c.dep_ in _SUBJECTS and c.i < head.i for c in head.children):
        return False
    for child in head.children:
        if child.dep_ in ("ccomp", "xcomp", "csubj", "attr", "oprd"):
            return False
        if child.dep_ == "dobj" and not names_party(child, words):
            return False
    return True


def gerund_complement(head: Token, words: ClaimWords) -> Token | None:
    """The gerund clause completing ``head`` ("reported *spending* $1 million"), or ``None``.

    Only for a verb of ``words.gerund_cues``; after a plain speech verb ("said") only
    when the gerund governs a clause: "said *legalizing* it could put ..." is a gerund
    subject the parser took for the verb's complement.
    """
    lemma = head.lemma_.lower()
    if lemma not in words.gerund_cues:
        return None
    for child in head.children:
        if child.dep_ != "xcomp" or child.tag_ != "VBG" or child.i < head.i:
            continue
        if lemma in words.speech and not any(c.dep_ == "ccomp" and c.i > child.i for c in child.children):
            continue
        if to_infinitive(child):
            continue
        if any(c.dep_ in ("dobj", "dative") and head.i < c.i < child.i for c in head.children):
            continue  # "caught them stealing": someone doing something is no statement
        return child
    return None


def adjunct_clause(head: Token, words: ClaimWords) -> Token | None:
    """The "that" clause hung on the noun of an adjunct after ``head`` ("said for the first time *that X*").

    Only for a verb of ``words.content_verbs``, which has content to report: "spoke at
    a dinner *that the club hosted*" is a relative clause.
    """
    if head.lemma_.lower() not in words.content_verbs:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i < head.i:
            continue
        # "said for the first time that X", "said in a history of those years that X",
        # "said before attending the town hall that X": any noun of the adjunct.
        for noun in prep.subtree:
            if noun.pos_ not in ("NOUN", "PROPN") or noun.i == prep.i:
                continue
            for clause in noun.children:
                if clause.dep_ == "relcl" and clause.i > noun.i and _completes(clause):
                    return clause
    return None


def _completes(clause: Token) -> bool:
    """Whether "that" opens ``clause`` as a complementizer: the clause has a subject of its own
    and "that" fills none of its slots ("that Republicans will take *every state*", where a
    relative "that" would stand for the missing object)."""
    first = clause.left_edge
    if first.lower_ != "that" or first.head.i != clause.i or clause.pos_ not in ("VERB", "AUX"):
        return False
    children = [c for c in clause.children if c.i != first.i]
    if not any(c.dep_ in _SUBJECTS and c.i > first.i for c in children):
        return False
    if first.dep_ in _RELATIVE_SLOTS:
        return any(c.dep_ == first.dep_ for c in children)  # the slot is filled twice: "that" is no pronoun
    return True


#: The most words between a naming verb and the quotation that names its object.
_NAMED_OBJECT_WORDS = 10
#: Parts of speech of those words: a noun phrase ("both the mayor and harbor commissioner
#: Dana Park", "the use of emergency decrees").
_NAMED_OBJECT_POS = frozenset({"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM", "CCONJ", "PART", "PUNCT", "ADP"})


def named_quotation(doc: Doc, head: Token, quotes: list[Quote]) -> tuple[int, int] | None:
    """The object and the quoted name a naming verb gives it, as one span, or ``None``.

    "called both Trump and Clinton “crazy”": the verb is one of the word set
    ``claims.naming_verbs``, a short noun phrase follows it, and a quotation opens right after
    that phrase, in the same sentence. The parser hangs the quotation on the noun or makes
    the noun a modifier of it; the words are the same.
    """
    if head.lemma_.lower() not in word_set("claims.naming_verbs"):
        return None
    start = head.i + 1
    opening = next((q for q in quotes if q.start >= head.idx + len(head)), None)
    if opening is None or start >= len(doc) or doc[start].idx >= opening.start:
        return None
    words = list(itertools.takewhile(lambda t: t.idx < opening.start, doc[start:]))
    if len(words) > _NAMED_OBJECT_WORDS or words[-1].sent != head.sent or opening.end > head.sent.end_char + 1:
        return None
    if any(t.pos_ not in _NAMED_OBJECT_POS or (t.is_punct and t.tag_ not in ("HYPH", "POS")) for t in words):
        return None  # "called for “...”", "called, “...”": no noun phrase between
    if words[0].pos_ == "ADP" or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return None  # "called on the council “to act”": a preposition, not an object
    # 'called Ortiz a "compulsive liar" who is "utterly heartless"': what the quoted name's
    # phrase goes on with after the closing mark is part of the naming.
    inside = [t for t in head.sent if opening.start <= t.idx < opening.end]
    roots = [t for t in inside if not opening.start <= t.head.idx < opening.end]
    end = max([opening.end] + [t.right_edge.idx + len(t.right_edge) for t in roots if t.right_edge.i > t.i])
    return snap(words[0].idx, min(end, head.sent.end_char), quotes)


def relative_naming(doc: Doc, head: Token, quotes: list[Quote]) -> tuple[int, int] | None:
    """The quoted name a naming verb gives a relative pronoun, or ``None``.

    "what one engineer called “the hardest winter in years”", "a clip that the judge called
    “distasteful”": the pronoun before the verb is its object and the head of the predicate
    after it (the parser's ``oprd``) is quoted; the predicate up to the end of that quotation is
    the content. The noun the pronoun stands for is left out, as in :func:`after_cue`.
    """
    if head.lemma_.lower() not in word_set("claims.naming_verbs"):
        return None
    if not any(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") and c.i < head.i for c in head.children):
        return None
    named = next((c for c in head.children if c.dep_ == "oprd" and c.i > head.i), None)
    if named is None or any(not t.is_quote for t in doc[head.i + 1 : named.left_edge.i]):
        return None  # only an opening quotation mark may stand between the verb and its predicate
    start = doc[head.i + 1].idx
    quote = next((q for q in quotes if start <= q.start and q.start <= named.idx < q.end), None)
    if quote is None:
        return None  # "what he calls the “crooked” process", "which Marsh called a lifeline": a term, or no one's words
    if named.pos_ in ("NOUN", "PROPN") and not any(not t.is_punct for t in named.subtree if t.i != named.i):
        return None  # 'what we call “infrastructure”': a bare noun names a thing, it judges nothing
    return start, quote.end


def subject_before_credit(doc: Doc, head: Token, quotes: list[Quote]) -> tuple[Token, tuple[int, int]] | None:
    """The speaker and the clause the parser made subjects of a trailing cue: "*X signals Y*, said *Wilders*".

    ``head`` follows a comma and has two subjects, one after it (the speaker) and one
    before the comma whose phrase opens the sentence: the tagger took the reported verb
    for a noun ("The rejection of the treaty *signals* ...", "The promise ... *appeals* to
    ..."), and that phrase, from the sentence start to the comma, is what was said.
    """
    comma = doc[head.i - 1] if head.i > 0 else None
    if comma is None or comma.text != ",":
        return None
    before = [c for c in head.children if c.dep_ in _SUBJECTS and c.i < comma.i]
    after = [c for c in head.children if c.dep_ in _SUBJECTS and c.i > head.i]
    if len(before) != 1 or len(after) != 1:
        return None
    first = before[0].left_edge.i
    if first != head.sent.start and not doc[first - 1].is_punct:
        return None
    if sum(1 for t in doc[first : comma.i] if t.is_alpha) < _CLAUSE_WORDS:
        return None  # "Smith, said Jones": a name, not what was said
    start, end = trim(doc_text(doc), doc[first].idx, comma.idx)
    return (after[0], snap(start, end, quotes)) if end > start else None
