"""Speakers: who a reporting cue attributes its content to.

:func:`speaker_token` finds the head of the speaker's noun phrase from the dependency
tree (the subject of the verb, of the verb it is conjoined or subordinated to —
"by tweeting", "..., adding that" — or the object of "according to");
:func:`~attribution.extract.syntax.noun_phrase` widens that head to the full phrase
as written ("a senior Pakistani official", "one of the officials");
:func:`~attribution.extract.claims.mentions.resolve_mentions` groups the phrases that
name the same speaker.
"""

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..lexicon import word_set
from ..syntax import noun_phrase, to_infinitive

__all__ = [
    "agent_of",
    "inverted_speaker",
    "named_before",
    "object_of_preposition",
    "passive_agent",
    "speaker_token",
    "stranded_subject",
    "with_issuer",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Entity types of a phrase that names no speaker, a time or a place ("The week before", "Keene, New Hampshire").
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
_DROP = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj", "dep", "prep_drop"})
_CLIMB = frozenset({"conj", "advcl", "xcomp", "acomp", "pcomp", "prep", "acl"})
#: Parts of speech of a passive agent that speaks ("by *aides*", "by *the ministry*", "by *her*").
_AGENT_KINDS = frozenset({"NOUN", "PROPN", "PRON"})


def speaker_token(
    verb: Token, skip: "Callable[[Token], bool] | None" = None, cues: frozenset[int] = frozenset()
) -> Token | None:
    """The head of the speaker's noun phrase for a reporting verb, or ``None``.

    The subject of ``verb``; for a relative pronoun ("officials, who said") the noun it
    refers to; without a subject, the subject of the verb ``verb`` is conjoined to or
    depends on ("They said ... and added", "greeted the year by tweeting", "...,
    adding that"). Subjects for which ``skip`` is true (inside a quotation, say) are
    passed over. When the verb borrowed from is itself the content clause of another
    reporting verb (``cues``: the indices of the cue heads), the borrowed subject is that
    verb's: in "Trump insisted that he has expanded the party, claiming that ...", and
    "She said she admires him and highlighted ...", the one who claims and highlights is
    the one who insisted or said. A participle that modifies a noun with no subject to
    borrow ("*polls* showing that ...", "*ads* attacking the governor") is the noun's.
    A verb with no subject of its own and none to borrow takes the speaker the parser
    stranded before it (:func:`stranded_subject`). A passive verb's agent ("it was
    announced *by the ministry* that") is its speaker (:func:`passive_agent`); the subject
    of a passive verb speaks only for an adjunct verb that hangs on it ("Romer *was
    sidelined* after demonstrating that ...": Romer demonstrates), when no agent is named,
    and for a finite verb conjoined to it ("Trump *was forced* into damage control *and
    said* that ...": Trump says), agent or not.
    """
    if (agent := passive_agent(verb)) is not None:
        return agent
    subjectless = not any(child.dep_ in _SUBJECTS for child in verb.children)
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is not None and before.head.i == verb.i and subjectless:
        if verb.pos_ in ("NOUN", "PROPN") or (before.dep_ == "compound" and before.pos_ in ("NOUN", "PROPN")):
            return before  # "Trump claims that", "Trump maintains that": the subject read as a compound
    if subjectless and (subject := _root_subject(verb)) is not None:
        return subject
    found = _subject_token(verb, skip, cues)
    if found is None and subjectless:
        return stranded_subject(verb)
    return found


def _root_subject(verb: Token) -> Token | None:
    """The subject of a main verb the parser read as a participle on it: "Two analysts *found* in 2014 that".

    The tagger takes a past tense for a participle ("A Quinnipiac poll *found* last week
    that ...", "Beruff, a Scott ally, *called* the standards strong") and the parser hangs it
    on the noun before it, which is left the root of the sentence: a sentence has a verb,
    so the noun is the verb's subject. A noun that has a verb of its own ("the plan
    *proposed* last week would fail") keeps the participle as its modifier.
    """
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or noun.dep_ != "ROOT" or noun.i > verb.i:
        return None
    if noun.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "agent" for c in verb.children):
        return None
    return noun


def agent_of(verb: Token, kinds: frozenset[str] | None = None) -> Token | None:
    """The object of a passive verb's "by" ("as reported *by the Times*"), or ``None``.

    ``kinds``: the parts of speech the object may have (any, by default).
    """
    for child in verb.children:
        if child.dep_ == "agent" and child.i > verb.i:
            return next((c for c in child.children if c.dep_ == "pobj" and (kinds is None or c.pos_ in kinds)), None)
    return None


def passive_agent(verb: Token) -> Token | None:
    """The agent of a passive cue: "it was announced *by the ministry* that ...".

    The object of "by" after a passive verb ("was told by aides", "a plan endorsed by the
    board"), a noun or pronoun, is the one who speaks; the passive subject never is.
    """
    return agent_of(verb, _AGENT_KINDS)


def _subject_token(verb: Token, skip: "Callable[[Token], bool] | None", cues: frozenset[int]) -> Token | None:
    current = verb
    noun = None  # "polls showing that ...": the noun a participle modifies, when no subject is found
    adjunct = False  # climbed from an adverbial clause or a preposition's verb ("after saying")
    conjoined = False  # climbed from a finite verb conjoined to this one ("was forced out and said")
    for _ in range(4):
        if (participle := _participle_subject(current)) is not None:
            return participle
        # "Romer was sidelined after demonstrating that": a passive verb's subject is the
        # subject of an adjunct verb that hangs on it, when no agent ("by X") is named.
        # "Trump was forced into damage control and said that X": a finite verb conjoined
        # to a passive one shares its subject, whether or not an agent is named.
        passive = _misread_perfect(current) or (adjunct and passive_agent(current) is None) or conjoined
        for child in _subjects_nearest_first(current):
            if child.dep_ in _SUBJECTS and (child.dep_ != "nsubjpass" or passive) and not (skip and skip(child)):
                if child.lower_ in word_set("claims.relative_pronouns") and current.dep_ == "relcl":
                    return _issuer(current.head) or current.head
                if child.pos_ in ("VERB", "AUX", "SCONJ"):
                    return noun
                if current.i != verb.i and current.dep_ == "ccomp" and current.head.i in cues:
                    return speaker_token(current.head, skip) or child
                return _past_dateline(child)
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            return noun
        if current.dep_ == "acl" and current.tag_ != "VBG":
            return noun
        if current.dep_ == "advcl" and current.tag_ not in ("VBG", "VB"):
            return noun
        if (controller := _object_controller(current) or _passive_controller(current, skip)) is not None:
            return controller
        if current.dep_ == "acl" and noun is None and current.head.pos_ in ("NOUN", "PROPN"):
            noun = current.head
            if noun.dep_ in ("dobj", "pobj"):  # "Ruiz released a statement saying", "in an article stating"
                current = noun
        adjunct = current.dep_ in ("advcl", "pcomp")
        conjoined = current.dep_ == "conj" and current.tag_ in ("VBD", "VBZ", "VBP")
        current = current.head
        if current.dep_ == "prep" or current.pos_ == "ADP":
            current = _past_preposition(current.head)
    return noun


def _past_preposition(head: Token) -> Token:
    """The verb a preposition's phrase hangs on, past the words that only lengthen the preposition.

    "refused to discuss it, *aside* from saying X", "*In addition* to stating X": the adverb
    or noun (``claims.preposition_words``) is part of the preposition, not the one who speaks.
    """
    if head.lower_ in word_set("claims.preposition_words") and head.dep_ in ("advmod", "pobj") and head.head.i != head.i:
        head = head.head
        return head.head if head.dep_ == "prep" and head.head.i != head.i else head
    return head


#: The dashes that end a dateline ("BOISE, Idaho (AP) — ...").
_DASHES = frozenset({"-", "–", "—", "--"})


def _subjects_nearest_first(verb: Token) -> list[Token]:
    """``verb``'s children, its subjects before it nearest first: "The week before, Holt was blunt".

    The parser may give a verb a second subject: a phrase of time or place that opens the
    sentence ("The week before, at a fair, Ms. Holt was ...", "Speaking in Keene, New
    Hampshire, Varga went after ..."), or a dateline ("Boise (AFP) – Mayor Ortiz has ...").
    The subject next to the verb is its own.
    """
    children = list(verb.children)
    before = [c for c in children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if len(before) < 2 or not all(_opens_sentence(c, n) for c, n in zip(before, before[1:])):
        return children
    return sorted(before, key=lambda c: -c.i) + [c for c in children if c not in before]


def _opens_sentence(subject: Token, following: Token) -> bool:
    """Whether ``subject`` is a time, a place or a dateline before the subject ``following``."""
    if subject.ent_type_ in _NOT_SPEAKERS:
        return True
    return _dash_between(subject, following)


def _dash_between(first: Token, second: Token) -> bool:
    """Whether ``first`` opens its sentence and one dash ends it before ``second`` ("Boise (AFP) – Mayor").

    Two dashes set off an aside ("A former senator -- John Lake, who ... -- said"), not a
    dateline; a dash inside a word ("D-Del.") has no space before it.
    """
    doc = first.doc
    start = first.left_edge.i
    if start != first.sent.start and not doc[start - 1].is_space:
        return False
    dashes = [t for t in doc[first.i + 1 : second.i] if t.text in _DASHES and doc[t.i - 1].whitespace_]
    return len(dashes) == 1


def _past_dateline(subject: Token) -> Token:
    """The name in apposition after a dateline the parser made the subject: "DOVER, Del. - Sen. Ruth Okafor".

    A place that opens its sentence and is followed by a dash is a dateline; the name the
    parser hung on it after the dash is the subject.
    """
    if subject.ent_type_ not in ("GPE", "LOC") and not subject.is_upper:
        return subject
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
            if _dash_between(subject, child):
                return child
    return subject


def _issuer(noun: Token) -> Token | None:
    """Who put out the thing a relative clause's cue speaks for: "Ruiz *released* a video that says".

    The object of a verb of ``claims.issuing_verbs`` (a common noun, "a video", "a
    statement") speaks for its subject, as a participle on it does ("released a video
    saying"); the subject's own relative pronoun gives way to its noun ("Ruiz, who issued a
    statement that said").
    """
    verb = noun.head
    if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or verb.lemma_.lower() not in word_set("claims.issuing_verbs"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if subject is not None and subject.lower_ in word_set("claims.relative_pronouns") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _object_controller(verb: Token) -> Token | None:
    """The object that is the subject of an infinitive: "the news *led Republicans* to say".

    After the verbs of ``claims.causatives`` ("led", "prompted"), the one who speaks is
    the object, not the cause in subject position. A request ("urged voters to see") is
    the requester's, and a means ("used the speech to call for") the user's: they keep
    the subject.
    """
    if verb.dep_ != "xcomp" or not to_infinitive(verb):
        return None
    if verb.head.lemma_.lower() not in word_set("claims.causatives"):
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    if not objects or objects[0].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return objects[0]


def _passive_controller(verb: Token, skip: "Callable[[Token], bool] | None") -> Token | None:
    """The passive subject that controls a complement: "Others *could be heard* calling friends".

    The subject of a passive verb ("was prompted to say", "could be heard calling
    friends to say") is the one who does what its complement says, unless an agent
    ("by the host") is named.
    """
    if verb.dep_ != "xcomp" or any(c.dep_ == "agent" for c in verb.head.children):
        return None
    for child in verb.head.children:
        if child.dep_ == "nsubjpass" and child.i < verb.i and child.pos_ in ("NOUN", "PROPN", "PRON"):
            if not (skip and skip(child)) and child.lower_ not in ("it", "there"):
                return child
    return None


def _misread_perfect(verb: Token) -> bool:
    """Whether a passive reading of ``verb`` is a contracted perfect: "He's said he will run".

    The parser takes "'s" for "is" and the subject for a passive one; a verb with a
    finite clause of its own ("said he will run", not "is said to be") and no agent
    speaks in the active voice.
    """
    if not any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in verb.children):
        return False
    if any(c.dep_ == "agent" or (c.dep_ == "nsubjpass" and c.lower_ == "it") for c in verb.children):
        return False
    return any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children)


def _participle_subject(verb: Token) -> Token | None:
    """The subject the parser gave a participle that modifies it: "Majorities of voters *going* to the polls say".

    When a noun is followed by a participle phrase, the parser may make the noun the
    participle's subject and the participle the verb's clausal subject (or the verb a
    loose dependent of the participle); the noun is the speaker.
    """
    participles = [c for c in verb.children if c.dep_ == "csubj" and c.i < verb.i]
    if verb.dep_ == "dep" and verb.head.i < verb.i:
        participles.append(verb.head)
    for participle in participles:
        if participle.tag_ not in ("VBG", "VBN"):
            continue
        for child in participle.children:
            if child.dep_ == "nsubj" and child.i < participle.i and child.pos_ in ("NOUN", "PROPN", "NUM"):
                return child
    return None


#: Words that may stand between a stranded subject and its verb ("Skelly also vouched", "have said").
_BETWEEN = frozenset({"aux", "neg", "advmod"})
#: Roles the parser gives a subject it strands inside the phrase before the verb.
_STRANDED = frozenset({"appos", "conj", "dep", "advmod", "npadvmod", "pobj"})


def stranded_subject(verb: Token) -> Token | None:
    """The speaker a parser left inside the phrase before a finite verb that has no subject.

    "At the rally in Ohio, Jane Roe, a retired nurse, said that ...": the parser may read
    the speaker as an apposition of the opening phrase's noun, or as an adverb of the verb
    ("But Bill Skelly vouched for ..."). The noun phrase that ends just before the verb
    (past its auxiliaries, adverbs, and an apposition between commas) is the speaker, when
    it is a name or a noun the parser gave no subject-like role of its own.
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" and c.tag_ != "TO" for c in verb.children):
        return None  # "to say", "hoped to have": an infinitive's subject is another verb's
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].head.i == verb.i and doc[i].dep_ in _BETWEEN:
        i -= 1
    if i < 0:
        return None
    token = doc[i]
    apposed = None
    if token.text == ",":
        apposed = _apposition_before(doc, i)
        if apposed is None:
            return None
        token = doc[apposed.start - 2]
    while token.dep_ in ("compound", "amod", "det", "nummod", "poss") and token.head.i > token.i:
        token = token.head
    while token.dep_ == "pobj" and token.head.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") and token.head.head.i < token.i:
        token = token.head.head  # "sources privy to negotiations", "two-thirds of those": the phrase's head
        while token.dep_ == "amod" and token.head.i < token.i:
            token = token.head
    if token.pos_ not in ("PROPN", "NOUN", "NUM"):
        return None
    # "Jeffrey Salkin, a Florida rabbi helping ..., said": a word of the apposition read as a
    # verb takes the name as its subject.
    taken = apposed is not None and token.dep_ == "nsubj" and apposed.start <= token.head.i < apposed.end
    if token.dep_ not in _STRANDED and not taken:
        return None
    if token.ent_type_ in _NOT_SPEAKERS or token.like_num:
        return None
    if token.right_edge.i >= verb.i or token.sent != verb.sent:
        return None
    return token


#: The most commas an apposition between a stranded subject and its verb holds ("a Dayton, Ohio, pastor").
_APPOSITION_COMMAS = 3


def _apposition_before(doc: Doc, comma: int) -> Span | None:
    """The apposition that ends at the comma ``comma``, between the speaker and the verb.

    "Jane Roe, a retired nurse, said": the words since the comma before are an
    apposition. A longer one holds commas of its own ("Jon Vale, a Dayton,
    Ohio, pastor helping to run the food drive, said"): then it opens with an article
    ("a", "an", "the") after a name.
    """
    j = comma - 1
    for n in range(_APPOSITION_COMMAS):
        while j >= 0 and doc[j].text != "," and not doc[j].is_sent_start:
            j -= 1
        if j < 1 or doc[j].text != ",":
            return None
        apposed = doc[j + 1 : comma]
        if len(apposed) and n == 0 and apposed.root.dep_ == "appos":
            return apposed
        if len(apposed) and apposed[0].lower_ in ("a", "an", "the") and doc[j - 1].pos_ == "PROPN":
            return apposed
        j -= 1
    return None


def inverted_speaker(verb: Token) -> Token | None:
    """The speaker after the verb when the parser gave it no subject role.

    After a quotation ("“...,” said Skelly"), or after a comma when the speaker ends the
    sentence ("Perhaps next spring, replied a company engineer.").
    """
    doc = verb.doc
    before = verb.i - 1
    while before >= 0 and (doc[before].text in (",",) or doc[before].is_space):
        before -= 1
    if before < 0:
        return None
    unquoted = not doc[before].is_quote
    if unquoted and doc[verb.i - 1].text != ",":
        return None
    after = verb.i + 1
    if after < len(doc) and (doc[after].pos_ in ("PROPN", "NOUN", "DET") or _misread_name(doc[after])):
        token = doc[after]
        while token.dep_ in ("compound", "det", "amod") and token.head.i > token.i:
            token = token.head
        if unquoted:
            following = token.right_edge.i + 1
            if token.head.i != verb.i or not (following >= len(doc) or doc[following].text in (",", ".")):
                return None
        return token
    return None


def _misread_name(token: Token) -> bool:
    """A capitalised word the tagger read as an adverb: a name ending in "-ly" ("said Skelly.").

    An adverb after the verb is capitalised only when it is a name; a word that ends its
    sentence or stands before a comma is no title of a longer phrase ("said Early voting ...").
    """
    following = token.i + 1
    return (
        token.pos_ == "ADV"
        and token.is_title
        and (following >= len(token.doc) or token.doc[following].text in (",", "."))
    )


#: The most words a speaker standing bare between a quotation and its verb has ("Salem fire Chief Ana Ortiz").
_NAMED_WORDS = 6
#: Parts of speech of such a speaker's words; a word of a name the tagger misread must be in an entity.
_NAMED_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET"})


def named_before(verb: Token) -> Span | None:
    """The speaker between a closing quotation mark and ``verb`` when the parser lost it.

    "“...,” Salem fire Chief Ana Ortiz said Monday.": the tagger may read the first
    word as a verb and give ``verb`` no subject, or a title as punctuation and cut the
    subject short ("Toledo fire Capt. Ada Brook"). The words between the quotation's
    closing mark (and its comma) and the verb are the speaker when they are a short run
    of capitalised words and nouns, ending in a name or a noun; the speaker's age may
    stand between them and the verb ("“...,” Ramos, 58, told AFP").
    """
    doc = verb.doc
    end = verb.i
    if end >= 3 and doc[end - 1].text == "," and doc[end - 2].like_num and doc[end - 3].text == ",":
        end -= 3  # "“...,” Ramos, 58, told AFP": the speaker's age stands between name and verb
    start = end
    while start > 0 and end - start < _NAMED_WORDS and not (doc[start - 1].is_punct or doc[start - 1].is_space):
        start -= 1
    if start == end or start == 0 or not doc[start - 1].is_quote or doc[start - 1].is_left_punct:
        return None
    words = doc[start:end]
    if not words[0].text[:1].isupper() or words[-1].pos_ not in ("PROPN", "NOUN"):
        return None
    if any(not (t.text[:1].isupper() or t.pos_ == "NOUN") for t in words):
        return None  # "“...” and then he said": words of a sentence, not a name
    if any(t.pos_ not in _NAMED_POS and not t.ent_type_ for t in words):
        return None  # "“...” Then Ruiz said": an adverb opens a sentence, it names no one
    return words


def object_of_preposition(head: Token) -> Token | None:
    """The object of "according to" and its like: the ``pobj`` under ``head``'s subtree."""
    for token in head.children:
        if token.dep_ == "pobj":
            return token
    for token in head.subtree:
        if token.dep_ == "pobj" and token.i > head.i:
            return token
    return None


def with_issuer(noun: Token, phrase: Span) -> Span:
    """``phrase`` (``noun``'s) up to the "by" phrase that names who made it: "a tally *by the AP*".

    After "according to", a thing ("an analysis", "audio provided by the station", "a
    document filed by the county attorney") speaks for whoever made it, and the speaker's
    phrase keeps that maker, whether the "by" hangs on the noun or on a participle after it.
    """
    for child in noun.children:
        if child.i < phrase.end:
            continue
        maker = child if child.dep_ == "prep" and child.lower_ == "by" else None
        if child.dep_ == "acl" and child.tag_ == "VBN":
            maker = next((c for c in child.children if c.dep_ == "agent"), None)
        objects = [] if maker is None else [c for c in maker.children if c.dep_ == "pobj"]
        if objects:
            end = noun_phrase(objects[0]).end
            return noun.doc[phrase.start : max(end, phrase.end)]
    return phrase
