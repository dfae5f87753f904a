"""Where a content goes on past the edge the parse gives it.

Used by :mod:`attribution.extract.claims.content`. The parser often hangs a piece of what
was said on the cue rather than on the reported clause or object, so the subtree of the
clause or object stops short of it:

* a clause of reason or condition after a reported clause ("said the vote was void
  *because the seal was broken*", "warned that the dam would fail *if the rain kept up*");
* a prepositional phrase or an infinitive after an object ("praised the board's work *in
  the flood year*", "announced a concert *in support of* the shelter", "announced $2 million
  in aid *to help farm families rebuild*");
* the subject and verb before a quotation that a cue after it credits ("*The toll was*
  “a scandal,” she said"): the smallest part of the clause that holds the quotation is not
  all of what was said;
* the words after a quotation that opens the cue's object or clause ('reported “1,200
  container delays” at the south terminal');
* a second clause with a quotation in it that the parser conjoins to the cue ("said the
  pumps had failed, *but “the crews worked through the night”*").

The first two return the last word of the piece, or ``None``; :func:`into_quote` whether
the clause is kept whole.
"""

from spacy.tokens import Doc, Span, Token

from .._doctext import doc_text
from ..lexicon import word_set
from .filters import quoted_head
from .spans import WHEN_ENTITIES, in_quote

__all__ = ["into_quote", "object_phrase", "quoted_conjunct", "quoted_phrase", "reason_clause"]


def reason_clause(doc: Doc, clause: Token, every: frozenset[int]) -> Token | None:
    """The last word of a reason or condition clause the parser hangs on the cue after ``clause``.

    "said the vote was void *because the seal was broken*", "threatened to sue *unless the
    audit is released*" (``clause`` a reported clause or an infinitive): the clause (opened by a word of
    ``claims.reason_marks``) is the speaker's reason, part of what was said. Only a clause
    with its own subject, next to ``clause`` but for punctuation, in the same paragraph,
    holding no cue (``every``: the heads of all cues) counts: "when asked about X" says
    when the speaker spoke, and "because 30 percent said X" is another claim.
    """
    governor = clause.head
    if clause.dep_ not in ("ccomp", "xcomp") or governor.i > clause.i:
        return None
    after = next((c for c in governor.children if c.i > clause.right_edge.i and not c.is_punct), None)
    if after is None or after.dep_ != "advcl" or after.left_edge.lower_ not in word_set("claims.reason_marks"):
        return None
    if any(not t.is_punct for t in doc[clause.right_edge.i + 1 : after.left_edge.i]):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in after.children):
        return None
    if any(t.i in every for t in after.subtree) or "\n" in doc[clause.right_edge.i : after.right_edge.i + 1].text:
        return None
    return after.right_edge


def quoted_conjunct(doc: Doc, clause: Token, quotes: list, every: frozenset[int]) -> Token | None:
    """The last word of a quoting clause the parser conjoins to the cue after ``clause``.

    "said the pumps had failed, *but “the crews worked through the night”*", "said the
    ferry was late *and its owners had “no plan at all”*": a clause with its own subject,
    joined by "and" or "but" right after the reported clause, is still the speaker's when
    it quotes the speaker. Not when it holds a cue outside its quotations (``every``: "...,
    while Ruiz said X") or a colon, nor across a paragraph or a sentence.
    """
    governor = clause.head
    if clause.dep_ not in ("ccomp", "xcomp") or governor.i > clause.i:
        return None
    after = [c for c in governor.children if c.i > clause.right_edge.i and not c.is_punct]
    if len(after) < 2 or after[0].dep_ != "cc" or after[0].lower_ not in ("and", "but") or after[1].dep_ != "conj":
        return None
    conjunct = after[1]
    if any(not (t.is_punct or t.i == after[0].i) for t in doc[clause.right_edge.i + 1 : conjunct.left_edge.i]):
        return None
    opens = any(q.start == conjunct.left_edge.idx for q in quotes)
    if not opens and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conjunct.children):
        return None
    last = max(t.i for t in conjunct.subtree if not t.is_space)
    span = doc[clause.right_edge.i : last + 1]
    if span.sent.start != clause.sent.start or "\n" in span.text or any(t.text == ":" for t in conjunct.subtree):
        return None
    if any(t.i in every and not in_quote(t.idx, quotes) for t in conjunct.subtree):
        return None
    if not any(conjunct.left_edge.idx <= q.start <= doc[last].idx for q in quotes):
        return None
    return doc[last]


def object_phrase(doc: Doc, head: Token, last: Token) -> Token | None:
    """The last word of prepositional phrases or an infinitive of the cue ``head`` that complete its object.

    ``last`` is the object's (or its complement's) head. "announced a concert *in support of
    the shelter*", "praised her work *with the board*": a phrase right after it, with no
    comma between, opened by a word of ``claims.object_prepositions``, is still what was
    said; one that names a date or time ("praised the plan *on Monday*") says when it was
    said, and ends the content. A "to" infinitive right after a common noun says what the
    thing is for ("announced $2 million in aid *to help towns rebuild*", "sees her as an
    ally *to help* X"); after a name it is the speaker's aim ("cited the deaths of A and B
    *to press their case*") and ends the content.
    """
    prepositions = word_set("claims.object_prepositions")
    found = None
    end = last.right_edge.i
    for child in head.children:
        if child.i <= end:
            continue
        opener = child.left_edge
        infinitive = child.dep_ in ("advcl", "xcomp") and opener.lower_ == "to" and opener.dep_ == "aux"
        if infinitive and opener.i == end + 1 and child.sent == head.sent and doc[end].pos_ != "PROPN":
            found = child.right_edge
            end = found.i
            continue
        if child.dep_ != "prep" or child.lower_ not in prepositions or child.left_edge.i != end + 1:
            break
        if doc[child.i - 1].is_punct or child.sent != head.sent or any(t.ent_type_ in WHEN_ENTITIES for t in child.subtree):
            break
        found = child.right_edge
        end = found.i
    return found


def into_quote(clause: Token, node: Token, offset: int, every: frozenset[int]) -> bool:
    """Whether ``clause`` goes on, from a subject of its own, into a quotation at ``offset``.

    "The toll was *“a scandal,”* she said", "Nothing the mayor said *“will calm anyone,”* Ruiz
    said": the words before the quotation are the claim's subject and verb, not the writer's
    lead-in. ``node`` is the smallest part of ``clause`` that holds the quotation. Not when a
    comma, dash or colon sets the quotation off, when a cue (``every``: the heads of all cues)
    stands before it, or when the quotation sits in a relative or adverbial clause of its own.
    """
    doc = clause.doc
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")), None)
    if subject is None or subject.idx >= offset or subject.sent.start != clause.sent.start:
        return False
    before = doc_text(doc)[:offset].rstrip()
    if not before or not before[-1].isalnum():
        return False
    if any(t.i in every for t in doc[subject.left_edge.i : node.i] if t.idx < offset):
        return False
    ancestor = node
    while ancestor.i != clause.i:
        if ancestor.dep_ in ("relcl", "acl", "advcl", "parataxis") or ancestor.head.i == ancestor.i:
            return False  # (or the quotation is not in the clause at all)
        ancestor = ancestor.head
    return True


def quoted_phrase(doc: Doc, cue: Token, inner: Span, quote_end: int) -> int | None:
    """Where the cue's object or clause ends when a quotation (its words ``inner``) opens it.

    'reported “1,200 container delays” at the south terminal', 'admitted “a few errors” where
    the county paid twice', 'claimed “the board ignores” the complaints': the quoted words
    head the cue's object or clause, whose words go on right after the closing mark (at
    ``quote_end``) in the same sentence; what was said is the whole phrase. A quotation
    that closes on punctuation ('denounced “gridlock,” which ...') ends its phrase.
    """
    _, head = quoted_head(inner, len(inner))
    if head is None or head.head.i != cue.i or head.dep_ not in ("dobj", "ccomp"):
        return None
    text = doc_text(doc)
    if text[inner.end_char - 1 : inner.end_char] in ",.;:!?" or not text[quote_end:].lstrip(" ")[:1].isalnum():
        return None
    last = max(t.i for t in head.subtree)
    while last >= inner.end and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last < inner.end or doc[last].sent.start != inner.sent.start:
        return None
    end = doc[last].idx + len(doc[last])
    return end if end > quote_end else None
