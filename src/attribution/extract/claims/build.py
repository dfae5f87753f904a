"""Turning the claims step's settled drafts into model claims and sources.

Private to :mod:`attribution.extract.claims`: :func:`build_claims` gives each draft its
id, confidence and mode, and each resolved speaker one source.
"""

from spacy.tokens import Doc, Span as SpacySpan, Token

from ...model import Claim, Source, SourceKind, Span
from .._doctext import doc_text
from .spans import Draft
from .quotes import Quote
from .settle import claim_mode
from .mentions import mention_kind, resolve_mentions

__all__ = ["CLASS_WEIGHT", "CONFIDENCE", "CUE_CLASSES", "NESTED_WEIGHT", "build_claims", "end_char", "model_span"]

#: Base confidence by how the content was found, and the multiplier by cue class (the
#: claim with no cue, a quotation continuing an earlier claim, takes 1.0). Both were
#: fitted to the overlap precision of each (how, class) cell on PolNeAR *train*
#: (``benchmarks/confidence.py --split train --cells``), so that a claim's confidence
#: estimates the chance that it is right and a higher confidence means a higher
#: precision; ``benchmarks/confidence.py`` reports the curve on dev. A noun's own "that"
#: clause ("her belief that X": 30 claims on train, 27 right) takes the base of a verb's
#: clause.
CONFIDENCE = {
    "trailing": 0.9,
    "clause": 0.86,
    "noun": 0.86,
    "according": 0.83,
    "quote": 0.79,
    "infinitive": 0.78,
    "object": 0.75,
    "seeming": 0.73,
    "continued": 0.53,
}
CLASS_WEIGHT = {
    "speech": 1.0,
    "writing": 1.0,
    "commitment": 0.95,
    "demand": 0.9,
    "evidence": 0.87,
    "intention": 0.8,
    "belief": 0.77,
}
#: The multiplier for a claim nested in another claim's content ("X said that *Y told her Z*").
#: PolNeAR marks no nesting, so such a claim is right against it only where the claim around
#: it is not: on train 102 of 383 nested claims match (0.27; dev 9 of 55), and their cells'
#: values (about 0.84) put them among the surest claims. Times this weight they make the
#: lowest band, and ``--min-confidence 0.3`` keeps PolNeAR's flat scheme.
NESTED_WEIGHT = 0.3
#: Every cue class of the lexicon.
CUE_CLASSES = tuple(CLASS_WEIGHT)


# -- building the model --------------------------------------------------------------------


def end_char(token: Token) -> int:
    return token.idx + len(token)


def model_span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def build_claims(
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
                mentions=tuple(model_span(text, m.start_char, m.end_char) for m in spans),
            )
        )
    claims = []
    for draft in drafts:
        parts = [model_span(text, s, e) for s, e in draft.parts]
        content = model_span(text, draft.start, draft.end)
        speaker = draft.speaker
        cue = draft.cue
        weight = CLASS_WEIGHT.get(cue.cls, 0.7) if cue is not None and draft.how != "continued" else 1.0
        parent = None if draft.parent is None or id(draft.parent) not in ids else ids[id(draft.parent)]
        if parent is not None:
            weight *= NESTED_WEIGHT
        claims.append(
            Claim(
                id=ids[id(draft)],
                source=None if speaker is None else by_span[(speaker.start_char, speaker.end_char)],
                source_mention=None if speaker is None else model_span(text, speaker.start_char, speaker.end_char),
                content=content,
                content_parts=parts if len(parts) > 1 else (),
                cue=None if cue is None else model_span(text, _cue_start(doc, draft), end_char(doc[cue.end - 1])),
                mode=claim_mode(text, draft.parts, quotes, doc),
                recipient=None
                if draft.recipient is None
                else model_span(text, draft.recipient.start_char, draft.recipient.end_char),
                medium=draft.medium,
                parent=parent,
                confidence=round(CONFIDENCE.get(draft.how, 0.6) * weight, 3),
            )
        )
    return claims, sources


def _cue_start(doc: Doc, draft: Draft) -> int:
    """Where the cue starts: its first token, or its mark inside that token ("”―" is one token; the cue is "―")."""
    assert draft.cue is not None
    first = doc[draft.cue.start]
    if draft.cue.end - draft.cue.start == 1 and first.idx < draft.cue_char < end_char(first):
        return draft.cue_char
    return first.idx
