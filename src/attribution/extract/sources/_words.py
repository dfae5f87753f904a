"""A source phrase as words: tokens glued back into written words (see :mod:`.descriptors`)."""

from collections.abc import Sequence
from functools import cached_property

import attrs
from spacy.tokens import Doc, Token

from .._doctext import doc_text
from ._vocabulary import SourceVocabulary

__all__ = ["Word", "slice_text", "split_words", "strip_tokens"]


@attrs.frozen
class Word:
    """One written word of a phrase: the tokens spaCy split it into."""

    tokens: tuple[Token, ...]

    @cached_property
    def text(self) -> str:
        """The word as written (read once: the descriptors ask for it many times)."""
        return "".join(t.text_with_ws for t in self.tokens).strip()

    @cached_property
    def lower(self) -> str:
        """The word in lower case."""
        return self.text.lower()

    @property
    def start(self) -> int:
        """Character offset of the word."""
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        """Character offset one past its end."""
        last = self.tokens[-1]
        return last.idx + len(last.text)

    def has(self, *, pos: Sequence[str] = (), ents: Sequence[str] = ()) -> bool:
        """Whether a token of the word has one of the parts of speech or entity types."""
        return any(t.pos_ in pos or t.ent_type_ in ents for t in self.tokens)


def split_words(tokens: Sequence[Token], lex: SourceVocabulary) -> list[Word]:
    """Whitespace-separated words (keeping "high-ranking", "U.S.", "FDD's" whole), with
    multi-word roles ("secretary of state") merged into one word; a comma or other
    punctuation is a word of its own."""
    words: list[list[Token]] = []
    glue = False
    for token in tokens:
        if token.is_space:
            glue = False
            continue
        if token.is_punct and token.text not in "-’'.&" and not (token.text in "’'" and glue):
            words.append([token])
            glue = False
            continue
        if glue and words and not (words[-1][0].is_punct and words[-1][0].text not in "-’'.&"):
            words[-1].append(token)
        else:
            words.append([token])
        glue = not token.whitespace_
    merged: list[Word] = []
    lowers = [Word(tuple(w)).lower for w in words]  # each word's text once, not once per phrase
    i = 0
    while i < len(words):
        # Only a word that starts some multi-word role is compared with the roles.
        candidates = lex.role_phrases if lowers[i] in lex.role_starts else ()
        for phrase in candidates:
            n = len(phrase)
            if tuple(lowers[i : i + n]) == phrase:
                merged.append(Word(tuple(t for w in words[i : i + n] for t in w)))
                i += n
                break
        else:
            merged.append(Word(tuple(words[i])))
            i += 1
    return merged


def slice_text(doc: Doc, words: Sequence[Word]) -> str:
    """The text from the first of ``words`` to the end of the last."""
    return doc_text(doc)[words[0].start : words[-1].end]


def strip_tokens(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` without the spaces and punctuation around them (an opening quote stays)."""
    toks = [t for t in tokens]
    while toks and (toks[0].is_space or (toks[0].is_punct and toks[0].text not in "‘'")):
        toks.pop(0)
    while toks and (toks[-1].is_space or toks[-1].is_punct):
        toks.pop()
    return toks
