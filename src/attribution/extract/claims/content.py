"""Content spans for the claims step: which words a cue attributes, read off the parse.

Used by the claims step (:mod:`attribution.extract.claims.step`). The functions take the
spaCy Doc, the cue's head token and the document's top-level quotations, and return
character offsets ``(start, end)`` into the text, trimmed of edge punctuation and widened
to whole quotations (:func:`~attribution.extract.claims.spans.snap`). Quotations credited
without a clause of their own are :mod:`attribution.extract.claims.credits`'; the parts of a
clause a cue interrupts are :mod:`attribution.extract.claims.interrupted`'.
"""

from collections.abc import Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token

from .._doctext import doc_text
from ..lexicon import word_set
from ..syntax import noun_phrase, to_infinitive
from .cues import ReportingCue
from .extents import into_quote, object_phrase, quoted_conjunct, reason_clause
from .quotes import Quote
from .speakers import object_of_preposition, with_issuer
from .spans import LEADING_FUNCTION, Draft, in_quote, snap, trim

__all__ = [
    "according_to",
    "after_quote",
    "bare_object",
    "clause_span",
    "medium_of",
    "without_medium",
    "content_object",
    "object_parts",
    "preposition_parts",
    "prepositional_clause",
    "recipient_of",
    "through_colon",
]

_CORE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "dobj", "attr"})
#: Dependents of a cue after its preposition's object that are no part of the content.
_NOT_CONTENT = frozenset({"conj", "cc", "punct", "parataxis", "advcl", "dep"})
_QUOTE_CLOSERS = frozenset({"”", '"', "’", "''"})


def clause_span(
    doc: Doc,
    token: Token,
    quotes: list[Quote],
    cues: frozenset[int] = frozenset(),
    every: frozenset[int] = frozenset(),
) -> tuple[int, int]:
    """The clause headed by ``token``, up to a conjoined cue of the same speaker.

    ``cues`` are the heads of the cues that start statements, ``every`` those of all cues
    (a trailing participle that is or holds one is not what this cue reports).
    """
    right = token.right_edge
    for child in token.children:
        # "said that X and predicted Y": a conjoined cue without a subject is the speaker's, not X's.
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if child.dep_ == "conj" and child.i in cues and not in_quote(child.idx, quotes) and not own_subject:
            previous = [t for t in token.subtree if t.i < child.left_edge.i and t.dep_ not in ("cc", "punct")]
            if previous:
                right = previous[-1]
            break
    if right.i == token.right_edge.i:
        right = _second_that_clause(doc, token, cues) or _second_infinitive(doc, token) or reason_clause(doc, token, every) or right
    if right.i == token.right_edge.i:
        right = quoted_conjunct(doc, token, quotes, every) or right
    while right.i > token.i and (right.text == "," or right.dep_ == "cc" and right.lower_ in ("and", "but", "or")):
        if in_quote(right.idx, quotes):
            break
        right = doc[right.i - 1]  # "the mayor is honest, and": a conjunction with nothing after it
    start, end = trim(doc_text(doc), token.left_edge.idx, right.idx + len(right))
    end = _without_trailing_modifier(doc, start, end, quotes, every)
    return snap(start, end, quotes)


def _second_that_clause(doc: Doc, token: Token, cues: frozenset[int]) -> Token | None:
    """The last word of a second clause opened by "that" ("said that X and *that Y*"), or ``None``.

    The parser conjoins the second clause to the cue, not to the first, or to a word above
    the cue ("are quick to point out that X, and *that Y*": to "are"); "that" shows it is
    still what the cue reports. A conjunct that is itself a cue (``cues``) is its own claim.
    """
    governor = token.head
    if token.dep_ != "ccomp" or governor.i > token.i:
        return None
    while True:
        for child in governor.children:
            if child.dep_ != "conj" or child.i <= token.right_edge.i or child.i in cues:
                continue
            between = doc[token.right_edge.i + 1 : child.left_edge.i]
            if any(t.dep_ not in ("cc", "punct", "advmod") for t in between):
                return None
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                return child.right_edge
            return None
        if governor.dep_ not in ("xcomp", "acomp") or governor.head.i == governor.i:
            return None
        governor = governor.head


def _second_infinitive(doc: Doc, token: Token) -> Token | None:
    """The last word of a second verb sharing an infinitive's "to" ("promised to meet *and exceed* X").

    The parser conjoins the bare verb to the cue rather than to the infinitive; a bare verb
    of its own, with no subject nor auxiliary, right after the infinitive's "and" is its
    second half.
    """
    after = token.right_edge.i + 1
    if token.dep_ != "xcomp" or after + 1 >= len(doc) or doc[after].dep_ != "cc":
        return None
    governors = {a.i for a in token.ancestors}
    second = next((t for t in doc[after + 1 : token.sent.end] if t.dep_ == "conj" and t.left_edge.i == after + 1), None)
    if second is None or second.head.i not in governors:
        return None
    bare = second.tag_ in ("VB", "VBP") and second.head.tag_ not in ("VB", "VBP")
    if not bare or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux") for c in second.children):
        return None
    return second.right_edge


def _without_trailing_modifier(doc: Doc, start: int, end: int, quotes: list[Quote], every: frozenset[int]) -> int:
    """Drop a non-restrictive modifier that ends the content.

    ", which ...", ", referring to ...", ", although ...", a description set after a
    name (:func:`_describes_name`: "... against Mrs. Clinton, *a former secretary of state*")
    and a phrase that sums up the clause (:func:`_sums_up`: "..., *a charge the clerk denied*").
    """
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 6:
        return end
    concessive = word_set("claims.concessive_marks")
    for token in span[2:]:
        if not _after_break(doc, token.i):
            continue
        participle = token.dep_ == "advcl" and token.tag_ == "VBG" and _glosses(token, every)
        relative = token.lower_ in ("which", "who") and token.head.dep_ == "relcl"
        # ", although X", ", even as X": a concession the narrator adds, not what was said.
        marks = {c.lower_ for c in token.head.children if c.dep_ == "mark"}
        conceding = token.head.dep_ == "advcl" and token.dep_ in ("mark", "advmod")
        conceding = conceding and bool(marks & concessive or (token.lower_ == "even" and "as" in marks))
        conceding = conceding and not _contrasts(token.head, marks, every)
        # "..., even though X has “offered ...,” one said": the quotation is the trailing cue's.
        conceding = conceding and not (_trails(doc, end) and any(token.idx < q.start and q.end >= end - 1 for q in quotes))
        node = token if participle else token.head
        if (participle or relative or conceding or _describes_name(token) or _sums_up(token)) and node.right_edge.idx + len(node.right_edge) >= end - 1:
            if in_quote(token.idx, quotes):
                return end
            return trim(doc_text(doc), start, doc[token.i - 1].idx)[1]
    return end


def _contrasts(clause: Token, marks: set[str], every: frozenset[int]) -> bool:
    """Whether ``clause``, opened by "while" or "whereas" (``marks``), sets a fact beside the claim's.

    "Ortiz leads Hale 48 to 41 percent, *while Brook trails both*": a clause with a subject
    of its own that holds no cue (``every``: the heads of all cues) goes on with the comparison
    the speaker makes. "..., while insisting X" is the speaker's act, "..., while 30 percent said
    X" another claim, and "though" or "although" the writer's concession.
    """
    contrastive = word_set("claims.contrastive_marks")
    if not marks & contrastive or marks - contrastive or clause.tag_ == "VBG":
        return False
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    return own_subject and not any(t.i in every for t in clause.subtree)


def _sums_up(token: Token) -> bool:
    """Whether ``token`` opens a noun phrase that sums up the clause before it ("..., *a* charge X denied").

    "said the count had been rigged, *a charge the clerk denied*", "revenue rose to $61 million,
    *an increase of about half*": an indefinite noun phrase after the clause that the parser
    hangs on the clause's verb, not on a noun, is the writer's word on what was said.
    """
    noun = token.head
    if token.dep_ != "det" or token.lower_ not in ("a", "an") or token.left_edge.i != token.i:
        return False
    return noun.pos_ == "NOUN" and noun.dep_ in ("appos", "npadvmod", "dep") and noun.head.pos_ in ("VERB", "AUX")


def _describes_name(token: Token) -> bool:
    """Whether ``token`` opens a description the writer sets after a name ("Holmes, *the* founder of X").

    The description is an apposition of a proper noun, headed by a common noun and opened
    by a determiner or possessive, of three words or more. A name with more than one
    apposition, or in a list ("Israel, the Iranian deal and ..."), is left alone: the
    parser takes list items for appositions.
    """
    description = token.head
    name = description.head
    if description.dep_ != "appos" or token.dep_ not in ("det", "poss") or token.left_edge.i != token.i:
        return False
    if name.i > token.i or name.pos_ != "PROPN" or description.pos_ != "NOUN" or description.right_edge.i - token.i < 2:
        return False
    if sum(c.dep_ == "appos" for c in name.children) != 1:
        return False
    return not any(c.dep_ in ("conj", "cc") for c in (*name.children, *description.children))


def _glosses(participle: Token, every: frozenset[int]) -> bool:
    """Whether a participle after a comma is the writer's gloss on a claim, not part of it.

    A participle goes on with what was said ("..., *leaving* the choice to the next
    president") unless it is a cue or a verb of speech, comments on the claim (the
    ``claims.comment_participles`` word set: "..., *reflecting* the party's unease"),
    holds a cue of its own ("..., amounting to what the *senators said* was ..."), or hangs
    on an infinitive ("urged the agency to dial back the rule, *siding with* its critics":
    the speaker's act, not the agency's). ``every``: the heads of all cues.
    """
    lemma = participle.lemma_.lower()
    if participle.i in every or lemma in word_set("claims.speech_lemmas") or lemma in word_set("claims.comment_participles"):
        return True
    return participle.head.dep_ == "xcomp" or any(t.i in every for t in participle.subtree if t.i != participle.i)


def _trails(doc: Doc, end: int) -> bool:
    """Whether words go on after ``end`` in its sentence (a cue clause after a quotation)."""
    rest = doc_text(doc)[end : end + 6].lstrip("”\"’ ,")
    return rest[:1].isalpha()


def _after_break(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a comma or a dash (",” X" too: the comma closes a quotation)."""
    if i < 2:
        return False
    before = doc[i - 1]
    if before.text in _QUOTE_CLOSERS:
        before = doc[i - 2]
    return before.text in (",", "—", "–", "--", "-")


def after_quote(
    doc: Doc, head: Token, clause: Token, span: tuple[int, int], quotes: list[Quote], every: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """For "..., X said" right after a quotation, the smallest clause holding that quotation.

    A clause that goes on into the quotation from a subject of its own (:func:`into_quote`:
    "The toll was “a scandal,” she said") is kept whole.
    """
    start, end = span
    closing = [q for q in quotes if start < q.start and q.end == end]
    if not closing:
        return span
    quote = closing[0]
    if doc_text(doc)[start : quote.start].rstrip().endswith(":"):
        return (quote.start, quote.end)  # "... with a caveat: “...,” the source said"
    first = doc.char_span(*quote.inner, alignment_mode="expand")
    if first is None or len(first) == 0:
        return span
    words = [t for t in first if not t.is_punct and not t.is_space]
    if not words:
        return span
    node = words[0]
    while node.i != clause.i and not (node.left_edge.idx <= quote.start + 1 and node.right_edge.i >= words[-1].i):
        if node.head.i == node.i:
            return span
        node = node.head
    if node.i == clause.i or into_quote(clause, node, quote.start, every):
        return span
    left = node.left_edge
    while left.i < node.i and left.dep_ in LEADING_FUNCTION and left.head.i == node.i:
        left = left.doc[left.i + 1]
    return trim(doc_text(doc), min(left.idx, quote.start), end)


def is_complement(token: Token) -> bool:
    """Whether ``token`` completes an object ("blamed X *for Y*", "called X *a liar*")."""
    if token.dep_ in ("xcomp", "oprd", "ccomp"):
        return True
    return token.dep_ == "prep" and token.lower_ in word_set("claims.complement_prepositions")


def bare_object(head: Token, obj: Token) -> bool:
    """Whether ``obj`` stands alone: no complement on the verb after it, nor on itself ("X *for Y*")."""
    if any(c.i > obj.i and is_complement(c) for c in head.children):
        return False
    low = word_set("claims.low_complement_prepositions")
    return not any(c.dep_ == "prep" and c.lower_ in low for c in obj.children)


def content_object(head: Token) -> Token | None:
    """The object after ``head`` that may be content: a noun, or a pronoun a complement completes.

    "called *the plan* a sham", "called *it* a “Chinese menu”", "accused *her* of hiding
    the audit": a bare pronoun ("told *him*") is only whom the speech was for.
    """
    for child in head.children:
        if child.dep_ == "dobj" and child.i > head.i:
            if child.pos_ != "PRON" or any(c.i > child.i and is_complement(c) for c in head.children):
                return child
    return None


def object_parts(doc: Doc, head: Token, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """The object as content ("criticized *the plan*", "urged *Congress to act*", "called *him a liar*")."""
    first = content_object(head)
    if first is None:
        return None
    last = first
    for child in head.children:
        if child.i > first.i and is_complement(child):
            if child.right_edge.i > last.right_edge.i:
                last = child
    last = object_phrase(doc, head, last) or last.right_edge  # "announced a concert *in support of X*"
    start, end = trim(doc_text(doc), first.left_edge.idx, last.idx + len(last))
    return [snap(start, end, quotes)] if end > start else None


def preposition_parts(doc: Doc, head: Token, prepositions: Iterable[str], quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """The object of a preposition the cue takes ("warned *of delays*", "called *for a recount*").

    Only a preposition of the cue's entry after it counts; its object and the rest of the verb's
    phrase is the content. A negated cue, or one a refusal governs ("declined to comment on"), says nothing.
    """
    if _says_nothing(head):
        return None
    prep = next((c for c in head.children if c.i > head.i and c.dep_ == "prep" and c.lower_ in prepositions), None)
    objects = [] if prep is None else [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return None
    last = objects[-1].right_edge
    for later in head.children:  # "called for a boycott *after the ruling*"
        if later.i > prep.i and later.dep_ not in _NOT_CONTENT and later.right_edge.i > last.i:
            last = later.right_edge
    last = object_phrase(doc, head, last) or last  # "called for $2 billion in spending *to fix roads*"
    start, end = trim(doc_text(doc), objects[0].left_edge.idx, last.idx + len(last))
    return [snap(start, end, quotes)] if end > start else None


def _says_nothing(head: Token) -> bool:
    """Whether a cue is negated, or governed by a refusal ("declined to comment on")."""
    refused = head.dep_ == "xcomp" and head.head.lemma_.lower() in word_set("claims.refusals")
    return refused or any(c.dep_ == "neg" for c in head.children)


def prepositional_clause(doc: Doc, head: Token, prepositions: Iterable[str], quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """An infinitive clause with its own subject after a preposition of the cue, or ``None``.

    "called for *the mayor to resign*": the clause is the content, as the preposition's object
    is in "called for *her resignation*" (:func:`preposition_parts`), whether the parser makes the
    preposition the clause's marker or makes the subject its object and the infinitive the verb's.
    "called *on* the mayor to resign" asks someone to act, and is no claim.
    """
    if _says_nothing(head):
        return None
    for child in head.children:
        if child.i < head.i or child.dep_ not in ("advcl", "xcomp") or not to_infinitive(child):
            continue
        if child.dep_ == "advcl":  # "for" as the clause's marker
            mark = next((c for c in child.children if c.dep_ == "mark" and c.lower_ in prepositions and c.i < child.i), None)
            first = None if mark is None or mark.i + 1 >= child.i else doc[mark.i + 1]
        else:  # "for" and its object before the verb's infinitive
            objects = [
                o
                for p in head.children
                if p.dep_ == "prep" and p.lower_ in prepositions and p.right_edge.i + 1 == child.left_edge.i
                for o in p.children
                if o.dep_ == "pobj"
            ]
            first = objects[0].left_edge if objects else None
        if first is not None:
            start, end = trim(doc_text(doc), first.idx, child.right_edge.idx + len(child.right_edge))
            return [snap(start, end, quotes)] if end > start else None
    return None


def according_to(doc: Doc, cue: ReportingCue, quotes: list[Quote]) -> Draft | None:
    """The claim of an "according to X" cue: X and the clause the phrase modifies."""
    first = doc[cue.start]
    last = doc[cue.end - 1]
    who = object_of_preposition(last)
    if who is None:
        return None
    speaker = with_issuer(who, noun_phrase(who))
    governor = first.head
    while governor.dep_ in ("prep", "pcomp") and governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
        governor = governor.head
    while governor.dep_ == "conj" and governor.head.pos_ in ("VERB", "AUX") and governor.head.i != governor.i:
        governor = governor.head  # "A, and B, according to X": X says both
    sentence = first.sent
    if governor.pos_ not in ("VERB", "AUX", "NOUN"):
        governor = sentence.root
    g_start, g_end = governor.left_edge.idx, governor.right_edge.idx + len(governor.right_edge)
    p_end = max(speaker.end_char, first.right_edge.idx + len(first.right_edge))
    left = trim(doc_text(doc), g_start, first.idx)
    right = trim(doc_text(doc), p_end, g_end)
    parts = [snap(*side, quotes) for side in (left, right) if side[1] - side[0] >= 8]
    if not parts:
        return None
    if len(parts) == 2 and not (parts[0][0] <= governor.idx < parts[0][1]):
        parts = parts[1:]
    elif len(parts) == 2:
        parts = parts[:1]
    return Draft(parts=parts, how="according", cue=cue, cue_char=first.idx, speaker=speaker)


def recipient_of(head: Token, cue: ReportingCue, parts: list[tuple[int, int]]) -> SpacySpan | None:
    """Whom the cue addresses ("told *reporters*", "said to *the crowd*"), outside the content."""
    for child in head.children:
        if cue.recipient and child.dep_ in ("dobj", "dative") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            span = noun_phrase(child)
        elif child.dep_ in ("prep", "dative") and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                continue
            span = noun_phrase(objects[0])
        else:
            continue
        if not any(s <= span.start_char < e for s, e in parts):
            return span
    return None


def medium_of(head: Token, mediums: dict[int, tuple[int, str]]) -> str | None:
    """The medium a prepositional phrase under the cue names ("in a statement")."""
    for child in head.children:
        if child.dep_ == "prep" and child.i in mediums:
            return mediums[child.i][1]
    return None


def without_medium(
    doc: Doc,
    head: Token,
    part: tuple[int, int],
    mediums: dict[int, tuple[int, str]],
    quotes: list[Quote],
    cues: frozenset[int] = frozenset(),
) -> tuple[int, int]:
    """``part`` of a claim of the cue ``head`` without a medium phrase that ends it.

    "said the plant would close *in a statement*": the parser may hang the phrase on the
    reported clause, but it says how the speaker spoke, not what. The medium of a cue
    inside the content ("..., she wrote *in a memo*"; ``cues``: cue heads) stays with it.
    """
    start, end = part
    for first, (stop, _medium) in mediums.items():
        prep = doc[first]
        if not start < prep.idx < end or in_quote(prep.idx, quotes):
            continue
        last, named = prep.right_edge, doc[stop - 1]
        if last.idx + len(last) < end - 1 or not (named.dep_ == "pobj" and named.head.i == prep.i):
            continue
        if any(c.dep_ == "conj" for c in named.children):
            continue  # "advertising on Facebook, Twitter and YouTube": a list of outlets is a topic
        verb = next((a for a in prep.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.i != head.i and start <= verb.idx < end and verb.i in cues:
            continue
        cut = trim(doc_text(doc), start, prep.idx)
        return cut if cut[1] > cut[0] else part
    return part


def through_colon(
    doc: Doc, head: Token, part: tuple[int, int], quotes: list[Quote], every: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """``part`` with what a colon right after it introduces ("had one flaw*: two accounts were missing*").

    What follows a colon in the same sentence spells out what comes before it ("said the
    county had a problem: ...", "argued that X: His posts were ..."), and is part of what the
    cue ``head``, before ``part``, reports; the parser often makes it a clause of its own, or
    a sentence when it opens with a capital. A cue with its own subject after the colon
    ("...: “A,” he told reporters", "...: the auditor found that X"; ``every``: the heads of
    all cues) starts a claim of its own, and the content stops at the colon.
    """
    start, end = part
    text = doc_text(doc)
    colon = end
    while colon < len(text) and text[colon] in " \t":
        colon += 1
    if colon >= len(text) or text[colon] != ":" or head.idx > start:
        return part
    mark = doc.char_span(colon, colon + 1)
    if mark is None:
        return part
    last = None
    for token in doc[mark.start + 1 :]:
        if "\n" in token.text or token.text in (".", "?", "!", ";"):
            break  # the sentence (or the paragraph) ends
        if token.i in every and token.dep_ != "relcl" and any(c.dep_ == "nsubj" for c in token.children):
            return part
        last = token
    if last is None:
        return part
    return snap(*trim(text, start, last.idx + len(last)), quotes)
