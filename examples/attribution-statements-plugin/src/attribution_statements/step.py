"""The ``attribution_statements.statements.v1`` extractor step.

It follows :class:`attribution.extract.base.Extractor`: a name, ``after``/``before``
constraints, and ``__call__(doc, partial) -> AttributedDocument``. It runs after the
built-in claims and sources steps, so it can leave alone what they found, and before the
rebuttals step, so that rebuttals can point at its claims.
"""

import re
from collections.abc import Iterator

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from attribution.model import AttributedDocument, Claim, ClaimMode, Source, SourceKind, Span

from . import __version__

__all__ = ["StatementStep", "make_statements"]

NAME = "attribution_statements.statements.v1"

# A capitalized name, optionally after "the": "the Interior Ministry", "Pakistan's Foreign Office".
_NAME = r"(?:[Tt]he )?[A-Z][\w.&-]*(?:(?: (?:of|for|and))? [A-Z][\w.&-]*)*"
_ISSUER = r"(?:from|by|issued by|released by|put out by)"
_QUOTE = r"[\"“](?P<content>[^\"“”]+)[\"”]"

# Direct: "The Interior Ministry's statement read: "..."" / "A statement from X read, in part, "...""
_READ_POSSESSIVE = re.compile(
    rf"(?P<source>{_NAME})(?:'s|’s) (?:written |brief )?(?P<cue>statement read)(?:,? in part)?[:,]? {_QUOTE}"
)
_READ_FROM = re.compile(
    rf"(?P<cue>[Aa] (?:written |brief )?statement {_ISSUER}) (?P<source>{_NAME})"
    rf"(?: on \w+)? read(?:,? in part)?[:,]? {_QUOTE}"
)
# Indirect: "According to a statement from X, ..." and "..., according to a statement from X."
_ACCORDING = re.compile(rf"(?P<cue>[Aa]ccording to a (?:written )?statement {_ISSUER}) (?P<source>{_NAME})")

_ORGANIZATION_WORDS = frozenset(
    "ministry office department agency council embassy commission committee bureau army police "
    "government administration party company corporation group network".split()
)


@attrs.frozen(kw_only=True)
class _Found:
    content: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int]
    mode: ClaimMode


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` narrowed past surrounding spaces and sentence punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    return start, end


def _name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The issuer's name: without a leading "the" or a sentence's final period ("U.S." keeps its own)."""
    if text[start:end].lower().startswith("the "):
        start += 4
    last = text[start:end].split()[-1]
    if last.endswith(".") and last.count(".") == 1:
        end -= 1
    return start, end


def _find(doc: Doc) -> Iterator[_Found]:
    text = doc.text
    for pattern in (_READ_POSSESSIVE, _READ_FROM):
        for match in pattern.finditer(text):
            yield _Found(
                content=match.span("content"),
                cue=match.span("cue"),
                source=_name_span(text, *match.span("source")),
                mode=ClaimMode.DIRECT,
            )
    for sentence in doc.sents:
        for match in _ACCORDING.finditer(sentence.text):
            offset = sentence.start_char
            before = _strip(text, offset, offset + match.start())
            after = _strip(text, offset + match.end(), sentence.end_char)
            content = after if after[1] - after[0] > before[1] - before[0] else before
            if content[1] - content[0] < 3:
                continue
            yield _Found(
                content=content,
                cue=(offset + match.start("cue"), offset + match.end("cue")),
                source=_name_span(text, offset + match.start("source"), offset + match.end("source")),
                mode=ClaimMode.INDIRECT,
            )


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _kind(doc: Doc, start: int, end: int) -> SourceKind:
    span = doc.char_span(start, end, alignment_mode="expand")
    labels = {ent.label_ for ent in span.ents} if span is not None else set()
    if "PERSON" in labels:
        return SourceKind.PERSON
    if "GPE" in labels:
        return SourceKind.GOVERNMENT
    last = doc.text[start:end].split()[-1].lower() if doc.text[start:end].split() else ""
    if "ORG" in labels or last in _ORGANIZATION_WORDS:
        return SourceKind.ORGANIZATION
    return SourceKind.UNKNOWN


def _new_id(prefix: str, taken: set[str]) -> str:
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    taken.add(f"{prefix}{number}")
    return f"{prefix}{number}"


def _referenced(partial: AttributedDocument, claims: list[Claim], sources: list[Source]) -> list[Source]:
    """``sources`` less those that only claims re-pointed by this step referred to."""
    used = {c.source for c in claims}
    used |= {n.source for n in partial.non_responses}
    used |= {ref for condition in partial.anonymity_conditions for ref in condition.sources}
    used |= {s.member_of for s in sources}
    before = {c.source for c in partial.claims}
    return [s for s in sources if s.id in used or s.id not in before]


class StatementStep:
    """Claims made in written statements ("X's statement read: ...", "according to a statement from X").

    A claim the earlier steps already found at the same place gains the medium when it has
    none, and when they took the statement itself for the speaker ("The Interior Ministry's
    statement"), the issuer becomes its speaker (a source left without claims is dropped);
    otherwise a new claim is added, with the
    issuer as its source (an existing source with the same name or mention is reused).

    Attributes:
        name: ``"attribution_statements.statements.v1"``.
        after: Runs after the built-in claims and sources steps.
        before: Runs before the built-in rebuttals step.
        medium: The medium given to the claims (``"statement"``).
        confidence: The confidence of the claims it adds.
    """

    name = NAME
    after = ("attribution.claims.v1", "attribution.sources.v1")
    before = ("attribution.rebuttals.v1",)

    def __init__(self, *, medium: str = "statement", confidence: float = 0.7) -> None:
        self.medium = medium
        self.confidence = confidence

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """``partial`` with the statements' claims added or given their medium."""
        text = partial.text
        claims = list(partial.claims)
        sources = list(partial.sources)
        claim_ids = {c.id for c in claims}
        source_ids = {s.id for s in sources}
        touched: list[str] = []
        def resolve(mention: Span) -> Source:
            """The source named by ``mention``: an existing one, or a new one."""
            index = next(
                (
                    i
                    for i, s in enumerate(sources)
                    if (s.name or "").lower() == mention.text.lower()
                    or any(mention.start <= m.start and m.end <= mention.end for m in s.mentions)
                ),
                None,
            )
            if index is None:
                source = Source(
                    id=_new_id("statement-source-", source_ids),
                    kind=_kind(doc, mention.start, mention.end),
                    name=mention.text,
                    mentions=(mention,),
                )
                sources.append(source)
                return source
            source = sources[index]
            if mention not in source.mentions:
                mentions = tuple(sorted((*source.mentions, mention), key=lambda m: (m.start, m.end)))
                sources[index] = source = attrs.evolve(source, mentions=mentions)
            return source

        for found in _find(doc):
            mention = Span.of(text, *found.source)
            existing = next((i for i, c in enumerate(claims) if _overlaps(c.content, *found.content)), None)
            if existing is not None:
                claim = claims[existing]
                changes: dict[str, object] = {}
                if claim.medium is None:
                    changes["medium"] = self.medium
                speaker = claim.source_mention
                if speaker is not None and speaker != mention and _overlaps(speaker, mention.start, mention.end):
                    # The built-ins took "X's statement" for the speaker: the speaker is X.
                    changes.update(source=resolve(mention).id, source_mention=mention)
                if changes:
                    claims[existing] = attrs.evolve(claim, **changes)
                    touched.append(claim.id)
                continue
            source = resolve(mention)
            claim = Claim(
                id=_new_id("statement-", claim_ids),
                source=source.id,
                source_mention=mention,
                content=Span.of(text, *found.content),
                cue=Span.of(text, *found.cue),
                mode=found.mode,
                medium=self.medium,
                confidence=self.confidence,
            )
            claims.append(claim)
            touched.append(claim.id)
        if not touched:
            return partial
        metadata = dict(partial.metadata)
        metadata["attribution_statements"] = {"version": __version__, "claims": touched}
        return attrs.evolve(
            partial, claims=claims, sources=_referenced(partial, claims, sources), metadata=metadata
        )


def make_statements(nlp: Language, *, medium: str = "statement", confidence: float = 0.7) -> StatementStep:
    """The factory the ``attribution_extractors`` entry point names.

    Args:
        nlp: The pipeline the step runs in (unused: the step needs only the parse).
        medium: The medium given to the claims.
        confidence: The confidence of the claims it adds, 0..1.
    """
    return StatementStep(medium=medium, confidence=confidence)
