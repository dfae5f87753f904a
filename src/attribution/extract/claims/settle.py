"""Overlaps, nesting and modes of the claims step's drafts.

Private to :mod:`attribution.extract.claims`: the step (:mod:`.step`) drafts claims from
cues and quotations, then :func:`settle` drops duplicates, trims overlapping drafts and
nests claims inside claims; :func:`claim_mode` tells direct, mixed and indirect apart.
"""

import bisect
import itertools

from spacy.tokens import Doc

from ...model import ClaimMode
from .._doctext import doc_text
from .spans import Draft, Quotes, trim
from .quotes import Quote

__all__ = ["NESTABLE", "by_paragraph", "claim_mode", "cut", "is_scare_quote", "nestable", "settle"]

#: Cue classes whose claims may sit inside another claim's content. Demands and
#: intentions are not claims of their own there, nor is speech reported as a request
#: ("has asked Pakistan *to take action*"); commitments are ("has offered *to fly*").
NESTABLE = frozenset({"speech", "writing", "commitment"})


def nestable(draft: Draft) -> bool:
    """Whether ``draft`` may be a claim nested inside another claim's content."""
    assert draft.cue is not None
    if draft.cue.cls not in NESTABLE:
        return False
    return draft.cue.cls == "commitment" or draft.how != "infinitive"


# -- overlaps, nesting and modes -------------------------------------------------------------


def settle(doc: Doc, drafts: list[Draft], quotes: list[Quote]) -> list[Draft]:
    """Drop duplicates, trim overlapping claims and nest claims inside claims."""
    if not drafts:
        return []
    drafts = sorted(drafts, key=lambda d: (d.start, -d.end))
    kept: list[Draft] = []
    seen: dict[tuple[tuple[int, int], ...], int] = {}
    inside = Quotes.of(quotes).inside
    for draft in drafts:
        key = tuple(draft.parts)
        if key in seen:
            # Two cues for one content: keep the one outside the quotation. '"A [b], thinking
            # C," Jones said': "thinking" sits inside the quotation and would drop it below. And
            # keep the credit after a quotation over the cue of the sentence before it.
            first = kept[seen[key]]
            if (inside(first.cue_char) and not inside(draft.cue_char)) or _credited_after(doc, first, draft):
                kept[seen[key]] = draft
            continue
        seen[key] = len(kept)
        kept.append(draft)
    # A draft's bounds only ever shrink below, so the drafts whose bounds hold an inner
    # draft now held it from the start: they are among those starting at or before it,
    # walked back while one of them (or one before it) still reaches its end.
    starts = [d.start for d in kept]
    reach = list(itertools.accumulate((d.end for d in kept), max))
    initial_ends = [d.end for d in kept]
    for inner in kept:
        # Only this loop changes inner.parts (emptied: nothing more to do) or other
        # drafts' parts, so inner's bounds are read once.
        if inner.cue is None or not inner.parts:
            continue
        start, end = inner.start, inner.end
        j = bisect.bisect_right(starts, start) - 1
        holding = []
        while j >= 0 and reach[j] >= end:
            if initial_ends[j] >= end:
                holding.append(j)
            j -= 1
        for index in reversed(holding):
            outer = kept[index]
            parts = outer.parts
            if outer is inner or not parts or not (parts[0][0] <= start and end <= parts[-1][1]):
                continue
            if parts == inner.parts:
                continue
            if not any(s < end and start < e for s, e in parts):
                continue  # in a gap between the parts: '“A,” he said, *noting* that C. “B.”'
            cue_inside = parts[0][0] <= inner.cue_char < parts[-1][1]
            if (
                not cue_inside
                and inner.end == outer.end
                and outer.cue is not None
                and outer.cue_char < outer.start
                and inner.cue_char >= inner.end
                and "\n" in doc_text(doc)[inner.start : inner.end]
            ):
                # 'X said the ministry "A.¶"B," he said.': the quotation over paragraphs is
                # attributed again after its end; it stays one claim, the first cue's.
                inner.parts = []
                break
            if cue_inside and not nestable(inner):
                inner.parts = []
                break
            elif cue_inside:
                current = inner.parent
                if _descends(outer, inner):
                    continue  # two claims each inside the other's envelope: the first nesting stands
                if not current or not current.parts or current.end - current.start > outer.end - outer.start:
                    inner.parent = outer
            elif outer.cue is not None and not (inner.start <= outer.cue_char < inner.end) and not inside(inner.cue_char):
                # The inner claim's cue sits outside: the outer content stops before it. (A cue
                # inside another quotation makes no claim, below: it cuts nothing.)
                shortened = [cut(doc, s, min(e, inner.start)) for s, e in outer.parts if s < inner.start]
                outer.parts = [p for p in shortened if p[1] - p[0] >= 8] or outer.parts
    for draft in kept:
        if draft.parts and (draft.parent is None or not draft.parent.parts) and inside(draft.cue_char):
            draft.parts = []  # a cue inside a quotation that is nobody's claim
    return [d for d in kept if d.parts]


def _credited_after(doc: Doc, first: Draft, draft: Draft) -> bool:
    """Whether a quotation the cue of the sentence before takes (``first``) is credited after it (``draft``).

    'Ruiz spoke on Tuesday. “A?” Ruiz asked.': the credit after the quotation names who said
    it; the cue of the sentence before only stands nearby. So too when the credit trails a
    quotation of several sentences: 'Reyes fired back with a statement. “A. B,” Reyes said.'
    """
    if not (first.how == "quote" and draft.how in ("quote", "trailing") and first.cue is not None):
        return False
    return first.cue_char < first.start and draft.cue_char >= draft.end and doc[first.cue.start].sent.end_char <= first.start


def _descends(draft: Draft, ancestor: Draft) -> bool:
    """Whether ``ancestor`` is ``draft``'s parent, or its parent's, and so on."""
    seen: set[int] = set()
    while draft.parent is not None and id(draft) not in seen:
        seen.add(id(draft))
        if draft.parent is ancestor:
            return True
        draft = draft.parent
    return False


def by_paragraph(
    parts: list[tuple[int, int]], pieces: list[tuple[tuple[int, int], ...]]
) -> list[tuple[int, int]]:
    """``parts`` cut where a quotation running over paragraphs breaks: one part per paragraph."""
    result = []
    for start, end in parts:
        for quote in pieces:
            if not (quote[0][0] < end and start < quote[-1][1]):
                continue
            for (_, piece_end), (next_start, _) in itertools.pairwise(quote):
                if start < piece_end and next_start < end:
                    result.append((start, piece_end))
                    start = next_start
        result.append((start, end))
    return result


def cut(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``start..end`` without trailing punctuation and clause-linking words ("..., even though")."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return trim(doc_text(doc), start, end)
    tokens = list(span)
    while tokens and (
        tokens[-1].is_punct
        or tokens[-1].is_space
        or tokens[-1].dep_ in ("mark", "cc")
        or (tokens[-1].dep_ == "advmod" and tokens[-1].head.idx >= end)
    ):
        tokens.pop()
    if not tokens:
        return (start, start)
    return trim(doc_text(doc), start, tokens[-1].idx + len(tokens[-1]))


def claim_mode(text: str, parts: list[tuple[int, int]], quotes: list[Quote], doc: Doc) -> ClaimMode:
    """Direct when no word lies outside the quotations, mixed when a part carries one, else indirect."""
    covered = outside = 0
    indexed = Quotes.of(quotes)
    for start, end in parts:
        # Every quotation that passes the test below overlaps start - 1 .. end + 2.
        near = indexed.overlapping(start - 1, end + 2) if start <= end else quotes
        inside = [q for q in near if start <= q.start and q.end <= end + 1 or q.start <= start and end <= q.end]
        inside = [q for q in inside if not is_scare_quote(doc, q, start)]
        at = start  # the gaps between the quotations are read once, the quotations not letter by letter
        for q in sorted(inside, key=lambda q: q.start):
            first, last = max(q.start, at), min(q.end, end)
            outside += sum(1 for c in text[at:first] if c.isalnum())
            covered += bool(text[first:last].strip())
            at = max(at, last)
        outside += sum(1 for c in text[at:end] if c.isalnum())
    if covered == 0:
        return ClaimMode.INDIRECT
    if outside == 0:
        return ClaimMode.DIRECT
    return ClaimMode.MIXED


def is_scare_quote(doc: Doc, quote: Quote, content_start: int) -> bool:
    """A short quoted term inside a noun phrase, after its determiner: "a new “hit list”"."""
    inner = doc.char_span(*quote.inner, alignment_mode="expand")
    if inner is None or quote.start == content_start:
        return False
    words = [t for t in inner if t.is_alpha]
    if not words or len(words) > 3:
        return False
    before = doc[inner.start - 2] if inner.start >= 2 else None
    return before is not None and before.pos_ in ("DET", "ADJ") and before.dep_ in ("det", "amod")

