"""The built-in step ``attribution.claims.v1``: claims, their cues, speakers and sources.

For every reporting cue (see :mod:`attribution.extract.claims.cues`) the content is read off
the dependency tree:

* the complement clause of the verb ("officials say *that Washington has asked...*",
  "*That includes the senior leaders...*, the official said");
* a trailing cue after a quotation ("*Pakistan has “offered ...,”* one of the officials
  said") takes the smallest clause holding the quotation;
* a parenthetical cue ("..., the U.S. officials said, *“robust consultations
  continue,”...*", "“X,” he said, “Y”") takes the clause it interrupts, in parts;
* "according to X" takes the clause it modifies;
* a quotation after "said:" or with no clause of its own is attached to the nearest cue
  of its sentence; a paragraph that is only a quotation continues the previous claim's
  speaker.

Quotations come from :mod:`attribution.extract.claims.quotes`; a claim is *direct* when its
content is quoted, *mixed* when it carries a quoted fragment, *indirect* otherwise.
Short quoted terms inside a noun phrase ("a new “hit list”") are scare quotes: they
neither make a claim nor make one mixed. A claim whose content and cue lie inside
another claim's content is nested under it (``parent``).

Speakers are resolved simply (same words, pronouns and definite descriptions to the
nearest compatible earlier speaker; see :func:`~attribution.extract.claims.speakers.resolve_mentions`);
the ``attribution.sources.v1`` step refines the sources.
"""

import bisect
import itertools
import re

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan, Token

from ...model import AttributedDocument, Claim, ClaimMode, Source, SourceKind, Span
from .._doctext import current_doc, doc_text
from ..steps import ClaimsConfig, builtin_step, step_factory
from ..syntax import noun_phrase
from .content import (
    Draft,
    Quotes,
    according_to,
    after_quote,
    bare_object,
    clause_span,
    colon_speaker,
    ends_quoted,
    in_quote,
    interrupted_parts,
    interrupts,
    inverted_parts,
    is_quoted,
    labelled_lines,
    medium_of,
    object_parts,
    quote_after,
    quote_before,
    quoted_offsets,
    recipient_of,
    starts_quote,
    trim,
)
from .cues import ReportingCue, ReportingCueFinder
from .filters import ClaimWords, is_question, is_request, names_party, quoted_term
from .quotes import Quote, find_quotes
from .speakers import inverted_speaker, mention_kind, resolve_mentions, speaker_token

__all__ = ["ClaimsExtractor", "make_claims"]

NAME = "attribution.claims.v1"

_SENTENCE_END = re.compile(r"[.!?]\s")
_CLAUSE_DEPS = ("ccomp",)
#: Cue classes whose claims may sit inside another claim's content. Demands and
#: intentions are not claims of their own there, nor is speech reported as a request
#: ("has asked Pakistan *to take action*"); commitments are ("has offered *to fly*").
_NESTABLE = frozenset({"speech", "writing", "commitment"})
_TRAILING_DEPS = ("parataxis", "advcl", "conj")
#: Base confidence by how the content was found, and the multiplier by cue class (the
#: claim with no cue, a quotation continuing an earlier claim, takes 1.0). Both were
#: fitted to the overlap precision of each (how, class) cell on PolNeAR *train*
#: (``benchmarks/confidence.py --split train --cells``), so that a claim's confidence
#: estimates the chance that it is right and a higher confidence means a higher
#: precision; ``benchmarks/confidence.py`` reports the curve on dev.
_CONFIDENCE = {
    "clause": 0.86,
    "according": 0.79,
    "infinitive": 0.76,
    "quote": 0.71,
    "object": 0.7,
    "trailing": 0.68,
    "continued": 0.62,
}
_CLASS_WEIGHT = {
    "speech": 1.0,
    "writing": 1.0,
    "commitment": 0.95,
    "demand": 0.9,
    "evidence": 0.87,
    "intention": 0.8,
    "belief": 0.77,
}
#: Every cue class of the lexicon.
_CLASSES = tuple(_CLASS_WEIGHT)


def _nestable(draft: Draft) -> bool:
    """Whether ``draft`` may be a claim nested inside another claim's content."""
    assert draft.cue is not None
    if draft.cue.cls not in _NESTABLE:
        return False
    return draft.cue.cls == "commitment" or draft.how != "infinitive"


class ClaimsExtractor:
    """Finds claims, cues and speakers in a parsed Doc.

    The matchers are built once, here; each call only runs them and walks the tree
    around the cues they find.

    Args:
        nlp: The pipeline (its vocabulary builds the matchers).
        classes: Cue classes to use (see ``data/README.md``); by default all of them.
        min_quote_words: The fewest words a quotation needs to be a claim on its own.
        join_quotes: What to do with a quotation that follows a quoted claim and its
            cue in the same paragraph. ``"sentence"`` (the default) joins it to that
            claim as a further part only when no sentence ends in between ("“X,” he
            said, “Y”"); after a full stop ("“X,” he said. “Y.”") it becomes a claim of
            its own with the same speaker. ``"paragraph"`` always joins, as PolNeAR
            annotates.

    Raises:
        ValueError: ``join_quotes`` is neither ``"sentence"`` nor ``"paragraph"``.
    """

    name = NAME
    after: tuple[str, ...] = builtin_step(NAME).after
    before: tuple[str, ...] = builtin_step(NAME).before

    def __init__(
        self,
        nlp: Language,
        *,
        classes: tuple[str, ...] | None = _CLASSES,
        min_quote_words: int = 4,
        join_quotes: str = "sentence",
    ) -> None:
        if join_quotes not in ("sentence", "paragraph"):
            raise ValueError(f"join_quotes must be 'sentence' or 'paragraph', not {join_quotes!r}")
        self.join_quotes = join_quotes
        self.cues = ReportingCueFinder(nlp.vocab, classes=classes)
        self.words = ClaimWords.load()
        self.min_quote_words = min_quote_words

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with the claims and sources found in ``doc``."""
        text = doc_text(doc)
        quotes = Quotes(q for q in find_quotes(text) if q.depth == 0)
        with current_doc(doc, text):
            drafts = self._drafts(doc, quotes)
            claims, sources = _build(
                doc, drafts, quotes, offset=len(partial.claims), source_offset=len(partial.sources)
            )
        return attrs.evolve(
            partial, claims=(*partial.claims, *claims), sources=(*partial.sources, *sources)
        )

    # -- finding drafts ----------------------------------------------------------------

    def _drafts(self, doc: Doc, quotes: list[Quote]) -> list[Draft]:
        mediums = self.cues.mediums(doc)
        drafts: list[Draft] = []
        cues = self.cues(doc)
        heads = frozenset(c.head for c in cues)
        for cue in cues:
            draft = self._from_cue(doc, cue, quotes, mediums, heads)
            if draft is not None:
                drafts.append(draft)
        drafts = _settle(doc, drafts, quotes)
        inside = quoted_offsets(quotes)
        outer = [d for d in drafts if not inside(d.cue_char)]
        drafts.extend(self._from_quotes(doc, quotes, outer))
        drafts.extend(labelled_lines(doc, quotes, drafts))
        drafts.sort(key=lambda d: (d.start, -d.end))
        drafts = _settle(doc, drafts, quotes)
        pieces = [q.parts for q in quotes if q.parts]
        if pieces:
            for draft in drafts:
                draft.parts = _by_paragraph(draft.parts, pieces)
        return drafts

    def _from_cue(
        self,
        doc: Doc,
        cue: ReportingCue,
        quotes: list[Quote],
        mediums: dict[int, tuple[int, str]],
        heads: frozenset[int] = frozenset(),
    ) -> Draft | None:
        head = doc[cue.head]
        if cue.role == "source_prep":
            return according_to(doc, cue, quotes)
        who = speaker_token(head, skip=lambda t: in_quote(t.idx, quotes)) or inverted_speaker(head)
        if who is None:
            return None
        speaker = noun_phrase(who)
        if speaker.start <= head.i < speaker.end or len(speaker) == 0:
            return None
        parts: list[tuple[int, int]] | None = None
        how = "clause"
        clauses = [c for c in head.children if c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")]
        if "that" in cue.frames:
            clauses = self._through_pointer(head, clauses)
        if clauses and "wh" not in cue.frames:
            # "asked how many were hurt", "saw what looked like a rifle": a question asserts nothing.
            asked = [c for c in clauses if is_question(c, self.words)]
            if asked and len(asked) == len(clauses):
                return None
            clauses = [c for c in clauses if c not in asked]
        if clauses and ("that" in cue.frames or "trailing" in cue.frames or "quote" in cue.frames):
            parts = []
            for clause in clauses:
                if clause.i < head.i and "trailing" in cue.frames:
                    span = after_quote(doc, head, clause, clause_span(doc, clause, quotes, heads), quotes)
                    how = "trailing"
                elif clause.i > head.i and ("that" in cue.frames or starts_quote(doc, clause, quotes)):
                    span = self._past_pointer(doc, clause, clause_span(doc, clause, quotes, heads))
                else:
                    continue
                if not parts or span[0] >= parts[-1][1]:
                    parts.append(span)
        elif "trailing" in cue.frames and head.dep_ in _TRAILING_DEPS and interrupts(head):
            parts = interrupted_parts(doc, head, quotes)
            how = "trailing"
        elif "to" in cue.frames:
            objects = [c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.i > head.i]
            if objects and any(t.dep_ == "aux" and t.lower_ == "to" for t in objects[0].children):
                if is_request(head, objects[0]):
                    return None  # "asked the judge to reject it": a request claims nothing
                parts = [clause_span(doc, objects[0], quotes)]
                how = "infinitive"
        if not parts and ("object" in cue.frames or "target" in cue.frames):
            parts = self._object(doc, head, quotes, target="target" in cue.frames)
            how = "object"
        if not parts and "quote" in cue.frames:
            parts = quote_after(doc, head, quotes) or quote_before(doc, head, speaker, quotes)
            inner = next((q.inner for q in quotes if (q.start, q.end) == parts[0]), None) if parts else None
            if inner is not None and quoted_term(doc, doc.char_span(*inner, alignment_mode="expand")):
                parts = None  # "denies writing 'Globe' editorial": a quoted term, not a quotation
            how = "quote"
        if not parts and "trailing" in cue.frames and who.i > head.i:
            parts = inverted_parts(doc, head, quotes)  # "Hardly, said the official."
            how = "trailing"
        if not parts or any(e <= s for s, e in parts):
            return None
        if any(s <= speaker.start_char < e for s, e in parts):
            return None
        return Draft(
            parts=parts,
            how=how,
            cue=cue,
            cue_char=head.idx,
            speaker=speaker,
            recipient=recipient_of(head, cue, parts),
            medium=cue.medium or medium_of(head, mediums),
        )

    def _through_pointer(self, head: Token, clauses: list[Token]) -> list[Token]:
        """``clauses``, with a pointer replaced by its own clause ("reported, citing X, that ...").

        The parser hangs the cue's clause on the pointer ("citing"), or makes the pointer
        the cue's clause; either way the pointer's object is no part of what was said.
        """
        pointers = [
            c
            for c in head.children
            if c.i > head.i and c.dep_ in ("advcl", "xcomp", *_CLAUSE_DEPS) and c.lemma_.lower() in self.words.pointer
        ]
        if not pointers:
            return clauses
        found = [c for c in clauses if c not in pointers]
        for pointer in pointers:
            found += [c for c in pointer.children if c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX")]
        return sorted(found, key=lambda t: t.i)

    def _past_pointer(self, doc: Doc, clause: Token, span: tuple[int, int]) -> tuple[int, int]:
        """``span`` without a pointer that opens it ("citing X, that ..."): it is not content."""
        for child in clause.children:
            if child.i < clause.i and child.dep_ == "advcl" and child.lemma_.lower() in self.words.pointer:
                end = child.right_edge.idx + len(child.right_edge)
                if span[0] <= child.left_edge.idx and end < span[1]:
                    return trim(doc_text(doc), end, span[1])
        return span

    def _object(
        self, doc: Doc, head: Token, quotes: list[Quote], *, target: bool = False
    ) -> list[tuple[int, int]] | None:
        """The object as content, unless it is a request or a bare party ("blamed Mr. Green").

        With ``target`` (a verb whose object is whom or what it judges: "blamed", "praised")
        a bare object is never content; "blamed the storm *for the delay*" is.
        """
        complements = [c for c in head.children if c.dep_ == "xcomp" and c.i > head.i]
        if complements and any(t.dep_ == "aux" and t.lower_ == "to" for t in complements[0].children):
            if is_request(head, complements[0]):
                return None  # "urged the volunteers to deny it"
        parts = object_parts(doc, head, quotes)
        if not parts:
            return None
        first = next(c for c in head.children if c.dep_ == "dobj" and c.i > head.i and c.pos_ != "PRON")
        if bare_object(head, first) and (target or names_party(first, self.words)):
            return None  # a bare object naming whom the speech is about
        return parts

    def _from_quotes(self, doc: Doc, quotes: list[Quote], drafts: list[Draft]) -> list[Draft]:
        """Claims for quotations that no cue reached."""
        found: list[Draft] = []
        taken = [(d.start, d.end) for d in drafts]
        ordered = sorted(drafts, key=lambda d: d.end)
        for quote in quotes:
            if any(s < quote.end and quote.start < e for s, e in taken):
                continue
            inner = doc.char_span(*quote.inner, alignment_mode="expand")
            if inner is None or sum(1 for t in inner if t.is_alpha) < self.min_quote_words:
                continue
            previous = [d for d in ordered + found if d.end <= quote.start and d.speaker is not None]
            last = max(previous, key=lambda d: d.end) if previous else None
            between = doc_text(doc)[last.end : quote.start] if last is not None else ""
            if last is not None and self._joins(doc, last, between, quotes):
                last.parts.append((quote.start, quote.end))  # “X,” he said, “Y.”: one claim in parts
                taken.append((quote.start, quote.end))
                continue
            labelled = colon_speaker(doc, quote)
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
            if between.count("\n") > 2 or len(between) > 400 or not is_quoted(last, quotes):
                continue
            # "“A,” he said. “B.”": B is a claim of its own, with A's speaker, cue and medium.
            draft = attrs.evolve(last, parts=[(quote.start, quote.end)], how="continued", parent=None)
            found.append(draft)
            taken.append((quote.start, quote.end))
        return found

    def _joins(self, doc: Doc, last: Draft, between: str, quotes: list[Quote]) -> bool:
        """Whether a quotation right after ``last`` (and its cue) is more of the same claim."""
        if "\n" in between or len(between) > 200 or not ends_quoted(last, quotes):
            return False
        if last.cue is None or not (last.end <= last.cue_char < last.end + len(between)):
            return False  # only the cue clause may stand between the two quotations
        return self.join_quotes == "paragraph" or not _SENTENCE_END.search(between)


# -- overlaps, nesting and modes -------------------------------------------------------------


def _settle(doc: Doc, drafts: list[Draft], quotes: list[Quote]) -> list[Draft]:
    """Drop duplicates, trim overlapping claims and nest claims inside claims."""
    drafts = sorted(drafts, key=lambda d: (d.start, -d.end))
    kept: list[Draft] = []
    seen: set[tuple[tuple[int, int], ...]] = set()
    for draft in drafts:
        key = tuple(draft.parts)
        if key in seen:
            continue
        seen.add(key)
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
            if cue_inside and not _nestable(inner):
                inner.parts = []
                break
            elif cue_inside:
                current = inner.parent
                if not current or not current.parts or current.end - current.start > outer.end - outer.start:
                    inner.parent = outer
            elif outer.cue is not None and not (inner.start <= outer.cue_char < inner.end):
                # The inner claim's cue sits outside: the outer content stops before it.
                cut = [_cut(doc, s, min(e, inner.start)) for s, e in outer.parts if s < inner.start]
                outer.parts = [p for p in cut if p[1] - p[0] >= 8] or outer.parts
    inside = quoted_offsets(quotes)
    for draft in kept:
        if draft.parts and (draft.parent is None or not draft.parent.parts) and inside(draft.cue_char):
            draft.parts = []  # a cue inside a quotation that is nobody's claim
    return [d for d in kept if d.parts]


def _by_paragraph(
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


def _cut(doc: Doc, start: int, end: int) -> tuple[int, int]:
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


def _mode(text: str, parts: list[tuple[int, int]], quotes: list[Quote], doc: Doc) -> ClaimMode:
    """Direct when every part is quoted, mixed when a part carries a quotation, else indirect."""
    words = covered = 0
    indexed = Quotes.of(quotes)
    for start, end in parts:
        # Every quotation that passes the test below overlaps start - 1 .. end + 2.
        near = indexed.overlapping(start - 1, end + 2) if start <= end else quotes
        inside = [q for q in near if start <= q.start and q.end <= end + 1 or q.start <= start and end <= q.end]
        inside = [q for q in inside if not _scare(doc, q, start)]
        words += sum(1 for c in text[start:end] if not c.isspace())
        covered += sum(1 for q in inside for c in text[max(q.start, start) : min(q.end, end)] if not c.isspace())
    if covered == 0:
        return ClaimMode.INDIRECT
    if covered >= words - 2 * len(parts):
        return ClaimMode.DIRECT
    return ClaimMode.MIXED


def _scare(doc: Doc, quote: Quote, content_start: int) -> bool:
    """A short quoted term inside a noun phrase, after its determiner: "a new “hit list”"."""
    inner = doc.char_span(*quote.inner, alignment_mode="expand")
    if inner is None or quote.start == content_start:
        return False
    words = [t for t in inner if t.is_alpha]
    if not words or len(words) > 3:
        return False
    before = doc[inner.start - 2] if inner.start >= 2 else None
    return before is not None and before.pos_ in ("DET", "ADJ") and before.dep_ in ("det", "amod")


# -- building the model --------------------------------------------------------------------


def _end_char(token: Token) -> int:
    return token.idx + len(token)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _build(
    doc: Doc, drafts: list[Draft], quotes: list[Quote], *, offset: int = 0, source_offset: int = 0
) -> tuple[list[Claim], list[Source]]:
    text = doc_text(doc)
    ids = {id(d): f"c{offset + i}" for i, d in enumerate(drafts, 1)}
    # Sources: one per resolved speaker.
    mentions: list[SpacySpan] = []
    mention_index: dict[tuple[int, int], int] = {}
    for draft in drafts:
        speaker = draft.speaker
        if speaker is not None and (speaker.start_char, speaker.end_char) not in mention_index:
            mention_index[(speaker.start_char, speaker.end_char)] = len(mentions)
            mentions.append(speaker)
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start_char)
    ordered = [mentions[i] for i in order]
    owners = resolve_mentions(ordered)
    source_ids: dict[int, str] = {}
    members: dict[str, list[SpacySpan]] = {}
    for position, owner in enumerate(owners):
        if owner not in source_ids:
            source_ids[owner] = f"s{source_offset + len(source_ids) + 1}"
        members.setdefault(source_ids[owner], []).append(ordered[position])
    by_span = {(m.start_char, m.end_char): source_ids[owners[p]] for p, m in enumerate(ordered)}
    sources = []
    for source_id, spans in members.items():
        first = spans[0]
        kind = mention_kind(first)
        sources.append(
            Source(
                id=source_id,
                kind=SourceKind(kind),
                mentions=tuple(_span(text, m.start_char, m.end_char) for m in spans),
            )
        )
    claims = []
    for draft in drafts:
        parts = [_span(text, s, e) for s, e in draft.parts]
        content = _span(text, draft.start, draft.end)
        speaker = draft.speaker
        cue = draft.cue
        weight = _CLASS_WEIGHT.get(cue.cls, 0.7) if cue is not None and draft.how != "continued" else 1.0
        claims.append(
            Claim(
                id=ids[id(draft)],
                source=None if speaker is None else by_span[(speaker.start_char, speaker.end_char)],
                source_mention=None if speaker is None else _span(text, speaker.start_char, speaker.end_char),
                content=content,
                content_parts=parts if len(parts) > 1 else (),
                cue=None if cue is None else _span(text, doc[cue.start].idx, _end_char(doc[cue.end - 1])),
                mode=_mode(text, draft.parts, quotes, doc),
                recipient=None
                if draft.recipient is None
                else _span(text, draft.recipient.start_char, draft.recipient.end_char),
                medium=draft.medium,
                parent=None if draft.parent is None or id(draft.parent) not in ids else ids[id(draft.parent)],
                confidence=round(_CONFIDENCE.get(draft.how, 0.6) * weight, 3),
            )
        )
    return claims, sources


def _make(nlp: Language, config: ClaimsConfig) -> ClaimsExtractor:
    """The claims step for ``nlp`` (its vocabulary builds the matchers)."""
    classes = {} if config.classes is None else {"classes": config.classes}
    return ClaimsExtractor(nlp, **classes, min_quote_words=config.min_quote_words, join_quotes=config.join_quotes)


#: The factory registered as ``attribution.claims.v1``: ``make_claims(nlp, join_quotes="paragraph")``.
make_claims = step_factory(NAME, _make)
