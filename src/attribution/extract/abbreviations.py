"""Title abbreviations as single tokens ("Sgt.", "Cmdr.", "Lt. Col.").

en_core_web_sm keeps some title abbreviations whole ("Gov.", "Rep.", "Sen.", "Gen.") but
splits others into a word and a full stop ("Sgt" "."), and the parser then reads the
full stop as the end of a sentence or the rank as a name of its own: "spokesman, Sgt.
Eli Stone, said" lost the spokesman and the rank. :func:`add_title_abbreviations`
gives the tokenizer a special case for every title of the ``roles`` lexicon (see
``data/README_sources.md``) that is an abbreviation ending in a full stop and that it
would split. The word list stays in that lexicon; a plugin that adds a title adds its
special case too.
"""

from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer

from .lexicon import load_lexicon

__all__ = ["add_title_abbreviations", "title_abbreviations"]


def title_abbreviations() -> tuple[str, ...]:
    """The title abbreviations of the ``roles`` lexicon as written before a name ("Sgt.", "Lt.")."""
    found = []
    for entry in load_lexicon("roles"):
        word = entry["role"]
        if entry.get("title") and word.endswith(".") and " " not in word and word[:-1].isalpha():
            found.append(word[:1].upper() + word[1:])
    return tuple(sorted(set(found)))


def add_title_abbreviations(tokenizer: Tokenizer) -> tuple[str, ...]:
    """Make every title abbreviation one token for ``tokenizer``; return those added.

    An abbreviation the tokenizer already keeps whole is left to its own rules.
    """
    added = []
    for word in title_abbreviations():
        if [t.text for t in tokenizer(f"{word} Stone")][:1] != [word]:
            tokenizer.add_special_case(word, [{ORTH: word}])
            added.append(word)
    return tuple(added)
