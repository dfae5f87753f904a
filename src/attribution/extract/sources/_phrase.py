"""The analysis of a phrase that is not a pronoun or a partitive (see :mod:`.descriptors`).

Linear over the phrase's words: determiner, count, pre-modifiers (seniority, nationality,
affiliation, title), the head, then the post-modifiers.
"""

from spacy.tokens import Doc, Token

from ...model import CountQualifier, SourceKind
from .._doctext import doc_ents
from ._mention import Mention
from ._vocabulary import SourceVocabulary
from ._words import Word, slice_text
from .apposition import name_from_apposition, role_from_apposition
from .counts import coordinated_count, parse_count

__all__ = ["describe_phrase"]

_ENTITY_KINDS = {"PERSON": SourceKind.PERSON, "ORG": SourceKind.ORGANIZATION, "GPE": SourceKind.GOVERNMENT,
                 "FAC": SourceKind.ORGANIZATION}


def _split_core(words: list[Word], lex: SourceVocabulary) -> tuple[list[Word], list[Word]]:
    for i, word in enumerate(words):
        if i == 0:
            continue
        first = word.tokens[0]
        inside_entity = first.ent_iob_ == "I" and words[i - 1].tokens[-1].ent_type_ == first.ent_type_
        if word.lower in lex.split_words or (first.pos_ == "ADP" and len(word.tokens) == 1 and word.lower not in ("’s", "'s")):
            if not inside_entity:
                return words[:i], words[i:]
        if first.pos_ in ("VERB", "AUX") and first.tag_ != "VBN":
            return words[:i], words[i:]
    return words, []


def describe_phrase(doc: Doc, words: list[Word], mention: Mention, lex: SourceVocabulary) -> None:
    """Fill ``mention`` with what the phrase of ``words`` states (no pronoun, no partitive)."""
    core, post = _split_core(words, lex)
    # "Ms. Ruiz", "the spokeswoman": a word of the phrase says which pronoun stands for it.
    genders = {lex.roles[w.lower].get("gender") for w in core if w.lower in lex.roles} - {None}
    if len(genders) == 1:
        mention.gender = genders.pop()
    first = core[0].lower
    if first in lex.definite or core[0].tokens[0].tag_ == "PRP$":
        mention.reference = "definite"
        core = core[1:]
    elif len(core) > 1 and any(w.tokens[-1].tag_ == "POS" for w in core[:-1]):
        mention.reference = "definite"  # "Nevada's governor": the possessor stays, as affiliation
    elif first in lex.indefinite:
        mention.reference = "indefinite"
        core = core[1:] if len(core) > 1 else core
    counted = coordinated_count([w.lower for w in core]) if any(w.lower in ("and", "&") for w in core) else None
    if counted is None and (any(w.lower in ("and", "&") for w in core) or any(w.lower == "and" for w in post[:1])):
        _describe_coordination(doc, core, mention, lex)
        return
    # "Three current and one former aide": one group of four, its head the last part's.
    count, qualifier, used = counted or parse_count([w.lower for w in core])
    if count is not None:
        core = core[used:]
        if count > 1 or qualifier is not CountQualifier.EXACT:
            mention.count, mention.count_qualifier = count, qualifier
        if mention.reference == "bare":
            mention.reference = "indefinite"
    if not core:
        return
    head, mods = core[-1], core[:-1]
    head_token = head.tokens[-1]
    role_entry = lex.roles.get(head.lower) or lex.roles.get(head_token.lemma_.lower())
    demonym = lex.demonyms.get(head.text)
    plural = head_token.tag_ in ("NNS", "NNPS") or bool(role_entry and role_entry["is_plural"]) or demonym is not None
    mention.plural = plural or (mention.count or 0) > 1
    # A proper name: the run of proper nouns (or entity tokens) ending at the head.
    is_name = (
        demonym is None
        and role_entry is None
        and (head_token.pos_ == "PROPN" or head_token.ent_type_ in _ENTITY_KINDS or head_token.ent_type_ == "NORP")
    )
    if is_name:
        n = len(core) - 1
        while n > 0 and (core[n - 1].has(pos=("PROPN",)) or core[n - 1].tokens[-1].ent_type_ in ("PERSON", "ORG")) \
                and core[n - 1].lower not in lex.seniority:
            n -= 1
        name_words = core[n:]
        # Titles at the front of the run: "President Donald Trump", "Sen. Ted Cruz".
        titled = False
        while len(name_words) > 1 and name_words[0].lower in lex.roles and lex.roles[name_words[0].lower].get("title"):
            entry = lex.roles[name_words[0].lower]
            titled = titled or entry.get("kind") == "person"
            if not entry.get("honorific"):
                mention.role = name_words[0].text
            name_words = name_words[1:]
            n += 1
        mods = core[:n]
        if any(lex.roles.get(w.lower, {}).get("kind") == "person" and not lex.roles[w.lower].get("honorific") for w in mods):
            # A role written out before the title ("Committee chairwoman Rep. Alma Cruz")
            # names the office held; the title is left to the name's rank.
            mention.role = None
        ent = head_token.ent_type_
        mention.name = slice_text(doc, name_words)
        mention.reference = "name"
        if ent == "NORP":
            mention.kind = SourceKind.GROUP if mention.plural else SourceKind.PERSON
            mention.affiliation, mention.name = mention.name, None
            mention.reference = "definite" if mention.plural else "indefinite"
        elif ent in _ENTITY_KINDS and not titled:  # "Sgt. Eli Stone" is a person, whatever NER says
            mention.kind = _ENTITY_KINDS[ent]
            if mention.kind is SourceKind.ORGANIZATION and _surname(head_token, name_words):
                # "Hargrove" after "Dana Hargrove": NER's ORG is wrong, and "Sanders" is one person.
                mention.kind, mention.plural = SourceKind.PERSON, False
            elif mention.kind is SourceKind.ORGANIZATION and lex.media.search(mention.name):
                mention.kind = SourceKind.MEDIA
        else:
            mention.kind = SourceKind.PERSON
        if mention.plural and mention.kind is SourceKind.PERSON:
            mention.kind = SourceKind.GROUP
    elif demonym is not None:
        mention.kind, mention.nationality, mention.country = SourceKind.GROUP, demonym["nationality"], demonym["country"]
        mention.plural = True
        if mention.reference == "bare":
            mention.reference = "definite"
    elif role_entry is not None:
        kind = role_entry["kind"]
        mention.describes = kind == "person"
        if kind == "person":
            mention.role = role_entry["role"]
            mention.kind = SourceKind.GROUP if mention.plural else SourceKind.PERSON
        elif kind == "document":
            mention.kind = SourceKind.DOCUMENT
            mention.name = slice_text(doc, core + post) if (mods or post) else None
        else:
            mention.kind = SourceKind.GROUP if mention.plural else SourceKind.ORGANIZATION
            if mods or post:
                mention.name = slice_text(doc, core + _name_tail(post, lex))
                mention.reference = "name"
            else:
                mention.name = head.text
    else:
        mention.kind = SourceKind.GROUP if mention.plural else SourceKind.UNKNOWN
    _modifiers(doc, mods, mention, lex, head_is_name=is_name)
    if mention.name is not None and mention.kind not in (SourceKind.PERSON, SourceKind.GROUP):
        mention.affiliation = None  # "the State Department": the modifiers are part of the name
    if mention.affiliation is None and post and post[0].lower in lex.post_affiliation and mention.kind in (
        SourceKind.PERSON, SourceKind.GROUP
    ):
        tail = _name_tail(post, lex)[1:]
        while tail and (tail[0].lower in lex.definite or tail[0].lower in ("a", "an")) and len(tail) > 1:
            tail = tail[1:]
        if tail:
            mention.affiliation = slice_text(doc, tail)
            mention.country = mention.country or lex.country_in(mention.affiliation)
    if mention.anonymous_cue and mention.kind is SourceKind.UNKNOWN:
        mention.kind = SourceKind.GROUP if mention.plural else SourceKind.PERSON
    mention.describes = mention.describes or (mention.anonymous_cue and mention.name is None)
    if mention.name is not None and mention.kind is SourceKind.PERSON and post and post[0].lower == ",":
        tail = _name_tail(post[1:], lex)  # "Kerr Putney, the police chief"
        if tail:
            appositive = Mention(start=tail[0].start, end=tail[-1].end, text=slice_text(doc, tail))
            describe_phrase(doc, tail, appositive, lex)
            role_from_apposition(mention, appositive)
    commas = [i for i, w in enumerate(post) if w.lower == ","]
    if mention.name is None and commas and mention.kind in (SourceKind.PERSON, SourceKind.UNKNOWN):
        name_from_apposition(doc, [t for w in post[commas[0] + 1 :] for t in w.tokens], mention)
    entry = lex.roles.get(head.lower) or lex.roles.get(head_token.lemma_.lower())
    if (
        mention.name is None
        and not mention.plural
        and mention.reference == "definite"
        and entry is not None
        and entry.get("title")
        and not mention.anonymous_cue
    ):
        mention.identifies = True


def _name_tail(post: list[Word], lex: SourceVocabulary) -> list[Word]:
    """The post-modifier up to a comma or relative clause ("in Washington")."""
    tail: list[Word] = []
    for word in post:
        if word.lower in lex.split_words or word.tokens[0].pos_ in ("VERB", "AUX"):
            break
        tail.append(word)
    while tail and tail[-1].tokens[-1].is_punct:
        tail.pop()
    return tail


def _modifiers(doc: Doc, mods: list[Word], mention: Mention, lex: SourceVocabulary, *, head_is_name: bool) -> None:
    """Seniority, nationality, affiliation and title among the words before the head."""
    affiliation: list[Word] = []
    for i, word in enumerate(mods):
        last = i == len(mods) - 1
        entry = lex.nationality_of(word.text)
        if word.lower in lex.seniority and not affiliation:
            mention.seniority = lex.seniority[word.lower]
        elif entry is not None and (last or mention.nationality is None) and not (
            not last and _is_affiliation_word(mods[i + 1], lex)
        ) and not affiliation:
            mention.nationality, mention.country = entry["nationality"], entry["country"]
        elif head_is_name and word.lower in lex.roles and lex.roles[word.lower]["kind"] == "person":
            if not lex.roles[word.lower].get("honorific"):
                mention.role = mention.role or word.text
        elif _is_affiliation_word(word, lex) or (entry is not None):
            affiliation.append(word)
        elif affiliation and not last:
            affiliation.append(word)
    while affiliation and affiliation[-1].lower in lex.seniority:
        affiliation.pop()
    if affiliation:
        mention.affiliation = slice_text(doc, affiliation).rstrip("’'").removesuffix("’s").removesuffix("'s")
        mention.country = mention.country or lex.country_in(mention.affiliation)


def _is_affiliation_word(word: Word, lex: SourceVocabulary) -> bool:
    if word.lower in lex.seniority or word.lower in lex.definite or word.lower in lex.indefinite:
        return False
    return word.has(pos=("PROPN", "NOUN"), ents=("NORP", "ORG", "GPE", "PERSON")) or word.lower in lex.roles


def _describe_coordination(doc: Doc, core: list[Word], mention: Mention, lex: SourceVocabulary) -> None:
    """ "The Clinton campaign and DNC", "Trump and Pence": a group, named when every part is."""
    mention.plural, mention.kind = True, SourceKind.GROUP
    proper = [w for w in core if w.has(pos=("PROPN",), ents=("PERSON", "ORG", "GPE"))]
    if proper:
        mention.name = slice_text(doc, core)
        mention.reference = "name"
    for word in core:
        entry = lex.roles.get(word.lower)
        if entry and entry["kind"] == "person":
            mention.role = entry["role"]
            mention.describes = True


def _surname(head: Token, name_words: list[Word]) -> bool:
    """Whether a one-word name is the surname of a person named in full before ("Dana Hargrove" ... "Hargrove")."""
    if len(name_words) != 1:
        return False
    surname = head.text
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == surname and ent.end <= head.i
        for ent in doc_ents(head.doc)
    )
