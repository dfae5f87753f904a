"""A quotation left open at a paragraph's end, back with the credit before it.

News copy leaves a quotation that goes on into the next paragraph without a closing mark,
and the next paragraph opens with a mark again (:mod:`attribution.extract.claims.quotes`
pairs the two as one quotation in pieces). When such a quotation opens after a credited
one in mid-paragraph and the next paragraph has a credit of its own, the two claims
share it out as a reader does::

    “The harbor has never been busier,” Marsh said. “Ships are waiting for a berth.
    “We need a second terminal,” Marsh said. “Without it, the carriers go south.”

"Ships are waiting" goes on with Marsh's first claim, as "“A,” she said. “B.”" does; the
second credit says what its own paragraph quotes. Only when both credits name one speaker
(the same words, the last word of a name, or a pronoun): "“A,” Price said. “B¶“C,” Webb
replied" stays Webb's whole quotation.
"""

from spacy.tokens import Doc, Span

from .._doctext import doc_text
from .credits import credit_only_between
from .quotes import Quote, opens_sentence
from .spans import Draft

__all__ = ["left_open"]

_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def left_open(doc: Doc, drafts: list[Draft], quotes: list[Quote]) -> None:
    """Give the first piece of such a quotation to the credited claim before it (in place)."""
    text = doc_text(doc)
    for quote in quotes:
        if len(quote.parts) < 2:
            continue
        (start, end), (following, _) = quote.parts[0], quote.parts[1]
        paragraph = text.rfind("\n", 0, start) + 1
        if not text[paragraph:start].strip() or not opens_sentence(text, start, paragraph):
            continue  # a quotation that opens its paragraph goes on as a whole
        later = [d for d in drafts if d.cue_char > following and any(s <= start and end <= e for s, e in d.parts)]
        earlier = [
            d for d in drafts if d.cue is not None and paragraph <= d.start and d.end <= d.cue_char < start
        ]
        if len(later) != 1 or not earlier:
            continue
        before, after = max(earlier, key=lambda d: d.end), later[0]
        between = text[before.end : start]
        if any(q.start < start and q.end > before.end for q in quotes if q is not quote) or "\n" in between:
            continue  # only the credit of the claim before stands between
        if not credit_only_between(doc, before, start) or not _one_speaker(before.speaker, after.speaker):
            continue
        parts = [(max(s, following), e) if s <= start < e else (s, e) for s, e in after.parts]
        if any(s < start and e > start for s, e in parts):
            continue
        after.parts = parts
        before.parts.append((start, end))


def _one_speaker(first: Span | None, second: Span | None) -> bool:
    """Whether two credits name one speaker ("port director Lena Marsh" and "Marsh", or "he")."""
    if first is None or second is None:
        return False
    a, b = first.text.lower().split(), second.text.lower().split()
    if not a or not b:
        return False
    return a[-1] == b[-1] or (len(b) == 1 and b[0] in _PRONOUNS)
