"""The object of a denial as its content: "denied *the charges*", "rejected *it*".

A verb with the ``denial`` frame ("deny", "reject", "refute", "dispute", "dismiss") takes
as content a bare object that names only what is denied:

* a pronoun that stands for a claim ("The owner denied *it*", "Ruiz rejected *that*";
  word set ``claims.denied_pronouns``);
* a noun phrase whose head names a claim or a part in something ("denied *the
  allegations*", "disputed *their account*", "denied *any wrongdoing*"; word set
  ``claims.denied_nouns``).

The denial must be made: not negated ("did not deny it"), not an infinitive ("urged them to
deny it", "refused to deny it", "has yet to deny the reports"), not asked ("Will he deny
it?"). The rebuttals step then links the denial to the claim or report it names ("Responding to
speculation that she wrote the letter, Ms. Ruiz denied it"). Any other bare object
("denied the request", "rejected the deal") is an act, not a claim. A denial object with a
complement ("dismissed it *as nonsense*") is read by the ``target`` frame.
"""

from spacy.tokens import Doc, Token

from .._doctext import doc_text
from ..lexicon import word_set
from ..syntax import to_infinitive
from .content import bare_object
from .quotes import Quote
from .spans import snap, trim

__all__ = ["denied_object"]


def denied_object(doc: Doc, head: Token, quotes: list[Quote]) -> list[tuple[int, int]] | None:
    """The object of the denial ``head`` as content, if it names only what is denied."""
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i > head.i), None)
    if obj is None or not bare_object(head, obj) or not _names_denied(obj) or not _made(head):
        return None
    start, end = trim(doc_text(doc), obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
    return [snap(start, end, quotes)] if end > start else None


def _names_denied(obj: Token) -> bool:
    if obj.pos_ == "PRON":
        return obj.lower_ in word_set("claims.denied_pronouns")
    return obj.pos_ == "NOUN" and obj.lemma_.lower() in word_set("claims.denied_nouns")


def _made(head: Token) -> bool:
    """Whether the denial is made: not negated, not an infinitive, not asked."""
    if to_infinitive(head) or any(c.dep_ == "neg" for c in head.children):
        return False
    last = head.sent[-1] if head.sent[-1].text.strip() else head.sent[-2]
    return last.text != "?"
