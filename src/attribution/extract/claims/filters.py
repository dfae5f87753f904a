"""What looks like a claim but is not one: questions, requests, named parties, quoted terms.

The claims step (:mod:`attribution.extract.claims.step`) asks these before it makes a
claim of a cue's complement:

* an indirect question ("asked *whether the bridge was safe*", "saw *what looked like
  a rifle*") is content only for a cue whose lexicon entry has the ``wh`` frame ("said
  *what* happened"); a question asserts nothing;
* a request ("urged *the volunteers to deny* it", "called on *the president to
  resign*") asks an addressee to act: nothing is claimed;
* a bare object that names a party ("blamed *Mr. Green*", "criticized *the union*")
  is whom the speech is about, not what was said; after a judging verb ("praised",
  "criticized") a bare object is content only when it is someone's work or words
  ("criticized *the governor's budget*": :func:`owned`);
* a cue conjoined to the content ("said the plant would close *and expects* to sell
  it") continues what was said unless it is a speech act of its own ("said the plant
  would close *and predicted* that ..."): :func:`starts_statement`;
* a short quoted term inside a noun phrase ("denies writing *'Globe'* editorial") is
  a name or a headline word, not a quotation of anyone.

The few words these read are word sets of the ``word_sets`` lexicon (see ``data/README.md``).
"""

import attrs
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..lexicon import load_lexicon, word_set
from .cues import ReportingCue

__all__ = ["ClaimWords", "asks_anonymity", "is_question", "is_request", "names_party", "owned", "quoted_aside", "quoted_head", "quoted_term", "quoted_title", "regarded_as", "starts_statement", "writers_aside", "STATEMENT_CLASSES"]

_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
#: Clauses inside a complement whose wh-word or "if" is not the complement's own.
_SUBORDINATE = frozenset({"advcl", "csubj", "csubjpass"})
_PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})


@attrs.frozen(kw_only=True)
class ClaimWords:
    """The words these tests read, loaded once per extractor.

    Attributes:
        question: Complementizers that make a clause an indirect question ("whether"):
            word set ``claims.question_words``.
        pointer: Verbs that point at where a report comes from ("cite"): a reporting
            verb's clause may hang on them ("reported, citing two people, that ..."):
            word set ``claims.pointers``.
        party: Nouns naming a person or organization (the ``roles`` lexicon): as a bare
            object they are a party, not content.
        identify: Verbs that identify someone ("named", "identified", "quoted"): word
            set ``claims.identification_verbs``.
        identity: Nouns for who someone is ("name", "identity"): word set
            ``claims.identity_nouns``.
        content_verbs: Verbs that always report content ("As the paper *noted*, X",
            "*said* for the first time that X"): word set ``claims.content_verbs``.
        gerund_cues: Verbs whose gerund complement is a claim ("reported spending
            $1 million"): word set ``claims.gerund_cues``.
        speech: Plain speech verbs ("say"): word set ``claims.speech_lemmas``.
        relative: Relative pronouns ("which"): word set ``claims.relative_pronouns``.
        perception: Verbs of perception ("see"): their complement is a claim only when
            opened by "that" ("saw *that* the poll had moved"), not an event seen ("saw
            his support collapse"): word set ``claims.perception_verbs``.
        views: Verbs whose object is a view only with an "as" phrase ("portrays *the
            judge as a friend of developers*", not "painted the office blue"): word set
            ``claims.view_verbs``.
    """

    question: frozenset[str] = frozenset()
    pointer: frozenset[str] = frozenset()
    party: frozenset[str] = frozenset()
    identify: frozenset[str] = frozenset()
    identity: frozenset[str] = frozenset()
    content_verbs: frozenset[str] = frozenset()
    gerund_cues: frozenset[str] = frozenset()
    speech: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    perception: frozenset[str] = frozenset()
    views: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> "ClaimWords":
        """The built-in lexicons (with any plugin patches)."""
        party = set()
        for role in load_lexicon("roles"):
            if role.get("kind") in ("person", "organization") and not role.get("honorific"):
                party.add(str(role["role"]).lower())
                if role.get("plural"):
                    party.add(str(role["plural"]).lower())
        return cls(
            question=word_set("claims.question_words"),
            pointer=word_set("claims.pointers"),
            party=frozenset(party),
            identify=word_set("claims.identification_verbs"),
            identity=word_set("claims.identity_nouns"),
            content_verbs=word_set("claims.content_verbs"),
            gerund_cues=word_set("claims.gerund_cues"),
            speech=word_set("claims.speech_lemmas"),
            relative=word_set("claims.relative_pronouns"),
            perception=word_set("claims.perception_verbs"),
            views=word_set("claims.view_verbs"),
        )


def is_question(clause: Token, words: ClaimWords) -> bool:
    """Whether the clause headed by ``clause`` is an indirect question ("how many were hurt").

    The question word must be the clause's own: in "“If the goal was to win, he succeeded,”
    he wrote" the "If" opens a condition inside the clause, which is a statement.
    """
    first = clause.left_edge
    mark = first if first.is_quote else first.doc[first.i - 1] if first.i > 0 else None
    if mark is not None and mark.is_quote and mark.is_left_punct and not any(t.text == "?" for t in clause.subtree):
        return False  # '“When the media moves on, that would help”': quoted words, and no question mark
    while first.i < clause.i and (first.is_punct or first.is_space):
        first = first.doc[first.i + 1]
    if first.lower_ == "that":
        return False  # the complementizer, which the tagger sometimes takes for a wh-word ("WDT")
    if first.tag_ not in _WH_TAGS and not (first.dep_ == "mark" and first.lower_ in words.question):
        return False
    return not _inside_subordinate(first, clause)


def _inside_subordinate(token: Token, clause: Token) -> bool:
    """Whether ``token`` belongs to an adverbial or subject clause within the clause headed by ``clause``.

    "“*Whoever* saw the flames felt the heat,” she wrote": the wh-word opens the subject.
    """
    while token.i != clause.i and token.head.i != token.i:
        if token.dep_ in _SUBORDINATE:
            return True
        token = token.head
    return False


def is_request(head: Token, complement: Token) -> bool:
    """Whether ``head`` asks someone to act: an addressee before the infinitive ``complement``.

    "urged *the volunteers* to deny", "asked *the judge* to reject", "called on *the
    president* to resign". A promise or a plan ("vowed to veto") has no addressee.
    """
    for child in head.children:
        if not head.i < child.i < complement.i:
            continue
        if child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        if child.dep_ == "prep" and child.right_edge.i + 1 == complement.left_edge.i:
            if any(c.dep_ == "pobj" for c in child.children):
                return True
    return False


def asks_anonymity(clause: Token, words: ClaimWords) -> bool:
    """Whether the clause headed by ``clause`` asks that someone not be identified.

    "asked *not to be named*", "requested *that his name not be used*": the speaker's
    condition for talking, which the anonymity step records, not something claimed. The
    clause is a negated passive of an identifying verb, or has a name or identity as its
    passive subject that is the speaker's own ("his name"); "the donors' names were not
    disclosed" is a claim.
    """
    children = list(clause.children)
    if not any(c.dep_ == "neg" for c in children) or not any(c.dep_ == "auxpass" for c in children):
        return False
    subjects = [c for c in children if c.dep_ == "nsubjpass"]
    if not subjects:
        return clause.lemma_.lower() in words.identify  # "asked not to be named"
    return any(
        s.lemma_.lower() in words.identity and any(p.dep_ == "poss" and p.tag_ == "PRP$" for p in s.children)
        for s in subjects
    )


def names_party(phrase: Token, words: ClaimWords) -> bool:
    """Whether the noun phrase headed by ``phrase`` names a person or an organization."""
    if phrase.pos_ in ("PROPN", "PRON") or phrase.ent_type_ in _PARTY_ENTITIES:
        return True
    return phrase.lower_ in words.party or phrase.lemma_.lower() in words.party


def owned(phrase: Token) -> bool:
    """Whether the noun phrase headed by ``phrase`` is someone's: "*the governor's* budget", "*her* remarks".

    A judging verb's bare object that belongs to someone is that party's work or words,
    and what the judgement is about ("criticized the governor's budget"); one that does
    not ("blamed the storm", "called a meeting") is a party or a thing, not content.
    """
    return any(child.dep_ == "poss" for child in phrase.children)


def quoted_head(inner: SpacySpan | None, most: int) -> tuple[list[Token], Token | None]:
    """The words of a quotation's ``inner`` span, if ``most`` or fewer, and their one head outside it."""
    if inner is None:
        return [], None
    words = [t for t in inner if not t.is_punct and not t.is_space]
    if not words or len(words) > most:
        return [], None
    heads = [t for t in words if not (inner.start <= t.head.i < inner.end)]
    return words, heads[0] if len(heads) == 1 else None


def quoted_term(doc: Doc, inner: SpacySpan | None) -> bool:
    """Whether a quotation's words (``inner``) modify a noun outside it ("'Globe' editorial").

    A term quoted inside a noun phrase, as headlines and titles quote, is not a
    quotation of anyone's words.
    """
    _, head = quoted_head(inner, 3)
    if head is None:
        return False
    outside = head.head
    return head.dep_ in _MODIFIER_DEPS and outside.i >= inner.end and outside.pos_ in ("NOUN", "PROPN")


def quoted_title(inner: SpacySpan | None) -> bool:
    """Whether a quotation's words (``inner``) are a title in a phrase: "on ABC's “This Week”".

    Capitalized words (but for the short words of the word set ``claims.title_function_words``,
    "Meet *the* Press") that are the object of a preposition: the name of a show, a book or a
    group, not a quotation of anyone's words.
    """
    words, head = quoted_head(inner, 6)
    if head is None or not words[0].is_title:
        return False
    small = word_set("claims.title_function_words")
    return all(t.is_title or t.is_digit or t.lower_ in small for t in words) and head.dep_ == "pobj"


def quoted_aside(inner: SpacySpan | None, cue: Token) -> bool:
    """Whether a quotation's words (``inner``) are a term the sentence names in passing.

    'say it would let the board act as a “referee.” Fishermen would continue to ...', 'its
    role as a “bargainer”', 'refers to it as “a fresh start”': a quotation of up to six words
    that is the object of a preposition the cue does not govern is no quotation of the cue's
    speaker ("warned of “a summer of gridlock”" is).
    """
    _, head = quoted_head(inner, 6)
    return head is not None and head.dep_ == "pobj" and head.head.head.i != cue.i


#: Cue classes that make a statement of their own when conjoined to another cue's content.
STATEMENT_CLASSES = frozenset({"speech", "writing"})


def starts_statement(cue: ReportingCue) -> bool:
    """Whether ``cue``, conjoined to another cue's content, starts a claim of its own.

    "said the plant would close *and predicted* that ..." is a second statement, where the
    content stops; "said the plant would close *and expects* to sell it", "*and wanted* a
    buyer" go on with the first: a belief, an intention or a demand after "and" is more of
    what the speaker said.
    """
    return cue.cls in STATEMENT_CLASSES


def regarded_as(head: Token, obj: Token | None) -> bool:
    """Whether an "as" phrase completes the object of ``head``: "sees *him as a threat*" is a view, not a sight."""
    if obj is None:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i for c in (*head.children, *obj.children))


def writers_aside(head: Token, speaker: SpacySpan) -> bool:
    """Whether a speech verb is the writer's aside, with no one who says anything.

    "*That said*, turnout fell": a demonstrative that opens its sentence, the verb right
    after it and a comma after the verb. "*It's safe to say* X", "it is *fair to say*",
    "*it's worth noting* X": the verb completes an adjective of the word set
    ``claims.aside_adjectives`` whose subject is the empty "it". Either way ``speaker`` (the
    subject the step found) says nothing.
    """
    doc = head.doc
    if len(speaker) == 1 and speaker.root.lower_ in ("that", "this"):
        alone = speaker.start == speaker.sent.start and head.i == speaker.end
        return alone and head.i + 1 < len(doc) and doc[head.i + 1].text == ","
    if speaker.root.lower_ != "it" or head.dep_ != "xcomp":
        return False
    governor = head.head
    adjectives = word_set("claims.aside_adjectives")
    if governor.lower_ in adjectives:
        return True  # "it's worth noting"
    return any(c.dep_ == "acomp" and c.lower_ in adjectives for c in governor.children)
