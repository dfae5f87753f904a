"""Claims of quotations that no reporting cue reached.

After the cues have made their claims, a quotation none of them took is read against what
stands around it:

* "“X,” he said, “Y.”", 'Both sides “saw X,” said Ruiz. “Y.”', "X, Ruiz said. “Y.”": the
  quotation right after a claim, with only that claim's cue clause between, is a further part
  of that claim (after a full stop too, unless ``join_quotes="sentence"``); so is one that
  opens the next paragraph when the cue clause ends its own ("“X,” he said.¶“Y.”", news
  copy's way of going on); a quotation inside the cue's sentence that no punctuation sets off
  ('he said on Channel 4's “Sunday Report.”') is no part of it;
* 'said she has the quality the job needs: "Steadiness."': after a colon it ends the
  content of the claim before it;
* "“...” ― Ana Ruiz", "Ana Ruiz: “...”", "He made his case: “...”": a dash and a name, a
  name and a colon, or a clause and a colon (also one that ends the paragraph before) credit it
  (:mod:`attribution.extract.claims.credits`);
* "He added that rates would fall. “They have no choice.”": a quotation on its own right
  after a reported clause that ends its sentence goes on with that clause;
* "“A,” he said. He smiled.¶“B.”": a quotation paragraph of its own that does not follow the
  cue clause straight on is a claim of its own, with the speaker, cue and medium of the
  quoted claim before it.

A word or two in quotation marks inside a sentence ('he said of the “deal.”'), a
quotation inside the narrator's sentence, and a line of its own in single quotation marks
in a text that quotes in double ones ("¶'A pier nobody wants to fix.'¶": a section heading,
as American copy sets headlines) are no claims.
"""

import re

import attrs
from spacy.tokens import Doc

from .._doctext import doc_text
from .credits import colon_clause, colon_speaker, continued, credit_only_between, dash_credit
from .filters import ClaimWords, names_party
from .quotes import Quote, opens_sentence
from .spans import Draft, ends_quoted, is_quoted

__all__ = ["loose_quotes"]

_SENTENCE_END = re.compile(r"[.!?]\s")
#: The end of a cue clause before a quotation that goes on: "he said, “", "he said. “", "she added: “".
_CLAUSE_CLOSED = frozenset(",.;:!?)—–-")


def loose_quotes(
    doc: Doc,
    quotes: list[Quote],
    drafts: list[Draft],
    *,
    words: ClaimWords,
    min_quote_words: int = 4,
    join_quotes: str = "paragraph",
) -> list[Draft]:
    """Claims for the quotations of ``doc`` that none of ``drafts`` (the claims of cues) reached.

    A quotation becomes a further part of the claim before it, extends that claim's
    content, or is a claim of its own with a credit ("― Ana Ruiz", "Jones: “...”") or with
    the speaker of the quoted claim before it (see the module docstring).

    Args:
        doc: The parsed text.
        quotes: Its top-level quotations.
        drafts: The claims found so far, none of whose cues is inside a quotation.
        words: The claim words (for the parties a labelled line may name).
        min_quote_words: The fewest words a quotation needs to be a claim on its own.
        join_quotes: ``"paragraph"`` or ``"sentence"``: see
            :class:`~attribution.extract.claims.step.ClaimsExtractor`.

    Returns:
        The new claims; claims of ``drafts`` a quotation goes on with get it as a part.
    """
    found: list[Draft] = []
    taken = [(d.start, d.end) for d in drafts]
    ordered = sorted(drafts, key=lambda d: d.end)
    double = any(q.family != "single" for q in quotes)
    for quote in quotes:
        if any(s < quote.end and quote.start < e for s, e in taken):
            continue
        if double and _heading(doc_text(doc), quote):
            continue  # "¶'A pier nobody wants to fix.'¶": a section heading, not speech
        inner = doc.char_span(*quote.inner, alignment_mode="expand")
        if inner is None:
            continue
        short = sum(1 for t in inner if t.is_alpha) < min_quote_words
        credited = None if short else dash_credit(doc, quote)
        if credited is not None:
            found.append(credited)  # "“...” ― Ana Ruiz": the credit names the speaker
            taken.append((quote.start, quote.end))
            continue
        previous = [d for d in ordered + found if d.end <= quote.start and d.speaker is not None]
        last = continued(doc, previous, quotes)
        between = doc_text(doc)[last.end : quote.start] if last is not None else ""
        if short and not (opens_sentence(doc_text(doc), quote.start) or between.rstrip().endswith(",")):
            continue  # 'he said of the “deal.”': a word or two in quotation marks inside a sentence
        if last is not None and _joins(doc, last, between, quotes, join_quotes):
            last.parts.append((quote.start, quote.end))  # “X,” he said, “Y.”: one claim in parts
            taken.append((quote.start, quote.end))
            continue
        if short:
            continue  # a word or two in quotation marks, on its own, is no claim
        if last is not None and re.fullmatch(r"\s*:\s*", between) and not ends_quoted(last, quotes):
            # 'said she has the quality the job needs: "Steadiness."': the quotation ends the content
            last.parts[-1] = (last.parts[-1][0], quote.end)
            taken.append((quote.start, quote.end))
            continue
        labelled = colon_speaker(doc, quote) or colon_clause(doc, quote, lambda t: names_party(t, words))
        if labelled is not None:
            found.append(labelled)
            taken.append((quote.start, quote.end))
            continue
        sentence = doc[inner.start].sent
        outside = [
            t for t in sentence if not (quote.start <= t.idx < quote.end) and not t.is_punct and not t.is_space
        ]
        if outside and sentence.start_char < quote.start:
            continue  # a quotation inside the narrator's sentence
        if len(outside) > 3 or last is None:
            continue
        if (
            not outside
            and re.fullmatch(r"[.!?] +", between)
            and last.cue is not None
            and last.cue_char < last.start
            and not is_quoted(last, quotes)
        ):
            # "He added that rates would fall. “They have no choice.”": the quotation goes on
            # with the reported clause that ends the sentence before it, in the same paragraph.
            last.parts[-1] = (last.parts[-1][0], quote.end)
            taken.append((quote.start, quote.end))
            continue
        if between.count("\n") > 2 or len(between) > 400 or not is_quoted(last, quotes):
            continue
        # "“A,” he said. “B.”": B is a claim of its own, with A's speaker, cue and medium.
        draft = attrs.evolve(last, parts=[(quote.start, quote.end)], how="continued", parent=None)
        found.append(draft)
        taken.append((quote.start, quote.end))
    return found


def _heading(text: str, quote: Quote) -> bool:
    """Whether ``quote`` is in single quotation marks and alone on its line (but for punctuation)."""
    if quote.family != "single" or quote.parts or not quote.closed:
        return False
    start = text.rfind("\n", 0, quote.start) + 1
    end = text.find("\n", quote.end)
    rest = text[start : quote.start] + text[quote.end : len(text) if end < 0 else end]
    return not rest.strip(" \t\u00a0.!?")


def _joins(doc: Doc, last: Draft, between: str, quotes: list[Quote], join_quotes: str) -> bool:
    """Whether a quotation right after ``last`` (and its cue) is more of the same claim."""
    if len(between) > 200:
        return False
    if "\n" in between and not (join_quotes == "paragraph" and _paragraph_after(doc, last, between)):
        return False
    if last.cue is None or not (last.end <= last.cue_char < last.end + len(between)):
        return False  # only the cue clause may stand between the two quotations
    if not credit_only_between(doc, last, last.end + len(between)):
        return False
    start = last.end + len(between)
    if start < doc[last.cue.start].sent.end_char and not _clause_closed(doc, last.end, start):
        return False  # 'he said on Channel 4's “Sunday Report.”': a title inside the cue's sentence
    return join_quotes == "paragraph" or not _SENTENCE_END.search(between)


def _clause_closed(doc: Doc, start: int, end: int) -> bool:
    """Whether punctuation, and at most a conjunction after it, ends ``start..end`` ("he said, but “")."""
    span = doc.char_span(start, end, alignment_mode="contract")
    tokens = [t for t in span if not t.is_space] if span is not None else []
    if tokens and tokens[-1].pos_ == "CCONJ":
        tokens.pop()  # '“A,” he said, but “B.”'
    return bool(tokens) and tokens[-1].text[-1:] in _CLAUSE_CLOSED


def _paragraph_after(doc: Doc, last: Draft, between: str) -> bool:
    """Whether ``between`` is the cue clause that ends ``last``'s paragraph, and a paragraph break.

    '“A,” he said.¶“B.”': a quotation that opens the paragraph right after the one its cue
    clause ends goes on with the claim, as the news convention reads it.
    """
    head, _, tail = between.rstrip(" \t\u00a0").rpartition("\n")
    if "\n" in head.strip() or tail.strip() or last.cue is None:
        return False
    ends = doc[last.cue.start].sent.end_char
    return not doc_text(doc)[ends : last.end + len(head.rstrip())].strip()
