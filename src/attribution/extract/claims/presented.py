"""Verbs that present their object in quoted words: "hailed the deal *as “a lifeline”*".

Private to the claims step (:mod:`attribution.extract.claims.step`), which asks these after
its cues, for quotations no cue has made a claim of:

* "The mayor hailed the harbor deal as “a lifeline”", "Marsh referred to the bridge as “a
  monument to waste”", "the union summed up the offer as “an insult”": the verb's subject
  gives its object a name or a verdict in someone's own words, and the object with its
  quoted "as" phrase is what the subject said of it (PolNeAR marks the object and the
  phrase). The verb need not be a reporting verb: the quotation after "as" says that these
  are words, and whose. So any verb counts whose object (a noun after it, or the object of
  a preposition right after it: "referred *to* X as", "went *after* X as") an "as" phrase
  follows, with no comma between, that opens with a quotation ("as “...”", "as a “...”"),
  in one sentence, when the verb has a subject of its own (:func:`presented_as`). The
  content runs on over what completes the verb after the phrase ("as “fantastic” *for the
  town*", "as “false,” *compared to 11 percent of hers*"), but not over a clause conjoined
  to the verb nor a relative clause set off after the quotation ('as “Spanish,” *which is
  what ...*': the writer's aside);
* "the engineer blamed the flooding on “years of neglect”": "on" or "to" for "as" after a verb of
  the word set ``claims.attributing_verbs`` ("blame", "credit", "attribute");
* "Japan branded the rival port an “outlaw harbor”", "the union labeled the offer “an
  insult”": a naming verb (word set ``claims.naming_verbs``) that the reporting lexicon lacks
  names its object in the quoted words after it, as the cue "called" does
  (:func:`named_outside`).

Neither makes a claim of "such as “...”" (examples), of a negated verb ("did not describe
it as"), of a passive ("was labeled “Mostly True”": no one named), nor of a verb inside
another claim's content: PolNeAR rarely marks such a nested claim of its own. Only the
quotations of a document are looked at, and the few words before each, so the cost is
that of the quotations a text has.
"""

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .._doctext import doc_text
from ..lexicon import word_set
from ..syntax import noun_phrase
from .cues import ReportingCue
from .finders import speaker_draft
from .quotes import QUOTE_CHARACTERS, Quote
from .shapes import named_quotation
from .spans import Draft, in_quote, snap, trim
from .speakers import speaker_token

__all__ = ["named_outside", "presented_as"]

#: Articles that may stand between "as" and the quotation ("as a “breakthrough”").
_ARTICLES = frozenset({"a", "an", "the"})
#: How many words before a quotation a naming verb may stand ("branded *the rival port* “...”").
_NAMED_REACH = 12
#: Prepositions whose quoted phrase presents the object: "as" after any verb; "on" and "to"
#: after a verb of ``claims.attributing_verbs`` ("blamed the flood on “years of neglect”").
_PREPOSITIONS = frozenset({"as", "on", "to"})
#: Verbs that say nothing of their own.
_EMPTY_VERBS = frozenset({"have", "be", "do", "get"})


def presented_as(
    doc: Doc, quotes: list[Quote], drafts: Iterable[Draft], cues: frozenset[int] = frozenset()
) -> list[Draft]:
    """The claims of verbs that present their object as a quotation ("hailed X as “Y”").

    See the module's description for the shapes taken and left.

    Args:
        doc: The parsed document.
        quotes: Its top-level quotations.
        drafts: The drafts found so far: a verb that heads one gives no second claim.
        cues: The heads of the document's reporting cues (for the speaker, see
            :func:`~attribution.extract.claims.speakers.speaker_token`).
    """
    taken, spans = _taken(drafts)
    found = []
    for quote in quotes:
        prep = _as_before(doc, quote)
        if prep is None:
            continue
        verb, obj = _verb_and_object(prep)
        if verb is None or obj is None or verb.i in taken or any(c.dep_ == "neg" for c in verb.children):
            continue
        if prep.lower_ != "as" and verb.lemma_.lower() not in word_set("claims.attributing_verbs"):
            continue  # "on" and "to" only after "blamed X", "credited X"
        if not _presents(verb, obj, prep) or any(s <= verb.idx < e for s, e in spans):
            continue  # inside another claim's content: PolNeAR rarely marks such a claim of its own
        if quote.end > prep.sent.end_char + 1:
            continue  # the quotation runs on past the sentence: it is more than a name
        who = speaker_token(verb, skip=lambda t: in_quote(t.idx, quotes), cues=cues)
        if who is None or who.i > verb.i:
            continue
        last = _phrase_end(verb, prep)
        end = max(quote.end, last.idx + len(last))
        if _aside_after(doc, quote):
            end = quote.end  # 'as “Spanish,” which is what some call ...': the writer's aside
        start, end = trim(doc_text(doc), obj.left_edge.idx, end)
        if end <= start:
            continue
        particle = verb.i + 1 < len(doc) and doc[verb.i + 1].dep_ == "prt" and doc[verb.i + 1].head.i == verb.i
        cue = ReportingCue(
            head=verb.i,
            start=verb.i,
            end=verb.i + 2 if particle else verb.i + 1,
            role="verb",
            lemma=verb.lemma_.lower(),
            cls="speech",
            frames=("object",),
        )
        draft = speaker_draft(noun_phrase(who), [snap(start, end, quotes)], cue, how="object", cue_char=verb.idx)
        if draft is not None:
            taken.add(verb.i)
            found.append(draft)
    return found


def named_outside(
    doc: Doc, quotes: list[Quote], drafts: Iterable[Draft], cues: frozenset[int] = frozenset()
) -> list[Draft]:
    """The claims of naming verbs that are no reporting cues: "*branded* the port an “outlaw harbor”".

    A verb of the word set ``claims.naming_verbs`` that the reporting lexicon lacks ("brand",
    "dub", "label", "nickname") names its object in the quoted words that follow it, as
    "called both Trump and Clinton “crazy”" does (:func:`~attribution.extract.claims.shapes.named_quotation`
    finds the object and the quotation); the verb's subject is the speaker. A passive ("was
    labeled “Mostly True”") names no speaker and gives nothing.
    """
    naming = word_set("claims.naming_verbs")
    taken, spans = _taken(drafts)
    found = []
    for quote in quotes:
        mark = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if mark is None or len(mark) == 0:
            continue
        sentence = mark[0].sent
        for verb in doc[max(sentence.start, mark.start - _NAMED_REACH) : mark.start]:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in naming or verb.i in cues or verb.i in taken:
                continue
            if any(s <= verb.idx < e for s, e in spans):
                continue  # inside another claim's content, as for presented_as
            if verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
                continue  # "was labeled “Mostly True”": no one named
            span = named_quotation(doc, verb, quotes)
            who = speaker_token(verb, skip=lambda t: in_quote(t.idx, quotes), cues=cues) if span else None
            if span is None or who is None or who.i > verb.i:
                continue
            cue = ReportingCue(
                head=verb.i, start=verb.i, end=verb.i + 1, role="verb", lemma=verb.lemma_.lower(), cls="speech", frames=("object",)
            )
            draft = speaker_draft(noun_phrase(who), [trim(doc_text(doc), *span)], cue, how="object", cue_char=verb.idx)
            if draft is not None:
                taken.add(verb.i)
                found.append(draft)
    return found


def _taken(drafts: Iterable[Draft]) -> tuple[set[int], list[tuple[int, int]]]:
    """The cue heads of ``drafts`` (a verb that heads one gives no second claim) and their contents."""
    drafts = list(drafts)
    return {d.cue.head for d in drafts if d.cue is not None}, [part for d in drafts for part in d.parts]


def _phrase_end(verb: Token, prep: Token) -> Token:
    """The last word of the content: the "as" phrase and what completes the verb after it.

    The parser hangs a second name after "and" on the verb, as a conjunct or a second
    object ("as “shameful” and a “betrayal” of the town"): a noun or adjective there, right
    after the phrase, goes on with it. Then the verb's other words after it do ("*for his
    work*", "*compared to ...*"), but not a conjoined clause nor what the parser leaves
    unattached.
    """
    last = prep.right_edge
    for child in verb.children:
        if child.dep_ in ("conj", "dobj") and child.pos_ in ("NOUN", "PROPN", "ADJ") and child.i > last.i:
            between = child.doc[last.i + 1 : child.left_edge.i]
            if all(t.dep_ == "cc" or t.is_punct for t in between) and any(t.dep_ == "cc" for t in between):
                last = child.right_edge
    for child in verb.children:
        if child.i > last.i and child.dep_ not in ("conj", "cc", "punct", "parataxis", "dep"):
            last = child.right_edge
    return last


def _aside_after(doc: Doc, quote: Quote) -> bool:
    """Whether a relative clause set off by a comma follows the quotation ('“X,” which ...')."""
    text = doc_text(doc)
    if "," not in text[quote.end - 2 : quote.end + 1]:
        return False
    words = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    following = [t for t in doc[words.end : words.end + 3] if not t.is_punct and not t.is_space] if words else []
    return bool(following) and following[0].tag_ in ("WDT", "WP")


def _as_before(doc: Doc, quote: Quote) -> Token | None:
    """The preposition "as" that the quotation opens the phrase of ("as “...”", "as a “...”")."""
    mark = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    # The pairer has found the mark opens; the token must be the mark alone, or a doubled one
    # ("''little talks''"), not a word it leans on.
    if mark is None or len(mark) == 0 or mark[0].i == 0 or any(c not in QUOTE_CHARACTERS for c in mark[0].text):
        return None
    before = doc[mark[0].i - 1]
    if before.lower_ in _ARTICLES and before.i > 0:
        before = doc[before.i - 1]
    if before.lower_ not in _PREPOSITIONS or before.dep_ != "prep" or before.i == 0:
        return None
    if doc[before.i - 1].lower_ == "such":
        return None  # "words such as “...”": examples, not a name
    return before


def _verb_and_object(prep: Token) -> tuple[Token | None, Token | None]:
    """The verb whose object the "as" phrase presents, and that object.

    The parser hangs "as" on the verb, on its object, or on a noun inside the object ("the
    sale *of the old ferry* as ..."): from a noun, the object is the phrase the noun is part of.
    """
    head = prep.head
    if head.pos_ == "VERB":
        obj = next((c for c in head.children if c.dep_ == "dobj" and head.i < c.i < prep.i), None)
        if not any(c.dep_ == "dobj" for c in head.children):  # "referred to X as", "went after X as"
            obj = next((o for p in head.children if _right_after(p, head) for o in p.children if o.dep_ == "pobj"), None)
        return (head, obj) if obj is None or obj.i < prep.i else (head, None)
    node = head
    while node.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        if node.dep_ == "dobj":
            return (node.head, node) if node.head.pos_ == "VERB" and node.head.i < node.i else (None, None)
        if node.dep_ == "pobj" and _right_after(node.head, node.head.head):
            return node.head.head, node
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            break
        node = node.head.head  # "the sale of the ferry": up from "ferry" to "sale"
    return None, None


def _right_after(prep: Token, verb: Token) -> bool:
    """Whether ``prep`` is a preposition (or particle) of ``verb`` right after it ("referred *to*")."""
    return prep.dep_ in ("prep", "prt") and prep.head.i == verb.i and prep.i == verb.i + 1 and verb.pos_ == "VERB"


def _presents(verb: Token, obj: Token, prep: Token) -> bool:
    """Whether "as" follows the object's phrase with no comma between, after a verb that says something.

    "praised Jeb Bush, who ended his bid on Saturday, as ...": after a comma the phrase may
    belong to another verb. "Have", "be" and "do" say nothing; nor does a gerund after a
    preposition ("the choice was between going after X as ..."), whose subject is no one's.
    """
    if verb.lemma_.lower() in _EMPTY_VERBS or verb.dep_ == "pcomp":
        return False
    between = obj.doc[obj.right_edge.i + 1 : prep.i]
    return not any(t.text == "," for t in between)
