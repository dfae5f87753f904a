"""Cues that interrupt, trail or follow what they report, for the claims step.

A reporting verb may stand inside the clause it reports ("X, he said, Y"), after it
("..., the office said in a report, and B") or before its speaker with no quotation marks
("Hardly, said the official."); and the parser may hang on one cue a clause that is no
report of it: one set apart by a semicolon or colon, or another cue's report. Used by the
claims step (:mod:`attribution.extract.claims.step`); offsets are characters into the text,
as in :mod:`attribution.extract.claims.content`.
"""

from spacy.tokens import Doc, Span as SpacySpan, Token

from .._doctext import doc_text
from ..lexicon import word_set
from .quotes import Quote
from .spans import LEADING_FUNCTION, Quotes, in_quote, snap, trim

__all__ = [
    "acts_on_object",
    "adds_to",
    "continuation",
    "interrupted_parts",
    "interrupts",
    "inverted_parts",
    "second_report",
    "set_apart",
]


def adds_to(head: Token, every: frozenset[int]) -> bool:
    """Whether ``head`` is a participle that adds to a cue before it (``claims.adding_participles``).

    "“A,” Ruiz said, adding, “B.”": "said" credits A, and "adding" says B only; A is not
    the start of B's quotation, as it is for "“A,” she told the host, “B.”". Other
    participles ("she said, recalling her first campaign: “B.”") describe the statement
    the first cue credits, and A and B stay one claim.
    """
    if head.tag_ != "VBG" or head.lemma_.lower() not in word_set("claims.adding_participles"):
        return False
    return head.head.i in every and head.head.i < head.i


def set_apart(head: Token, clause: Token, clauses: list[Token], quotes: list[Quote] = ()) -> bool:
    """Whether a clause the parser hangs on the cue before it is no report, the cue having one after it.

    Set apart by a semicolon or colon ("Most back it; *29 percent say* ..."), or an unquoted fronted
    adverbial opened by a preposition or subordinator ("On the day that footage emerged, X said ...")."""
    if clause.i > head.i or not any(c.i > head.i for c in clauses):
        return False
    first = clause.left_edge
    if (first.dep_ in ("prep", "mark") or first.tag_ == "WRB") and not in_quote(first.idx, quotes):
        return True
    last = clause.right_edge.i
    while last > clause.i and clause.doc[last].is_punct:
        last -= 1  # the clause's own closing mark ("left:") counts as between
    return any(t.text in (";", ":") for t in clause.doc[last + 1 : head.i])


def second_report(head: Token, clause: Token, clauses: list[Token], every: frozenset[int]) -> bool:
    """Whether ``clause`` is another cue's report the parser hangs on this cue ("said A, and most said B").

    The parser may make a second reporting verb with a subject of its own ("*more than
    4 in 10 said* B") a complement of the first when a clause of the first comes between.
    That verb's claim is its own (``every``: the heads of all cues), not more of this one.
    """
    if clause.i < head.i or clause.i not in every:
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return False
    return any(head.i < c.i < clause.i for c in clauses)


def acts_on_object(head: Token, cue_end: int, speaker: SpacySpan, recipient: bool = False) -> bool:
    """Whether a cue verb has an object or infinitive of its own right after it, so trails nothing it reports.

    "Voters preferred *Clinton*", "the sentence had confirmed *my faith*", "Trump holds
    *14 percent*", "the mayor decided *not to run*": a verb that acts on its object says
    nothing of the clause before it, though the parser hangs that clause on it. Not an
    addressee ("X, he told *the Times*", a verb whose object is its ``recipient``), nor a cue
    phrase's own words (``cue_end``: "as she put *it*"), nor the ``speaker`` ("X," mused *the
    host*), nor a noun after a comma, which the parser takes for an object ("X," she said, *a
    hint of frustration*); an infinitive or gerund only after a verb that is no plain speech
    verb (``claims.speech_lemmas``), and only one that is none itself.
    """
    doc = head.doc
    speech = word_set("claims.speech_lemmas")
    for child in head.children:
        if child.i < cue_end or speaker.start <= child.i < speaker.end:
            continue
        if child.dep_ == "dobj":
            acting = not recipient
        elif child.dep_ == "xcomp":
            # "decided *not to run*", "asked the board *to wait*"; not "he said on “Meet the Press”"
            # nor "recounted *telling* them", which the parser also reads as a complement
            acting = head.lemma_ not in speech and child.lemma_ not in speech
        else:
            continue
        if acting and not any(t.is_punct for t in doc[head.i + 1 : child.left_edge.i]):
            return True
    return False


def interrupts(head: Token) -> bool:
    """Whether a reporting verb interrupts or trails the clause it hangs on ("..., he said")."""
    governor = head.head
    if governor.i == head.i or governor.pos_ not in ("VERB", "AUX"):
        return False
    if head.dep_ == "conj" or governor.lemma_ in word_set("claims.speech_lemmas"):
        return False
    if any(
        (c.dep_ == "mark" and c.lower_ != "as") or (c.dep_ == "advmod" and c.tag_ == "WRB" and c.i < head.i)
        for c in head.children
    ):
        return False  # a subordinate clause ("even though X offered", "when she said"), not a parenthesis
    if any(c.dep_ == "mark" for c in head.children) and any(c.dep_ in ("dobj", "ccomp") for c in head.children):
        return False  # "as Clinton echoed the criticism": a clause with its own object, not "as X said"
    commas = [t for t in head.children if t.is_punct and t.text == ","]
    before = head.doc[head.left_edge.i - 1] if head.left_edge.i > 0 else None
    return bool(commas) or (before is not None and before.text in (",", "”", '"'))


def interrupted_parts(doc: Doc, head: Token, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """The parts of the clause a parenthetical cue interrupts ("X, he said, Y"), or ``None``.

    Both sides of the cue clause are the content, as a reader takes it: the governor's
    own side, and the other when it holds the governor's subject, a quotation, or one of
    its phrases or clauses ("*Though the vote went well*, she said, *the next ...*", "*The
    mill thrived*, he said, *until it closed*"). A side of mere function words ("And")
    is left out; both sides together need three words.
    """
    governor = head.head
    if governor.dep_ == "advcl" and governor.right_edge.i == head.right_edge.i and governor.head.i > head.i:
        governor = governor.head  # "Though the vote went well, she said, the next ...": the sentence's clause
    g_start, g_end = governor.left_edge.idx, governor.right_edge.idx + len(governor.right_edge)
    c_start, c_end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    # "Though X, the clerk said, Y": the parser may hang the fronted clause on the cue;
    # the cue clause starts after its comma.
    commas = [c for c in head.children if c.i < head.i and c.text == "," and c.i > head.left_edge.i]
    if commas:
        c_start = doc[commas[-1].i + 1].idx
    left = trim(doc_text(doc), g_start, c_start)
    right = trim(doc_text(doc), c_end, g_end)
    parts = []
    words = 0
    for side in (left, right):
        s, e = snap(*side, quotes)
        span = doc.char_span(s, e, alignment_mode="expand") if e > s else None
        if span is None or not any(t.is_alpha and t.dep_ not in LEADING_FUNCTION for t in span):
            continue
        if parts and s < parts[-1][1]:  # both sides snapped to one quotation: one part
            first = parts.pop()
            words = 0
            s, e = first[0], max(first[1], e)
            span = doc.char_span(s, e, alignment_mode="expand")
        parts.append((s, e))
        words += sum(1 for t in span if t.is_alpha)
    if words < 3 or not any(s <= governor.idx < e for s, e in parts):
        return None
    indexed = Quotes.of(quotes)
    if any(indexed.is_whole(*p) for p in parts):
        # "“A,” he said, under the charter": a quotation goes on only with a quotation.
        parts = [p for p in parts if indexed.is_whole(*p) or p[0] <= governor.idx < p[1]]
    return parts


def continuation(
    doc: Doc, head: Token, quotes: list[Quote], before: tuple[int, int], cues: frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """What a trailing cue interrupts after its clause ("A, the office said in a report, *and B*"), or ``None``.

    The parser hangs the rest of the sentence on the cue. It is more of what was said
    when it follows a comma that closes the cue clause and is a clause with a subject of
    its own, conjoined ("*and* the lowest paid 2 percent") or opened by a subordinator of
    the ``claims.continuing_marks`` word set ("*until* it closed"), or a phrase opened by a
    preposition of the ``claims.continuing_prepositions`` word set that holds no cue ("X would
    be aided, Devine said, *by* the primary calendar"), and is no cue of its own (``cues``:
    cue heads; "..., he said, and he added that ..."). After a whole quotation (``before``,
    the part before the cue) only a quotation goes on.
    """
    indexed = Quotes.of(quotes)
    before = before if indexed.is_whole(*before) else None
    marks = word_set("claims.continuing_marks")
    prepositions = word_set("claims.continuing_prepositions")
    for child in head.children:
        if child.i <= head.i or child.i in cues:
            continue
        if child.dep_ == "prep" and child.lower_ in prepositions:
            if any(t.i in cues for t in child.subtree):
                continue
        elif child.pos_ not in ("VERB", "AUX"):
            continue
        else:
            subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
            opened = any(c.dep_ == "mark" and c.lower_ in marks for c in child.children)
            if not ((child.dep_ == "conj" and subject) or (child.dep_ == "advcl" and opened and subject)):
                continue
        comma = next((t for t in doc[head.i + 1 : child.left_edge.i] if t.text == "," and t.head.i == head.i), None)
        if comma is None or any(t.dep_ not in ("cc", "punct", "mark") for t in doc[comma.i + 1 : child.left_edge.i]):
            continue
        start, end = trim(doc_text(doc), comma.idx + 1, child.right_edge.idx + len(child.right_edge))
        if end <= start or (before is not None and not any(start <= q.start for q in indexed.overlapping(start, end))):
            return None  # "“A,” she said, and soon the crowd left": a quotation goes on only with a quotation
        return snap(start, end, quotes)
    return None


def inverted_parts(doc: Doc, head: Token, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """The words before an inverted cue with no quotation marks ("Hardly, said the official.").

    The cue follows a comma, its speaker follows it, and what stands before the comma
    in the sentence (the cue's own dependents there) is what was said.
    """
    before = doc[head.i - 1] if head.i > 0 else None
    if before is None or before.text != "," or before.head.i != head.i:
        return None
    sentence = head.sent
    left = [c for c in head.children if c.i < before.i and not c.is_punct and c.dep_ not in ("nsubj", "nsubjpass")]
    if not left or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children if c.i < head.i):
        return None
    first = min(c.left_edge.i for c in left)
    if first != sentence.start and not doc[first - 1].is_punct:
        return None  # only words from the start of the sentence (or after a dash or quotation)
    start, end = trim(doc_text(doc), doc[first].idx, before.idx)
    if not any(t.is_alpha for t in doc[first : before.i]) or end <= start:
        return None
    return [snap(start, end, quotes)]
