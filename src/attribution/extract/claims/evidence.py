"""Polls, surveys, studies and records as the sources of what they show.

Two shapes of the parse make a claim whose source is a document of evidence:

* "in" and a poll on a clause: "Trump leads Cruz by 9 points *in the RealClearPolitics
  average of recent polls*", "*In the CBS poll*, Trump's lead remained in double digits".
  The object of "in" is a noun of the word set ``claims.poll_nouns`` and the phrase hangs
  on a clause with a subject of its own that reports nothing itself ("*In a statement*,
  the mayor said ..." is a medium of "said"). The cue is "in", the source the poll's
  phrase, the content the clause without the phrase (:meth:`EvidenceFinder.polls`). A
  poll that opens the sentence reports the counts of its respondents too: "*In the
  survey*, 40 percent said X and 30 percent said Y" is the survey's claim, the rest of the
  sentence, and each count's own claim nests inside it;
* an evidence verb with a small clause: "polls in the state *show him with a big lead*",
  "leaked emails *showed DNC staff favoring Hillary Clinton*", "the survey *finds Clinton
  with only a small lead*". The verb is one of ``claims.evidence_verbs``, its subject
  (or the noun its participle modifies, "polls *showing* her well behind") a noun of
  ``claims.evidence_nouns``, and its object has a predicate of its own: a participle
  ("staff *favoring* ...", "him *trailing* Trump"), an adverb ("Clinton *up* by 10
  points", "Cruz 16 points *ahead* of Trump"), or, for a named party, a phrase ("him
  *with a big lead*", "Rubio *in third* at 11 percent"). The object and its predicate are
  the content (:meth:`EvidenceFinder.shown`). A bare object ("the data show *a decline*",
  "records show *Mr. Green*") stays no claim, as for every cue. The verbs of
  ``claims.evidence_holders``, which are no reporting cues, make the same claim after an
  evidence subject: "the poll *has him at 4 percent*", "*puts* his approval *at 49
  percent*", "*gives* Clinton a 30-point lead" (:meth:`EvidenceFinder.held`); a phrase
  with a figure ("at 49 percent") is a predicate whatever the object.

Both claims are indirect (mixed when they quote) and name no medium of their own: the
poll is the source, a document (``roles`` kind ``document``), and the sources step gives
its claims to the issuer it names, with the medium of the ``documents`` lexicon ("a poll
*by Quinnipiac*" makes Quinnipiac the source and "poll" the medium), as for "according to
a release from the Commission" (see :mod:`attribution.extract.sources.documents`).
"""

from collections.abc import Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token
from spacy.vocab import Vocab

from .._doctext import doc_text
from ..lexicon import word_set
from ..matching import TokenScan
from ..syntax import noun_phrase
from .cues import ReportingCue
from .finders import speaker_draft
from .quotes import Quote
from .spans import Draft, in_quote, snap, trim
from .speakers import speaker_token

__all__ = ["EvidenceFinder"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
#: Dependents of a clause that are no part of what a poll in it shows.
_OUTSIDE = frozenset({"parataxis", "punct", "cc"})
#: Dependents after a small clause's predicate that end it ("..., and X", "..., he said").
_AFTER = frozenset({"conj", "cc", "punct", "parataxis", "advcl", "dep", "ccomp", "mark"})
#: Relations by which a predicate follows the object on the verb ("show him *trailing*").
_VERB_PREDICATES = frozenset({"xcomp", "oprd", "acomp", "advmod", "prt"})
#: Relations by which a predicate hangs on the object itself ("staff *favoring*").
_OBJECT_PREDICATES = frozenset({"acl", "advmod", "amod"})
_PARTICIPLES = frozenset({"VBG", "VBN"})
#: Relations of a clause that modifies a noun or another clause.
_MODIFYING = frozenset({"relcl", "acl", "advcl"})
_MIN_PART = 8
#: Relations by which a noun after its verb belongs to the verb's phrase: its object, or a
#: preposition's object in it ("a lead *over Obama* among voters").
_OBJECT_CHAIN = frozenset({"dobj", "pobj", "prep", "attr"})


class EvidenceFinder:
    """Finds claims whose source is a poll, survey, study or record (see the module docstring).

    Args:
        vocab: The pipeline's vocabulary.
        classes: The cue classes in use; by default all. Without ``evidence`` among them,
            "in <poll>" makes no claim (an evidence verb is then no cue to begin with).
    """

    def __init__(self, vocab: Vocab, *, classes: Iterable[str] | None = None) -> None:
        self.active = classes is None or "evidence" in classes
        self.poll_nouns = word_set("claims.poll_nouns")
        self.evidence_nouns = word_set("claims.evidence_nouns")
        self.evidence_verbs = word_set("claims.evidence_verbs")
        self.holders = word_set("claims.evidence_holders")
        self.parties = word_set("claims.singular_pronouns") | word_set("claims.plural_pronouns")
        self._polls = TokenScan(vocab, [[{"LEMMA": {"IN": sorted(self.poll_nouns)}, "POS": "NOUN"}]])
        self._holders = TokenScan(vocab, [[{"LEMMA": {"IN": sorted(self.holders)}, "POS": {"IN": ["VERB", "AUX"]}}]])

    def polls(self, doc: Doc, quotes: list[Quote], cues: frozenset[int]) -> list[Draft]:
        """The claims of "in <poll>" phrases on clauses that report nothing themselves.

        ``cues`` are the heads of the document's reporting cues: a clause headed by one
        is a statement, and the poll only where it was made.
        """
        drafts: list[Draft] = []
        for index in self._polls(doc) if self.active else ():
            noun = doc[index]
            prep = noun.head
            if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "in" or in_quote(prep.idx, quotes):
                continue
            clause = _clause(prep.head)
            if clause is None:
                continue
            reports = clause.i in cues or prep.head.i in cues  # "In the survey, 40 percent said X"
            answers = _answers(clause, prep, cues) if reports else None
            if reports and answers is None:
                continue
            speaker = noun_phrase(noun)
            if _own(speaker):
                continue  # "in a poll of his own making": the subject's doing, not a source
            if not _identified(noun, speaker, prep, clause):
                continue  # "Sanders rose in the polls": a standing, not what a poll shows
            cue = ReportingCue(head=prep.i, start=prep.i, end=prep.i + 1, role="source_prep", lemma="in", cls="evidence")
            parts = _without(doc, clause, prep, quotes, cues) if answers is None else [snap(*answers, quotes)]
            draft = speaker_draft(speaker, parts, cue, how="according", cue_char=prep.idx)
            if draft is not None:
                drafts.append(draft)
        return drafts

    def shown(self, doc: Doc, cue: ReportingCue, quotes: list[Quote], cues: frozenset[int]) -> Draft | None:
        """The small clause an evidence verb's object makes ("polls show *him with a big lead*"), or ``None``.

        ``cues`` are the heads of the document's reporting cues (see
        :func:`~attribution.extract.claims.speakers.speaker_token`).
        """
        if doc[cue.head].lemma_.lower() not in self.evidence_verbs:
            return None
        return self._small_clause(doc, cue, quotes, cues)

    def held(self, doc: Doc, quotes: list[Quote], cues: frozenset[int]) -> list[Draft]:
        """The small clauses of the verbs of ``claims.evidence_holders`` after an evidence subject
        ("the poll *has* him at 4 percent", "*puts* his approval at 49 percent", "*gives* Clinton
        a 30-point lead"). These verbs are no reporting cues; here they report what the poll holds."""
        drafts = []
        for index in self._holders(doc) if self.active else ():
            if index in cues:
                continue
            verb = doc[index]
            cue = ReportingCue(head=index, start=index, end=index + 1, role="verb", lemma=verb.lemma_.lower(), cls="evidence")
            draft = self._small_clause(doc, cue, quotes, cues)
            if draft is not None:
                drafts.append(draft)
        return drafts

    def _small_clause(self, doc: Doc, cue: ReportingCue, quotes: list[Quote], cues: frozenset[int]) -> Draft | None:
        head = doc[cue.head]
        who = speaker_token(head, skip=lambda t: in_quote(t.idx, quotes), cues=cues)
        if who is None or who.lemma_.lower() not in self.evidence_nouns:
            return None
        if who.pos_ != "NOUN" or in_quote(head.idx, quotes):
            return None
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative") and c.i > head.i), None)
        if obj is None:  # "has Clinton leading Trump": the parser makes the small clause a clause
            obj = next((c for c in head.children if c.i > head.i and _participle_clause(c)), None)
            predicate = obj
        elif obj.pos_ not in ("NOUN", "PROPN", "PRON") or (obj.pos_ == "PRON" and obj.lower_ not in self.parties):
            return None
        else:
            predicate = self._predicate(head, obj)
        if obj is None or predicate is None:
            return None
        last = max(obj.right_edge.i, predicate.right_edge.i)
        for later in head.children:  # "showed Rubio in third *at 11 percent*, *followed by* Kasich"
            after_comma = later.left_edge.i > 0 and doc[later.left_edge.i - 1].text == ","
            if later.i > last and (_participle(later) or not (after_comma or later.dep_ in _AFTER)):
                last = later.right_edge.i
        start, end = trim(doc_text(doc), obj.left_edge.idx, doc[last].idx + len(doc[last]))
        if end - start < _MIN_PART:
            return None
        return speaker_draft(noun_phrase(who), [snap(start, end, quotes)], cue, how="object", cue_char=head.idx)

    def _predicate(self, head: Token, obj: Token) -> Token | None:
        """What the object is or does: a participle, an adverb, or a phrase after a named party."""
        for child in obj.children:
            if child.i > obj.i and child.dep_ in _OBJECT_PREDICATES and (child.tag_ in _PARTICIPLES or child.pos_ == "ADV"):
                return child  # "DNC staff *favoring* Hillary Clinton"
        phrases = [obj, *(c for c in head.children if c.i > obj.i and c.dep_ == "prep")]
        for phrase in phrases:  # "aides to the governor *favoring* the river route"
            for token in phrase.subtree:
                if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
                    return token
        for child in head.children:
            if child.i > obj.i and child.dep_ in _VERB_PREDICATES:
                return child  # "him *trailing* Trump", "Clinton *up* by 10 points"
        for child in head.children:
            if child.i > obj.i and child.dep_ == "prep" and (_party(obj, self.parties) or _figure(child)):
                return child  # "him *with* a big lead", "Sanders *within* two points", "his support *at 5 percent*"
            if obj.dep_ == "dative" and child.i > obj.i and child.dep_ == "dobj":
                return child  # "gives Clinton *a 30-point lead*"
        return None


def _clause(governor: Token) -> Token | None:
    """The clause ``governor`` belongs to, when it has a subject of its own: ``governor``, or
    the verb whose open complement it is ("Clinton continues *to lead* in polls"), or the
    verb whose object ``governor`` is or holds ("Cruz had 38 percent *support* in a Fox poll",
    "entered the debate with a growing *lead* in the latest poll")."""
    current = governor
    for _ in range(3):  # up the object's phrase to its verb
        if current.pos_ not in ("NOUN", "PROPN", "NUM", "ADP") or current.dep_ not in _OBJECT_CHAIN:
            break
        current = current.head
    for _ in range(3):
        if current.pos_ not in ("VERB", "AUX"):
            return None
        if any(c.dep_ in _SUBJECTS for c in current.children):
            # "Sanders, who leads in the polls", "as he rises in the polls": a clause that
            # describes a noun or says when is the narrator's, not what the poll shows.
            return current if current.dep_ not in _MODIFYING else None
        if current.dep_ != "xcomp" or current.head.i == current.i:
            return None
        current = current.head
    return None


def _answers(clause: Token, prep: Token, cues: frozenset[int]) -> tuple[int, int] | None:
    """What the respondents a poll counts said, when the poll opens the sentence: "*In a poll
    released Monday*, 40 percent of voters said X, and 30 percent said Y" (``clause``, a cue,
    heads the sentence; ``prep``, "in", opens it). The poll reports the whole count, the rest of
    the sentence, as "according to a poll, 40 percent said X" does; the respondents' own claims
    nest inside it. A subject without a number ("voters said") is no count, and no claim of the
    poll's. A credit after the count ("..., the paper reported", "..., according to X";
    ``cues``: the heads of all cues) is not the poll's."""
    sentence = clause.sent
    root = sentence.root
    count = _count(clause)
    if prep.head.i != clause.i or count is None:
        return None
    if clause.i != root.i and not (clause.dep_ == "ccomp" and clause.head.i == root.i > clause.i):
        return None
    if any(not (t.is_space or t.is_punct or t.dep_ in ("cc", "advmod")) for t in clause.doc[sentence.start : prep.i]):
        return None
    if count.left_edge.i <= prep.right_edge.i:
        return None
    # The parser may make the first count the clause of the next ("... said X; 1 percent said Y"):
    # the rest of the sentence goes on counting; a root of another subject credits the count.
    last = clause.right_edge if clause.i != root.i and _count(root) is None else root.right_edge
    credits = [c for c in root.children if c.i > clause.i and c.i in cues and c.dep_ not in ("conj", "ccomp")]
    if credits:
        last = clause.doc[min(c.left_edge.i for c in credits) - 1]
    start, end = trim(doc_text(clause.doc), count.left_edge.idx, last.idx + len(last))
    return (start, end) if end - start >= _MIN_PART else None


def _count(verb: Token) -> Token | None:
    """The subject of ``verb`` when it holds a number ("40 percent of voters", "62%"), else ``None``."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or not any(t.like_num or t.text == "%" for t in subject.subtree):
        return None
    return subject


def _participle(token: Token) -> bool:
    """Whether ``token`` is a participle clause that goes on describing the object ("..., *earning* 51 percent")."""
    return token.dep_ == "advcl" and token.tag_ in _PARTICIPLES and not any(c.dep_ == "mark" for c in token.children)


def _identified(noun: Token, phrase: SpacySpan, prep: Token, clause: Token) -> bool:
    """Whether a poll phrase names a poll: one poll ("a new Fox News poll"), polls named by a
    name ("polls *from Quinnipiac*", "polls *in Florida*"), or polls that open the clause
    ("*In exit polls*, voters ..."). Polls in general ("rose *in the polls*", "ahead *in
    national polls*") are a standing, which the narrator reports."""
    if noun.tag_ != "NNS":
        return True
    if any(t.pos_ == "PROPN" for t in phrase):
        return True
    before = prep.doc[clause.left_edge.i : prep.i]
    return all(t.dep_ in ("cc", "punct", "advmod") for t in before)  # "But in the latest polls, ..."


def _participle_clause(token: Token) -> bool:
    """Whether ``token`` heads a participle with a subject of its own, a clause the parser made of
    a small clause ("has *Clinton leading* Trump")."""
    return (
        token.dep_ in ("ccomp", "xcomp")
        and token.tag_ in _PARTICIPLES
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i for c in token.children)
    )


def _figure(prep: Token) -> bool:
    """Whether ``prep`` gives a figure: its object is or counts a number ("*at 49.5 percent*")."""
    return any(c.dep_ == "pobj" and (c.pos_ == "NUM" or any(g.dep_ == "nummod" for g in c.children)) for c in prep.children)


def _own(phrase: SpacySpan) -> bool:
    """Whether a poll phrase says the poll is someone's own doing ("a poll *of his own* making")."""
    return any(t.lower_ == "own" for t in phrase)


def _party(token: Token, pronouns: frozenset[str]) -> bool:
    """Whether ``token`` names a party: a name, or a personal pronoun of ``pronouns``."""
    if token.pos_ == "PRON":
        return token.lower_ in pronouns
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _without(
    doc: Doc, clause: Token, prep: Token, quotes: list[Quote], cues: frozenset[int]
) -> list[tuple[int, int]]:
    """The clause's words before and after the "in" phrase, as one or two parts.

    A clause conjoined to it that reports something (``cues``: "..., but simple math
    *shows* ...") is a claim of its own and ends the content.
    """
    kept = [c for c in clause.children if c.dep_ not in _OUTSIDE and c.i != prep.i]
    stop = min((c.left_edge.i for c in kept if c.i in cues and c.i > clause.i), default=None)
    if stop is not None:
        kept = [c for c in kept if c.right_edge.i < stop]
    subjects = [c for c in kept if c.dep_ in _SUBJECTS and c.i < clause.i]
    if subjects:  # "In his best showing to date, *Trump* won ...": the framing before the subject is the narrator's
        kept = [c for c in kept if c.i > clause.i or c.left_edge.i >= subjects[0].left_edge.i]
    first = min([clause.i, *(c.left_edge.i for c in kept if c.i < clause.i)])
    last = max([clause.i, *(c.right_edge.i for c in kept if c.i > clause.i)])
    if prep.head.i != clause.i:  # the phrase hangs on an open complement: cut its subtree out
        first = min(first, prep.left_edge.i)
        last = max(last, prep.right_edge.i)
    text = doc_text(doc)
    sides = [
        trim(text, doc[first].idx, prep.left_edge.idx),
        trim(text, prep.right_edge.idx + len(prep.right_edge), doc[last].idx + len(doc[last])),
    ]
    return [snap(s, e, quotes) for s, e in sides if e - s >= _MIN_PART]
