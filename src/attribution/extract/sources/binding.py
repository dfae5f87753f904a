"""The people a pronoun cannot stand for: those its own clause names after it.

A pronoun that is the subject of a clause is never the person named in that clause's
object or complement (binding):

    He accused Leon Marsh of stalling.            "he" is not Marsh
    She said Ms. Quill would resign.              "she" is not Quill
    He called Marsh's plan a gift to developers.  "he" is not Marsh

The name may still be the pronoun's person when it comes before the pronoun ("While
Marsh spoke, he ..."), in an adjunct, a relative or a conjoined clause ("he said after
Marsh left", "he admits X, but Marsh thinks Y"), or inside a quotation (a speaker may
name himself: “Paul Ortiz will not quit,” he said, “...”).
"""

from spacy.tokens import Token

__all__ = ["bound_names", "binds"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: The branches of a clause that hold its arguments: its object, complement and content.
_ARGUMENTS = frozenset({"dobj", "dative", "iobj", "ccomp", "xcomp", "attr", "oprd"})
#: Branches below an argument that the pronoun does not reach into.
_BARRIERS = frozenset({"relcl", "advcl", "acl", "conj", "parataxis", "appos"})
_QUOTES = frozenset({'"', "“", "”", "``", "''"})


def bound_names(pronoun: Token) -> frozenset[str]:
    """The names of the people ``pronoun`` cannot stand for (empty when it is not the
    subject of a clause).

    A name is what the parser tags ``PERSON``, written as an argument, not as a modifier
    of a noun: "Marsh's plan" names Marsh, "the Marsh campaign" does not.
    """
    if pronoun.dep_ not in _SUBJECTS:
        return frozenset()
    names = set()
    for branch in pronoun.head.children:
        if branch.dep_ in _ARGUMENTS and branch.i > pronoun.i:
            names.update(_name(t) for t in _reach(branch) if _ends_name(t) and not _quoted(pronoun, t))
    return frozenset(names)


def binds(names: frozenset[str], name: str) -> bool:
    """Whether a source called ``name`` is one of ``names``: the same last word, and one
    name is the other or ends it ("Marsh", "Leon Marsh", "Councilman Leon Marsh"; not
    "Tom Reed" for "Ana Reed")."""
    last = name.rsplit(maxsplit=1)[-1]
    return any(
        bound.rsplit(maxsplit=1)[-1] == last and (name.endswith(bound) or bound.endswith(name)) for bound in names
    )


def _reach(token: Token) -> list[Token]:
    """``token`` and the words below it, not past a barrier."""
    found = [token]
    for child in token.children:
        if child.dep_ not in _BARRIERS:
            found.extend(_reach(child))
    return found


def _ends_name(token: Token) -> bool:
    return token.ent_type_ == "PERSON" and token.dep_ != "compound"


def _name(token: Token) -> str:
    """The name ``token`` ends, with the words of it before ("Leon Marsh")."""
    first = token.i
    while first > 0 and token.doc[first - 1].ent_type_ == "PERSON" and token.doc[first - 1].dep_ == "compound":
        first -= 1
    return token.doc[first : token.i + 1].text


def _quoted(pronoun: Token, token: Token) -> bool:
    """Whether ``token`` is inside a quotation that opens after ``pronoun``."""
    marks = sum(1 for t in pronoun.doc[pronoun.i + 1 : token.i] if t.text in _QUOTES)
    return marks % 2 == 1
