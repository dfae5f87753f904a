"""Passive cues with an agent: "The plan was criticized *by the mayor* for its cost".

A cue whose object is what it says or judges ("criticized the plan", "reported the
meeting") puts that object before the verb in the passive, and the speaker after it, in
"by" (:func:`~attribution.extract.claims.speakers.passive_agent`). The content is then the
passive subject ("The plan was criticized by the mayor"), or the noun a participle
modifies ("a plan endorsed by the board"), with the verb's complements after it ("*for
its cost*", "considered *unclean* by", "seen by organizers *as a lifeboat*"); the verb and
its agent are left out. The filters of the active object hold here too: a bare party
("Trump was criticized by his rivals") is whom the speech is about, not what it says.
"""

from collections.abc import Callable

from spacy.tokens import Doc, Token

from .._doctext import doc_text
from ..lexicon import word_set
from .content import is_complement
from .filters import owned
from .quotes import Quote
from .spans import snap, trim

__all__ = ["passive_parts", "passive_report"]

#: Roles of a participle that modifies the noun it says something about ("a call *echoed* by Japan").
_MODIFIERS = frozenset({"acl", "amod"})


def passive_parts(
    doc: Doc, head: Token, quotes: list[Quote], party: Callable[[Token], bool], *, target: bool = False
) -> list[tuple[int, int]] | None:
    """The content of a passive cue with an agent: its subject and the complements after the verb.

    Args:
        doc: The parsed document.
        head: The cue's head, a past participle with an ``agent`` ("by X") after it.
        quotes: The document's top-level quotations.
        party: Whether a noun phrase's head names a person or an organization.
        target: The cue judges its object ("criticized", "praised"): a bare object is
            content only when it is someone's ("the governor's budget was criticized").

    Returns:
        The content's parts, or ``None`` when the cue is no passive with an agent, or its
        subject stands alone and names a party or (with ``target``) no one's thing.
    """
    if head.tag_ != "VBN" or not any(c.dep_ == "agent" and c.i > head.i for c in head.children):
        return None
    text = doc_text(doc)
    subject = _subject(head)
    if subject is None:
        return None
    first = trim(text, *subject)
    complements = [c for c in head.children if c.i > head.i and _completes(c)]
    if not complements and (party(_noun(head)) or (target and not owned(_noun(head)))):
        return None
    parts = [first]
    for complement in complements:
        last = complement.right_edge
        parts.append(trim(text, complement.left_edge.idx, last.idx + len(last)))
    parts = [snap(s, e, quotes) for s, e in parts if e > s]
    if not parts or any(b[0] < a[1] for a, b in zip(parts, parts[1:])):
        return None
    return parts


def passive_report(
    doc: Doc, head: Token, quotes: list[Quote], party: Callable[[Token], bool]
) -> list[tuple[int, int]] | None:
    """The content of a passive cue of ``claims.passive_reports``: "*The meeting* was first reported by Politico".

    "X was reported, confirmed, announced or claimed by Y", "X was rejected, disputed or
    welcomed by Y": whatever the cue's frames, Y speaks of X, the passive subject. Only a
    passive clause with a subject of its own says so: a participle that modifies a noun
    ("the figures reported by the agency") names where the noun comes from, and a denied
    verb ("was not confirmed by") reports nothing.
    """
    if head.dep_ in _MODIFIERS or any(c.dep_ == "neg" for c in head.children):
        return None
    return passive_parts(doc, head, quotes, party)


def _completes(token: Token) -> bool:
    """Whether ``token`` completes the passive verb's content ("considered *unclean*", "*for* Y")."""
    return is_complement(token) or token.dep_ in ("acomp", "oprd")


def _noun(head: Token) -> Token:
    """The head of the passive subject, or of the noun the participle modifies."""
    if head.dep_ in _MODIFIERS:
        return head.head
    return next(c for c in head.children if c.dep_ == "nsubjpass")


def _subject(head: Token) -> tuple[int, int] | None:
    """The characters of what the passive cue is about: its subject, or the noun it modifies.

    "The move was criticized by X": the subject before the verb. "a goal established by
    the governments": the noun and the words before the participle. A relative pronoun
    ("a deal that was rejected by") or a dummy subject ("it was reported by X that")
    says nothing of its own.
    """
    if head.dep_ in _MODIFIERS:
        noun = head.head
        if noun.i > head.i or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        before = head.doc[head.i - 1]
        while before.i > noun.i and before.head.i == head.i:
            before = head.doc[before.i - 1]  # "the concerns *being* expressed by": not the noun's
        return noun.left_edge.idx, before.idx + len(before)
    subjects = [c for c in head.children if c.dep_ == "nsubjpass" and c.i < head.i]
    if not subjects or subjects[0].lower_ in word_set("claims.relative_pronouns") | {"it", "there"}:
        return None
    last = subjects[0].right_edge
    return subjects[0].left_edge.idx, last.idx + len(last)
