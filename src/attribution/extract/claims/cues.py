"""Reporting cues: the verbs and phrases that introduce what someone said or believes.

These are *reporting* cues (the rebuttals step has its own, the rebuttal cues of
:mod:`attribution.extract.rebuttals.cues`). They come from two lexicons in ``attribution/extract/data`` (see its README):
``reporting_verbs`` (one verb per line with its inflected forms and a class) and
``cues`` (multi-word cues: "according to", "in a statement", "told reporters"). A
:class:`ReportingCueFinder` turns them into one-token patterns (read with a
:class:`~attribution.extract.matching.TokenScan`, which finds what a spaCy ``Matcher``
would, from the Doc's attribute arrays) and one :class:`~spacy.matcher.PhraseMatcher`,
built once, and finds every cue in a Doc.

Verbs match on the lemma *and* on the lower-cased form, because the lemmatizer is not
always right ("griped" becomes "grip"); a match must be tagged as a verb.
"""

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..lexicon import load_lexicon, word_set
from ..matching import TokenScan
from ..rules import ReportingVerbRule, RuleError
from .clauses import object_with_clause

__all__ = ["Cue", "CueFinder", "ReportingCue", "ReportingCueFinder", "VerbEntry", "reads_as_verb"]

_VERB_TAGS = ["VERB"]


@attrs.frozen(kw_only=True)
class VerbEntry:
    """One reporting verb of the lexicon.

    Attributes:
        lemma: The verb's lemma ("gripe").
        forms: Its inflected forms ("gripes", "griped", "griping").
        cls: Its class: speech, writing, belief, evidence, intention or demand.
        frames: The constructions it takes: ``that`` (complement clause), ``quote``,
            ``trailing`` ("..., she said"), ``wh``, ``to`` (infinitive).
        medium: The medium it implies ("tweet" for "tweet"), if any.
        recipient: Whether its object is the addressee ("tells The Cipher Brief").
        prepositions: For the ``prep`` frame, the prepositions whose object is the
            content ("talked *about* the deficit", "referred *to* the memo").
        objects: Lemmas of nouns that, as the verb's object with a "that" clause, make
            the verb and its object one cue whose content is the clause ("made *the
            case* that ...", "voiced *concern* that ..."). A verb with objects and no
            frames is a cue only with one of them.
    """

    lemma: str
    forms: tuple[str, ...] = attrs.field(converter=tuple)
    cls: str
    frames: tuple[str, ...] = attrs.field(converter=tuple)
    medium: str | None = None
    recipient: bool = False
    prepositions: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    objects: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "VerbEntry":
        """Build an entry from a ``reporting_verbs.jsonl`` line.

        Raises:
            ValueError: The line has unknown or missing keys.
        """
        try:
            ReportingVerbRule.from_dict(data)
        except RuleError as error:
            raise ValueError(
                f"bad reporting_verbs entry {dict(data)!r}: {error}; keys must be among "
                f"{sorted(ReportingVerbRule.KEYS.get(f.name, f.name) for f in attrs.fields(ReportingVerbRule))}, "
                "with 'lemma' and 'class' required"
            ) from None
        return cls(
            lemma=data["lemma"],
            forms=data.get("forms", ()),
            cls=data["class"],
            frames=data.get("frames", ("that", "quote", "trailing")),
            medium=data.get("medium"),
            recipient=bool(data.get("recipient", False)),
            prepositions=data.get("prepositions") or (),
            objects=(str(noun).lower() for noun in data.get("objects") or ()),
        )


@attrs.frozen(kw_only=True)
class ReportingCue:
    """A reporting cue found in a Doc (``Cue`` is its former name).

    Attributes:
        head: Index of the cue's syntactic head (the verb, or "according").
        start: Index of the cue's first token.
        end: Index one past its last token.
        role: ``verb`` (a reporting verb or verb phrase) or ``source_prep`` ("according
            to X": the source is the object of the preposition).
        lemma: The verb's lemma from the lexicon, or the phrase.
        cls: The lexicon class.
        frames: The constructions the cue takes.
        medium: The medium the cue implies, if any.
        recipient: Whether a verb's object is its addressee.
        prepositions: The prepositions whose object is the content (the ``prep`` frame).
    """

    head: int
    start: int
    end: int
    role: str
    lemma: str
    cls: str
    frames: tuple[str, ...] = ()
    medium: str | None = None
    recipient: bool = False
    prepositions: tuple[str, ...] = ()


class ReportingCueFinder:
    """Finds reporting cues with matchers built once from the lexicons (``CueFinder`` is its former name).

    Args:
        vocab: The pipeline's vocabulary.
        verbs: Reporting-verb entries; by default the ``reporting_verbs`` lexicon.
        phrases: Multi-word cue entries; by default the ``cues`` lexicon.
        classes: Only verbs of these classes are cues; by default all.
    """

    def __init__(
        self,
        vocab: Vocab,
        *,
        verbs: Iterable[Mapping[str, Any]] | None = None,
        phrases: Iterable[Mapping[str, Any]] | None = None,
        classes: Iterable[str] | None = None,
    ) -> None:
        entries = [VerbEntry.from_dict(e) for e in (load_lexicon("reporting_verbs") if verbs is None else verbs)]
        wanted = None if classes is None else set(classes)
        self.verbs: dict[str, VerbEntry] = {e.lemma: e for e in entries if wanted is None or e.cls in wanted}
        self.forms: dict[str, str] = {}
        for entry in self.verbs.values():
            for form in (entry.lemma, *entry.forms):
                self.forms.setdefault(form.lower(), entry.lemma)
        self.phrases: dict[str, dict[str, Any]] = {}
        for entry in load_lexicon("cues") if phrases is None else phrases:
            self.phrases[str(entry["phrase"]).lower()] = dict(entry)
        self._verbs = TokenScan(
            vocab,
            [
                [{"LEMMA": {"IN": sorted(self.verbs)}, "POS": {"IN": _VERB_TAGS}}],
                [{"LOWER": {"IN": sorted(self.forms)}, "POS": {"IN": _VERB_TAGS}}],
                # "he seemed rattled": a verb of seeming the parser makes the participle's auxiliary
                [{"LOWER": {"IN": self._raising_forms()}, "POS": "AUX"}],
            ],
        )
        # "Trump claims that ...", "Trump Said Tuesday That ...": a verb the tagger read as a noun.
        present = sorted(f for f, lemma in self.forms.items() if f != lemma and f.endswith("s"))
        self._nouns = TokenScan(
            vocab,
            [
                [{"LOWER": {"IN": present}, "POS": {"IN": ["NOUN", "PROPN"]}}],
                [{"LOWER": {"IN": sorted(self.forms)}, "POS": "PROPN"}],
            ],
        )
        self._phrase_matcher = PhraseMatcher(vocab, attr="LOWER")
        for phrase in self.phrases:
            self._phrase_matcher.add(phrase, [Doc(vocab, words=phrase.split())])

    def _raising_forms(self) -> list[str]:
        raising = word_set("claims.raising_verbs")
        return sorted(f for f, lemma in self.forms.items() if lemma in raising) or ["\u0000"]

    def entry(self, token: Token) -> VerbEntry | None:
        """The lexicon entry for a verb token, by form first, then by lemma."""
        lemma = self.forms.get(token.lower_)
        if lemma is None:
            lemma = token.lemma_.lower()
        return self.verbs.get(lemma)

    def mediums(self, doc: Doc) -> dict[int, tuple[int, str]]:
        """Medium phrases by the index of their first token: ``{i: (end, medium)}``."""
        found = {}
        for match_id, start, end in self._phrase_matcher(doc):
            entry = self.phrases[doc.vocab.strings[match_id]]
            if entry.get("role") == "medium":
                found[start] = (end, entry["medium"])
        return found

    def __call__(self, doc: Doc) -> list[ReportingCue]:
        """Every cue in ``doc``, ordered by head token."""
        cues: dict[int, ReportingCue] = {}
        misread = [i for i in self._nouns(doc) if reads_as_verb(doc[i])]
        for start in sorted({*self._verbs(doc), *misread}):
            token = doc[start]
            entry = self.entry(token)
            if entry is None or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
                continue
            end = start + 1
            if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == start:
                end += 1
            frames = entry.frames
            noun = object_with_clause(token, entry.objects) if entry.objects else None
            if noun is not None:  # "made the case that ...": the verb and its object are the cue
                end = noun.i + 1
                frames = frames if "that" in frames else ("that", *frames)
            elif not frames:
                continue  # "made a sandwich": a verb that is a cue only with one of its objects
            cues[start] = ReportingCue(
                head=start,
                start=start,
                end=end,
                role="verb",
                lemma=entry.lemma,
                cls=entry.cls,
                frames=frames,
                medium=entry.medium,
                recipient=entry.recipient,
                prepositions=entry.prepositions,
            )
        # Shorter phrases first: "went on to say" wins over "went on" where both match.
        for match_id, start, end in sorted(self._phrase_matcher(doc), key=lambda m: (m[1], m[2])):
            entry = self.phrases[doc.vocab.strings[match_id]]
            role = entry.get("role")
            if role == "source_prep":
                cues[start] = ReportingCue(
                    head=start, start=start, end=end, role=role, lemma=entry["phrase"], cls=entry.get("class", "speech")
                )
            elif role == "verb" and doc[start].pos_ in ("VERB", "AUX") and not _preposition_ends(doc[end - 1], entry):
                verb = self.entry(doc[start])
                cues[start] = ReportingCue(
                    head=start,
                    start=start,
                    end=end if "recipient" not in entry else start + 1,
                    role="verb",
                    lemma=verb.lemma if verb else doc[start].lemma_,
                    cls=entry.get("class", "speech"),
                    frames=_phrase_frames(entry, verb),
                    recipient=verb.recipient if verb else False,
                    prepositions=verb.prepositions if verb else (),
                )
        return [cues[i] for i in sorted(cues)]


def _preposition_ends(last: Token, entry: Mapping[str, Any]) -> bool:
    """Whether a phrase's particle is a preposition with an object: "the Senate *goes on* recess"."""
    return bool(entry.get("frames")) and last.dep_ == "prep" and any(c.dep_ == "pobj" for c in last.children)


def _phrase_frames(entry: Mapping[str, Any], verb: VerbEntry | None) -> tuple[str, ...]:
    """A verb phrase's frames: its own ("pointed out" trails a clause), else its verb's, else the default."""
    if entry.get("frames"):
        return tuple(entry["frames"])
    return verb.frames if verb and verb.frames else ("that", "quote", "trailing")


#: Roles a verb the tagger read as a noun may have: it heads its sentence or a clause.
_CLAUSE_ROLES = frozenset({"ROOT", "ccomp", "conj", "advcl", "parataxis"})
#: Roles its subject may have: the parser takes the two words for one noun phrase.
_SUBJECT_ROLES = frozenset({"nsubj", "compound"})


def reads_as_verb(token: Token) -> bool:
    """Whether a reporting verb the tagger read as a noun is a verb: "Trump *claims* that ...".

    A present-tense form ("claims", "predicts") is often tagged as a plural noun, and a
    headline's capitalised verb ("Trump *Said* Tuesday That ...") as a name. It is the
    verb when it heads its clause (no article or possessor of its own), a name or noun
    right before it is its subject, and a finite clause follows it: "that" and a clause,
    or a clause with a subject of its own.
    """
    doc = token.doc
    if token.dep_ not in _CLAUSE_ROLES or token.i == 0:
        return False
    if any(c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children):
        return False
    subject = doc[token.i - 1]
    if subject.head.i != token.i or subject.dep_ not in _SUBJECT_ROLES or subject.pos_ not in ("PROPN", "NOUN"):
        return False
    for clause in token.children:
        if clause.i <= token.i or clause.dep_ not in ("ccomp", "acl") or clause.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "nsubj" for c in clause.children) and (
            clause.dep_ == "ccomp" or any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        ):
            return True
    return False


#: The former names of :class:`ReportingCue` and :class:`ReportingCueFinder`, kept importable.
Cue = ReportingCue
CueFinder = ReportingCueFinder
