"""Quotations credited without a clause: after or before a cue, in the sentence after a cue, after a
name and a colon, a labelled line, a dash and a name after the quotation; the unquoted paragraph
after a cue clause's colon (:func:`paragraph_after`); the clause after a speech noun and a colon
(:func:`colon_nouns`); and the claim a later quotation continues (:func:`continued`).

The functions take the spaCy Doc and the document's top-level quotations and return
content parts as character offsets ``(start, end)`` into the text, or a :class:`Draft`.
"""

import itertools
import re
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span as SpacySpan, Token

from .._doctext import doc_ents, doc_text
from ..lexicon import word_set
from ..syntax import noun_phrase
from .cues import ReportingCue
from .quotes import QUOTE_CHARACTERS, Quote
from .spans import Draft, Quotes, ends_quoted, snap, trim

__all__ = [
    "closes_sentence",
    "colon_clause",
    "colon_nouns",
    "colon_speaker",
    "continued",
    "credit_only_between",
    "dash_credit",
    "labelled_lines",
    "paragraph_after",
    "quote_after",
    "quote_before",
    "quote_next_sentence",
]

#: What may stand between a cue and the quotation it introduces: "said:", "told reporters,".
_QUOTE_GAP = re.compile(r"\s*(?:[,:—–]|\s(?:\w+\s){0,3}\w+\s*[,:])?\s*")
#: What may stand between a quotation and the speaker and cue after it ("“...,” said X").
_BEFORE_GAP = frozenset(" ,\t—–-")
#: A dash that credits the quotation before it, on its line or one or two lines down.
_DASH_CREDIT = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*){0,2}([―—–-])[ \t\u00a0]*")
#: Words of a credit's name: proper nouns, and titles or initials before them ("Sen.", "A.").
_NAME_TAGS = frozenset({"NNP", "NNPS"})
#: The most words a credited name has ("Christina N. Luis Olidem", "Rep. Ana de la Cruz").
_NAME_WORDS = 6


def _credited(
    parts: list[tuple[int, int]], mark: Token, speaker: SpacySpan, lemma: str, at: int | None = None
) -> Draft:
    """A quotation credited to ``speaker`` by ``mark``, its cue: a colon, a dash, or a verb outside the lexicon.

    ``at`` is the mark's character offset when the token holds more than the mark: the
    tokenizer leaves "”―" in one piece, which starts inside the quotation.
    """
    cue = ReportingCue(head=mark.i, start=mark.i, end=mark.i + 1, role="verb", lemma=lemma, cls="speech")
    return Draft(parts=parts, how="quote", cue=cue, cue_char=mark.idx if at is None else at, speaker=speaker)


def quote_after(doc: Doc, head: Token, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """A quotation right after the cue ("said: “...”", "told the crowd, “...”"), even in the next paragraph."""
    after = head.idx + len(head)
    for quote in quotes:
        if after <= quote.start:
            gap = doc_text(doc)[after : quote.start]
            if _QUOTE_GAP.fullmatch(gap) and (gap.count("\n") == 0 or gap.rstrip(" \n\t").endswith(":")):
                # "said:¶“...”¶- Sen. Brandt": a quotation credited with a dash is the credit's
                return None if dash_credit(doc, quote) is not None else [(quote.start, quote.end)]
            return None
    return None


def paragraph_after(doc: Doc, head: Token, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """The paragraph after a cue clause that ends its own with a colon ("The mayor added:¶It was ...").

    The cue heads its sentence, which ends at the colon and with it the paragraph; the next
    paragraph, not opened by a quotation mark (:func:`quote_after` takes a quotation), is
    what was said, a block set off without quotation marks. A cue with an object of its own
    ("posted the full exchange:") shows that object, not words of its own.
    """
    sentence = head.sent
    tokens = [t for t in sentence if not t.is_space]
    if head.i != sentence.root.i or not tokens or tokens[-1].text != ":" or tokens[-1].head.i != head.i:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in head.children):
        return None  # "posted the list of polling places:": the colon shows the object, often an embed
    text = doc_text(doc)
    after = tokens[-1].idx + 1
    gap = len(text) - len(text[after:].lstrip(" \t\u00a0\r\n"))
    if text[after:gap].count("\n") == 0 or text[after:gap].count("\n") > 2 or gap >= len(text):
        return None
    # A paragraph that opens with a quotation mark of any kind ("”" and "»" open in some house
    # styles), or with markup, is not the colon's plain statement.
    if text[gap] == "<" or text[gap] in QUOTE_CHARACTERS or any(q.start <= gap < q.end for q in quotes):
        return None
    line_end = text.find("\n", gap)
    start, end = trim(text, gap, len(text) if line_end < 0 else line_end)
    if len(text[start:end].split()) < 4:
        return None
    return [snap(start, end, quotes)]


def quote_next_sentence(doc: Doc, head: Token, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """The quotation that is the whole next sentence after a cue ending its own ("said in a statement. “...”").

    The cue must head its sentence and take no complement there; the quotation must follow
    in the same paragraph, and be all of its sentence.
    """
    sentence = head.sent
    if head.i != sentence.root.i or any(c.dep_ in ("ccomp", "xcomp", "dobj", "advcl", "conj") for c in head.children):
        return None
    last = sentence[-1]
    if last.text != "." or sentence.end >= len(doc):
        return None
    after = last.idx + len(last)
    quote = next((q for q in quotes if q.start >= after), None)
    if quote is None or doc_text(doc)[after : quote.start].strip(" \t") != "":
        return None
    inner = doc.char_span(*quote.inner, alignment_mode="expand")
    if inner is None or inner.sent.start_char < quote.start - 1 or inner.sent.end_char > quote.end + 1:
        return None
    return [(quote.start, quote.end)]


def colon_speaker(doc: Doc, quote: Quote) -> "Draft | None":
    """A quotation introduced by a name and a colon ("Philip Bump: “...”")."""
    colon = doc.char_span(quote.start - 2, quote.start, alignment_mode="expand")
    if colon is None:
        return None
    marks = [t for t in colon if t.text == ":"]
    if not marks or doc_text(doc)[marks[-1].idx + 1 : quote.start].strip():
        return None
    mark = marks[-1]
    entities = [e for e in doc_ents(doc) if e.end == mark.i and e.label_ in ("PERSON", "ORG")]
    if not entities:
        return None
    return _credited([(quote.start, quote.end)], mark, entities[0], ":")


def colon_clause(doc: Doc, quote: Quote, party: Callable[[Token], bool]) -> "Draft | None":
    """A quotation after a clause and a colon, credited to the clause's subject.

    "She then addressed the supporters again: “...”", "Trump leaned in and boomed: “...”":
    the clause before the colon says who speaks, with a verb outside the lexicon. The
    speaker is the subject nearest the colon in its sentence, which must name a party
    (``party``): "The sign read: “...”" is no claim. The colon may end the paragraph before
    the quotation's ("Ruiz issued the following statement:¶“...”"), not one further back.
    """
    text = doc_text(doc)
    before = text[: quote.start].rstrip(" \t\u00a0")
    if before.endswith("\n") and text[len(before.rstrip()) : quote.start].count("\n") <= 2:
        before = before.rstrip()  # "issued the following statement:¶“...”": the next paragraph
    if not before.endswith(":"):
        return None
    mark = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if mark is None or mark[0].text != ":":
        return None
    colon = mark[0]
    sentence = colon.sent
    subjects = [t for t in doc[sentence.start : colon.i] if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and t.head.i < colon.i]
    if not subjects or not party(subjects[-1]):
        return None
    subject = subjects[-1]
    verb = colon.head if colon.head.pos_ == "VERB" and subject.head.i <= colon.head.i < colon.i else subject.head
    if any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in subject.head.children):
        return None
    speaker = doc[subject.left_edge.i : subject.right_edge.i + 1]
    return _credited([(quote.start, quote.end)], verb, speaker, verb.lemma_.lower())


def dash_credit(doc: Doc, quote: Quote) -> "Draft | None":
    """A quotation credited by a dash and a name after it ("“...” ― Ana Ruiz", "“...”¶¶- Sen. Carla Brandt, D-Ore.").

    The name is the start of the credit's line, in capitals, proper nouns and initials;
    the line ends with it or goes on only after a comma (a role), a parenthesis (a handle)
    or a full stop. A dash that opens an aside ("“...” — Woody Guthrie's song — ...") is no credit.
    """
    text = doc_text(doc)
    match = _DASH_CREDIT.match(text, quote.end)
    if match is None:
        return None
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    line = doc.char_span(match.end(), line_end, alignment_mode="expand")
    if not dash or not line or line.start < dash.end:
        return None
    name = list(itertools.takewhile(lambda t: not (t.is_punct or t.is_space), line))
    if not name or len(name) > _NAME_WORDS or not name[0].text[:1].isupper():
        return None
    if any(not t.text[:1].isupper() or t.pos_ in ("VERB", "AUX", "PRON") for t in name):
        return None
    if not any(t.tag_ in _NAME_TAGS for t in name):
        return None
    rest = text[name[-1].idx + len(name[-1]) : line_end].strip()
    if rest not in ("", ".") and rest[0] not in ",(":
        return None
    mark = match.group(1)
    return _credited([(quote.start, quote.end)], dash[0], doc[name[0].i : name[-1].i + 1], mark, match.start(1))


def quote_before(doc: Doc, head: Token, speaker: SpacySpan, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """A quotation that ends right before the cue and its speaker ("“...?” Rubio said.", "“...,” said X")."""
    first = min(speaker.start, head.i)
    begin = doc[first].idx
    text = doc_text(doc)
    low = begin  # only commas, dashes and blanks between low and begin
    while low > 0 and text[low - 1] in _BEFORE_GAP:
        low -= 1
    quote = Quotes.of(quotes).first_ending(low, begin)
    return None if quote is None else [(quote.start, quote.end)]


def closes_sentence(doc: Doc, span: tuple[int, int], quotes: list[Quote]) -> bool:
    """Whether the quotation at ``span`` ends its sentence with a full stop inside ("“We are not refugees.”")."""
    quote = next((q for q in Quotes.of(quotes).starting_at(span[0]) if q.end == span[1]), None)
    if quote is None:
        return False
    start, end = quote.inner
    return doc_text(doc)[start:end].rstrip().endswith(".")


#: A line that opens with a short label and a colon: "Sanders: ...", "- Jeffrey M. Jones: ...".
_LABEL = re.compile(r"^[ \t]*(?:[-–—][ \t]*)?([A-Z][^\n:]{0,40}?)[ \t]*:[ \t]", re.MULTILINE)


def labelled_lines(doc: Doc, quotes: list[Quote], drafts: list[Draft]) -> list[Draft]:
    """Lines that give a name, a colon and what it said ("NY Daily News: Paris Attacks Highlight ...").

    The label is a short noun phrase of its own (a name, "Poll", "Newspaper"), with no
    verb: "Sanders: Endorsements prove ..." is Sanders's claim. A label that is a
    newsroom's word for the line, not a speaker ("Breaking:", "Update:", "Editor's note:";
    word set ``claims.line_labels``), and a line that only lists names ("Iowa: Tim Albrecht,
    Brad Anderson, ...") give none.
    """
    text = doc_text(doc)
    taken = [(d.start, d.end) for d in drafts]
    found = []
    newsroom = word_set("claims.line_labels")
    for match in _LABEL.finditer(text):
        label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        colon_char = text.index(":", match.end(1))
        colon = doc.char_span(colon_char, colon_char + 1, alignment_mode="expand")
        if label is None or colon is None or len(label) > 5 or colon.start != label.end:
            continue
        if any(t.pos_ in ("VERB", "AUX", "PRON", "NUM") for t in label) or label.root.pos_ not in ("PROPN", "NOUN"):
            continue
        if label[0].lower_ in newsroom:
            dash = next((t.i for t in label if t.text in ("-", "–", "—")), None)
            if dash is None or dash + 1 >= label.end:
                continue  # "Breaking: ...": the newsroom's word for the line
            label = doc[dash + 1 : label.end]  # "EXCLUSIVE – Roger Stone: ...": the name after the dash
        line_end = text.find("\n", colon_char)
        line_end = len(text) if line_end < 0 else line_end
        start, end = trim(text, colon_char + 1, line_end)
        if len(text[start:end].split()) < 4 or any(s < end and start < e for s, e in taken):
            continue
        if _lists_names(doc, start, end):
            continue
        start, end = snap(start, end, quotes)
        found.append(_credited([(start, end)], colon[0], label, ":"))
        taken.append((start, end))
    return found


def _lists_names(doc: Doc, start: int, end: int) -> bool:
    """Whether the text ``start..end`` is a list of three or more names and nothing else ("Ann Lee, Bo Park, Cy Diaz")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    commas = sum(1 for t in span if t.text == ",")
    other = [t for t in span if not t.is_punct and not t.is_space and t.pos_ != "PROPN" and t.lower_ not in ("and", "&")]
    return commas >= 2 and len(other) <= len(span) // 10


def continued(doc: Doc, previous: list[Draft], quotes: list[Quote]) -> Draft | None:
    """The claim a quotation after ``previous`` may continue: the last one, or a quoted one before it.

    '“A,” the engineer said, *noting* that the work took a week. “B.”': the claims whose cues
    sit in the sentence that credits A, after A, do not stop B from continuing A.
    """
    if not previous:
        return None
    ordered = _latest_first(doc, previous)
    last = next(ordered)
    if ends_quoted(last, quotes):
        return last
    cues = [last.cue_char]  # the cues of the claims passed over
    for draft in ordered:
        if draft.cue is None or not ends_quoted(draft, quotes) or draft.cue_char < draft.end:
            cues.append(draft.cue_char)
            continue
        sentence = doc[draft.cue.start].sent
        if all(sentence.start_char <= at < sentence.end_char for at in cues):
            return draft
        break
    return last


def credit_only_between(doc: Doc, last: Draft, start: int) -> bool:
    """Whether no sentence of its own introduces a quotation at ``start`` after ``last``'s cue.

    '“A,” Marsh said on radio. Later, Marsh went further: “B.”': a sentence after the cue's
    that ends in a colon before B introduces B, so B does not continue A (and may not be
    the same speaker's: "the union's leader struck back: “B.”").
    """
    if last.cue is None:
        return False
    ends = doc[last.cue.start].sent.end_char
    gap = doc_text(doc)[ends:start].strip()
    return ends >= start or not gap.endswith(":")


def _latest_first(doc: Doc, drafts: list[Draft]) -> Iterator[Draft]:
    """``drafts`` by end, latest first (ties in their order), sorting the few near the last one first.

    A quotation's search back rarely passes the sentence of the last cue; sorting every draft
    for each quotation would grow with the square of a long document's claims.
    """
    last = max(drafts, key=lambda d: d.end)
    opens = doc[last.cue.start].sent.start_char if last.cue is not None else 0
    yield from sorted((d for d in drafts if d.end > opens), key=lambda d: d.end, reverse=True)
    yield from sorted((d for d in drafts if d.end <= opens), key=lambda d: d.end, reverse=True)


def colon_nouns(doc: Doc, drafts: list[Draft], party: Callable[[Token], bool]) -> list[Draft]:
    """What a speech noun before a colon introduces in its sentence ("sent the mayor a blunt message: X").

    The noun (word set ``claims.colon_nouns``) stands right before the colon, and what
    follows it in the sentence is a clause of its own, no quotation (those are credited
    by :func:`colon_clause`). The speaker is the noun's owner ("*the union's* message:
    X"), or the subject of the verb whose object the noun is ("*the leaders* sent him a
    message: X"); it must name a party. A colon some claim already covers gives none.
    """
    nouns = word_set("claims.colon_nouns")
    text = doc_text(doc)
    if ":" not in text:
        return []  # most texts have no colon: no token to look at
    taken = [(d.start, d.end) for d in drafts]
    found = []
    for colon in doc:
        if colon.text != ":" or colon.i == 0 or any(s <= colon.idx < e for s, e in taken):
            continue
        noun = doc[colon.i - 1]
        if noun.lemma_.lower() not in nouns or noun.pos_ != "NOUN" or colon.sent != noun.sent:
            continue
        start, end = trim(text, colon.idx + 1, colon.sent.end_char)
        rest = doc.char_span(start, end, alignment_mode="expand")
        if not rest or rest[0].text in ("\"", "“", "‘", "'") or "\n" in text[colon.idx : start]:
            continue
        if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.pos_ in ("VERB", "AUX") for t in rest):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None and noun.dep_ == "dobj":
            owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if owner is None or not party(owner):
            continue
        speaker = noun_phrase(owner)
        if speaker.end > noun.i:
            continue
        cue = ReportingCue(head=noun.i, start=noun.i, end=noun.i + 1, role="verb", lemma=noun.lemma_.lower(), cls="speech")
        found.append(Draft(parts=[(start, end)], how="noun", cue=cue, cue_char=noun.idx, speaker=speaker))
    return found
