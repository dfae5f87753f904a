"""A quotation's credit whose speaker the parse lost: the name is read off the words.

"“The plan is dead,” Marta Reyes, the council's budget chair, said." is a quotation and its
credit; but after a quotation that ends in a noun phrase, the parser often hangs the name on a
word inside the quotation (an apposition, an attribute) and leaves the cue without a subject,
so the cue made no claim. The same happens to an inverted credit followed by a participle
("“...,” said the mayor, Dan Pike, asked about the audit": the name becomes the participle's
subject). When a trailing cue made no claim, the credit is read off the text instead:

* *before the cue*: a quotation that opens its sentence, then only a noun phrase (a name or a
  description, no verb), optionally an aside set off by commas, then the cue
  ("“A,” NAME, APPOSITION, said", "“A?” he wondered");
* *after the cue*: a quotation that opens its sentence, the cue right after it, then a noun
  phrase up to a comma or the end of the sentence ("“A,” said NAME, asked about ...").

The quotation is the content, the noun phrase the speaker. Nothing is taken when a claim
already holds the quotation, or when anything else (another quotation, a sentence's end, a
clause of its own) stands between them.
"""

from collections.abc import Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token

from .._doctext import doc_text
from .cues import ReportingCue
from .finders import speaker_draft
from .credits import quote_before
from .quotes import Quote, opens_sentence
from .spans import Draft, Quotes

__all__ = ["credits_by_name", "whole_quotation"]

#: The longest name or description taken as a speaker, and the longest aside after it.
_NAME_WORDS = 8
_ASIDE_WORDS = 25
#: The parts of speech a speaker's noun phrase is made of ("Texas delegate Bill Eastland",
#: "a voice-over in the ad", "Sen. Ada Brook (D-Maine)").
_NAME_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM", "PUNCT", "PART", "ADP"})
#: Before a proper name, a word the tagger took for a verb form that is no finite verb is a
#: title or a modifier ("retired neurosurgeon Ben Carson", "screenwriter Ada Brook").
_TITLE_TAGS = frozenset({"VB", "VBN", "VBG"})
_STOPS = frozenset({".", "!", "?", ";", ":"})
#: How a quotation that a credit follows ends: inside its marks or right after them.
_CREDIT_ENDS = frozenset({",", "?", "!", "—", "–"})
#: Words that may stand between the speaker and the cue ("has said", "also said").
_BEFORE_CUE = frozenset({"aux", "auxpass", "advmod", "neg"})


def credits_by_name(doc: Doc, cues: Iterable[ReportingCue], quotes: list[Quote], drafts: list[Draft]) -> list[Draft]:
    """The claims of trailing ``cues`` whose speaker stands next to them only in the words.

    Args:
        doc: The parsed document.
        cues: Reporting cues that made no claim.
        quotes: The document's top-level quotations.
        drafts: The claims found so far (a quotation one of them holds is left to it).

    Returns:
        A draft per cue whose words around it are a quotation and a name, in cue order.
    """
    taken = [part for draft in drafts for part in draft.parts]
    found: list[Draft] = []
    for cue in cues:
        if "trailing" not in cue.frames and "quote" not in cue.frames:
            continue
        head = doc[cue.head]
        credit = _before(doc, head, quotes) or _after(doc, head, quotes)
        if credit is None:
            continue
        quote, speaker = credit
        if any(s < quote.end and quote.start < e for s, e in taken):
            continue
        draft = speaker_draft(speaker, [(quote.start, quote.end)], cue, how="quote", cue_char=head.idx)
        if draft is not None:
            found.append(draft)
            taken.append((quote.start, quote.end))
    return found


def _before(doc: Doc, head: Token, quotes: list[Quote]) -> tuple[Quote, SpacySpan] | None:
    """"“A,” NAME[, ASIDE,] said": the quotation and the name before the cue."""
    first = head.i
    while first > 0 and doc[first - 1].dep_ in _BEFORE_CUE and doc[first - 1].head.i == head.i:
        first -= 1
    quote = _quote_ending_before(doc, doc[first].idx, quotes)
    if quote is None:
        return None
    words: list[Token] = []
    for token in reversed(doc[max(0, first - _NAME_WORDS - _ASIDE_WORDS - 4) : first]):
        if token.idx < quote.end:
            break
        words.insert(0, token)
    else:
        return None  # too far from the quotation for a name and an aside
    while words and words[0].is_punct and words[0].text in ",—–-":
        words = words[1:]
    comma = next((k for k, t in enumerate(words) if t.text == ","), len(words))
    name, aside = words[:comma], words[comma + 1 :]
    if not _is_name(name) or len(aside) > _ASIDE_WORDS:
        return None
    if any(t.is_space or t.is_quote or t.text in _STOPS for t in aside):
        return None
    return quote, doc[name[0].i : name[-1].i + 1]


def _after(doc: Doc, head: Token, quotes: list[Quote]) -> tuple[Quote, SpacySpan] | None:
    """"“A,” said NAME, ...": the quotation right before the cue and the name after it."""
    text = doc_text(doc)
    low = head.idx
    while low > 0 and text[low - 1] in " ,—–-":
        low -= 1
    quote = Quotes.of(quotes).first_ending(low, low)
    if quote is None or not _credited(text, quote):
        return None
    name: list[Token] = []
    for token in doc[head.i + 1 : head.i + 1 + _NAME_WORDS + 1]:
        if token.text == "," or token.text in _STOPS or token.is_space:
            break
        name.append(token)
    end = head.i + 1 + len(name)
    if end >= len(doc) or not (doc[end].text == "," or doc[end].text in _STOPS or doc[end].is_space):
        return None  # the phrase runs on: no name of its own
    return (quote, doc[head.i + 1 : end]) if _is_name(name) else None


def _quote_ending_before(doc: Doc, begin: int, quotes: list[Quote]) -> Quote | None:
    """The last quotation that ends before ``begin``, when it opens its sentence and ends as credited."""
    index = Quotes.of(quotes)
    before = [q for q in index.overlapping(max(0, begin - 400), begin) if q.end <= begin]
    if not before:
        return None
    quote = max(before, key=lambda q: q.end)
    return quote if _credited(doc_text(doc), quote) else None


def _credited(text: str, quote: Quote) -> bool:
    """Whether ``quote`` opens its sentence and ends as a credited quotation does ("“A,”", "“A?”", "“A”,").

    A title or a name in quotation marks ends with neither ("“Harbor Lights” Star Asked ...").
    """
    if not quote.closed or not opens_sentence(text, quote.start):
        return False
    inner = text[quote.inner[0] : quote.inner[1]].rstrip()
    return inner[-1:] in _CREDIT_ENDS or text[quote.end : quote.end + 1] in _CREDIT_ENDS


def _is_name(words: list[Token]) -> bool:
    """Whether ``words`` read as a noun phrase: a name or a description, no verb, no quotation."""
    if not words or len(words) > _NAME_WORDS:
        return False
    last = words[-1]
    if last.pos_ not in ("PROPN", "NOUN", "PRON") or words[0].pos_ == "ADP":
        return False
    for word in words:
        if word.text in _STOPS or word.is_quote:
            return False
        if word.pos_ not in _NAME_POS and not (last.pos_ == "PROPN" and word.i < last.i and word.tag_ in _TITLE_TAGS):
            return False
    return True


def whole_quotation(
    doc: Doc, head: Token, speaker: SpacySpan, parts: list[tuple[int, int]], quotes: list[Quote]
) -> list[tuple[int, int]]:
    """The whole quotation a trailing cue credits, where the parse gave it a piece of it.

    "“A. I think in terms of B, we ought to C,” Ortiz said": the parser splits a quotation of
    several sentences, and the cue's clause is a piece inside it ("I think in terms of B").
    When the quotation opens its sentence and only the speaker and commas stand between it
    and the cue, all of it is what the cue credits.
    """
    found = quote_before(doc, head, speaker, quotes)
    if not found:
        return parts
    start, end = found[0]
    if not opens_sentence(doc_text(doc), start) or not all(start <= s and e <= end for s, e in parts):
        return parts
    return [(start, end)]
