"""What the rebuttals step knows about one document: claim tokens, sentences, source groups."""

from typing import Any

from spacy.tokens import Doc, Token

from ...model import AttributedDocument, Claim
from ..lexicon import word_set
from .cues import RebuttalCues, content_lemmas
from .text import claim_tokens

__all__ = ["Context"]


class Context:
    """What the step knows about one document while it works.

    Args:
        doc: The parsed document.
        document: The document the earlier steps built.
        claims: Its claims, in text order.
        cues: The rebuttal cues in use.
        reported: The ids of the claims that are rumours or reports with no source
            (see :mod:`.rumours`): they answer nothing and open no frame.
    """

    def __init__(
        self, doc: Doc, document: AttributedDocument, claims: list[Claim], cues: RebuttalCues,
        reported: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.reported = reported
        self.document = document
        self.claims = claims
        self.cues = cues
        self.order = {c.id: i for i, c in enumerate(claims)}
        self.sources = {s.id: s for s in document.sources}
        self._content = {c.id: claim_tokens(doc, c.content) for c in claims}
        self._cue = {c.id: claim_tokens(doc, c.cue) if c.cue is not None else None for c in claims}
        self._lemmas = {c.id: content_lemmas(self._content[c.id], cues) for c in claims}
        self.text = document.text
        # Token.sent walks the whole Doc on every call: look sentences up once.
        self.sentences = list(doc.sents)
        self._sentence_of_token = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            self._sentence_of_token[sentence.start : sentence.end] = [number] * len(sentence)
        # Asked for every pair of claims: worked out once each.
        self._groups: dict[str | None, str | None] = {}
        self._refers: dict[str, bool] = {}
        self._claimed: set[int] | None = None

    def content(self, claim: Claim) -> list[Token]:
        """The tokens of ``claim``'s content."""
        return self._content[claim.id]

    def cue_tokens(self, claim: Claim) -> list[Token] | None:
        """The tokens of ``claim``'s cue (``None`` when it has none)."""
        return self._cue[claim.id]

    def lemmas(self, claim: Claim) -> frozenset[str]:
        """The content lemmas of ``claim`` (see :func:`~attribution.extract.rebuttals.cues.content_lemmas`)."""
        return self._lemmas[claim.id]

    def earliest(self, claim: Claim) -> int:
        """Where ``claim`` starts: its content, cue or speaker, whichever comes first."""
        starts = [claim.content.start]
        starts += [s.start for s in (claim.cue, claim.source_mention) if s is not None]
        return min(starts)

    def sentence_of(self, char: int) -> int:
        """The number of the sentence holding character ``char``."""
        token = self.token_at(char)
        return self._sentence_of_token[token.i] if token is not None else 0

    def sentence(self, token: Token) -> Any:
        """The sentence (a spaCy Span) holding ``token``."""
        return self.sentences[self._sentence_of_token[token.i]]

    def token_at(self, char: int) -> Token | None:
        """The token at character ``char``, if any."""
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def group(self, source_id: str | None) -> str | None:
        """The outermost group ``source_id`` is a member of (itself when none)."""
        if source_id in self._groups:
            return self._groups[source_id]
        source = self.sources.get(source_id) if source_id else None
        seen: set[str] = set()
        while source is not None and source.member_of and source.id not in seen:
            seen.add(source.id)
            source = self.sources.get(source.member_of)
        found = self._groups[source_id] = source.id if source is not None else source_id
        return found

    def allied(self, a: str | None, b: str | None) -> bool:
        """Same source, members of one group (or a group and its member), or a
        spokesperson and the source it speaks for ("A ministry spokesman" and "The
        ministry")."""
        if a is None or b is None:
            return False
        return a == b or self.side(a) == self.side(b)

    def side(self, source_id: str) -> str | None:
        """The outermost group of the source, or of its principal when it speaks for one."""
        source = self.sources.get(source_id)
        if source is not None and source.on_behalf_of is not None:
            return self.group(source.on_behalf_of)
        return self.group(source_id)

    def related(self, a: Claim, b: Claim) -> bool:
        """One claim is nested in the other."""
        return a.parent == b.id or b.parent == a.id or (
            a.content.start <= b.content.start and b.content.end <= a.content.end
        ) or (b.content.start <= a.content.start and a.content.end <= b.content.end)

    def refers_only(self, claim: Claim) -> bool:
        """The claim's content only names a claim or what is denied ("that assessment", "the
        claim baseless", "it", "any wrongdoing")."""
        found = self._refers.get(claim.id)
        if found is None:
            tokens = self.content(claim)
            pronouns = word_set("rebuttals.pronouns")
            found = bool(tokens) and not any(t.pos_ in ("VERB", "AUX") for t in tokens) and any(
                self.cues.is_claim_noun(t) or t.lower_ in pronouns or t.lemma_.lower() in self.cues.denial_objects
                for t in tokens
            )
            self._refers[claim.id] = found
        return found

    def claimed(self) -> set[int]:
        """The tokens in the content of the claims that do more than name a claim."""
        if self._claimed is None:
            self._claimed = {t.i for c in self.claims if not self.refers_only(c) for t in self.content(c)}
        return self._claimed
