"""A content that goes on in a second member of a series the parser hangs on the cue.

Used by the claims step (:mod:`attribution.extract.claims.step`) on the last part of a
content that follows its cue:

* a second quotation joined to the one that ends the content by "and" or "or" ('the
  crowd chanted “open the gates” and “no more delays”', 'called the plan “rushed,” and
  “a gift to the builders”'): both quoted pieces are what the cue reports;
* a second bare verb that shares the content's "to" or modal ("pledged to repair the
  bridge, widen the road and reopen the ferry", "vowed to lend $40 million to dairies,
  cut feed taxes and open a market"): the parser conjoins it to the cue, but a cue in the
  past or present tense does not go on in a bare verb; the infinitive does.

:func:`through_series` applies both; the other two return the new end of the part, or ``None``.
"""

from spacy.tokens import Doc, Token

from .._doctext import doc_text
from .quotes import Quote

__all__ = ["second_quotation", "second_verb", "through_series"]

_JOINS = ("and", "or")
_BARE = ("VB",)
_PRESENT = ("VB", "VBP")  # the tagger reads many a bare verb after a comma as a present tense
_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj", "aux", "auxpass")


def through_series(doc: Doc, head: Token, part: tuple[int, int], quotes: list[Quote], every: frozenset[int]) -> tuple[int, int]:
    """``part`` with a second quotation or second bare verbs after it (see the module)."""
    end = second_quotation(doc, head, part, quotes, every) or second_verb(doc, head, part)
    return (part[0], end) if end is not None and end > part[1] else part


def second_quotation(doc: Doc, head: Token, part: tuple[int, int], quotes: list[Quote], every: frozenset[int]) -> int | None:
    """The end of a quotation joined by "and" or "or" to the quotation that ends ``part``.

    Only a closed quotation in the same paragraph, right after the joining word, that no
    credit follows (a comma and a cue: '“A” and “B,” she said': B is the credit's), after
    a cue (``head``) that stands before ``part``; ``every`` holds the heads of all cues.
    """
    start, end = part
    if head.idx >= start:
        return None
    text = doc_text(doc)
    first = next((q for q in quotes if q.closed and q.start < end <= q.end and q.end - end <= 3), None)
    if first is None:
        return None
    rest = text[first.end : first.end + 8]
    word = rest.lstrip(" ,").split(" ", 1)[0]
    if word not in _JOINS:
        return None
    opening = first.end + rest.index(word) + len(word) + 1
    second = next((q for q in quotes if q.start == opening and q.closed), None)
    if second is None or "\n" in text[first.end : second.end]:
        return None
    if "," in text[second.end - 3 : second.end + 1] and _credited(doc, second.end, every):
        return None
    return second.end


def _credited(doc: Doc, offset: int, every: frozenset[int]) -> bool:
    """Whether a credit follows character ``offset``.

    A credit is a cue (``every``: the heads of all cues) among the next three words of the
    sentence with only its own subject before it ("she said", "the union said", "said X"),
    not "and said".
    """
    after = doc.char_span(offset, len(doc_text(doc)), alignment_mode="expand")
    if after is None:
        return False
    words = []
    for token in after:
        if token.is_sent_start or token.text in (".", "?", "!") or len(words) == 3:
            break  # '“B.” The mayor said ...' is a sentence of its own
        if not token.is_punct:
            words.append(token)
    for n, word in enumerate(words):
        if word.i in every:
            return all(any(a.i == word.i for a in w.ancestors) for w in words[:n])
    return False


def second_verb(doc: Doc, head: Token, part: tuple[int, int]) -> int | None:
    """The end of bare verbs conjoined to the cue ``head`` that go on an infinitive ending ``part``.

    The infinitive ("to repair the bridge", "would meet them") is the last verb of the
    part; the bare verbs come right after it, joined by a comma or "and"/"or", with no
    subject or auxiliary of their own, conjoined to the cue. A cue that is itself a bare
    or present verb ("they pledge to X and fix Y") could share them, and is left alone.
    """
    start, end = part
    if head.idx >= start or head.tag_ in _BARE or head.tag_ == "VBP":
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    inside = [t for t in span if not t.is_punct] if span is not None else []
    if not inside:
        return None
    last = inside[-1]
    verb = next((t for t in [last, *last.ancestors] if _infinitive(t) and start <= t.idx), None)
    if verb is None or any(t.idx >= end for t in verb.subtree if not t.is_punct):
        return None
    found = None
    i = last.i + 1
    while i < len(doc) and (doc[i].is_punct and doc[i].text not in "—–-(" or doc[i].dep_ == "cc" and doc[i].lower_ in _JOINS):
        i += 1
    while i < len(doc):
        second = doc[i]
        if second.dep_ != "conj" or second.tag_ not in _PRESENT or second.head.i != head.i or second.left_edge.i != second.i:
            break
        if any(c.dep_ in _SUBJECTS for c in second.children) or second.sent.start != head.sent.start:
            break
        found = _own_end(second)
        i = found.i + 1
        while i < len(doc) and (doc[i].text == "," or doc[i].dep_ == "cc" and doc[i].lower_ in _JOINS):
            i += 1
    return found.idx + len(found) if found is not None else None


def _infinitive(token: Token) -> bool:
    """Whether ``token`` is a bare verb after "to" or a modal ("to repair", "would meet")."""
    return token.tag_ in _BARE and any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in token.children)


def _own_end(verb: Token) -> Token:
    """The last word of ``verb``'s phrase, without later conjuncts that have a subject of their own."""
    cut = next(
        (c for c in verb.children if c.i > verb.i and c.dep_ == "conj" and any(g.dep_ in _SUBJECTS for g in c.children)),
        None,
    )
    words = [t for t in verb.subtree if cut is None or t.i < cut.left_edge.i]
    while len(words) > 1 and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    return words[-1]
