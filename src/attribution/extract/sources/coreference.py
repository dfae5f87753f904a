"""Rule-based coreference of source mentions.

No coreference model installs from the package registries and runs offline (see
SPACY-NOTES), so :class:`Resolver` ties mentions together with documented rules, taking
the mentions in text order:

1. A mention with a proper name joins the source with the same name, or whose surname
   it is ("Trump" after "President Donald Trump"; a longer name replaces a shorter one);
   otherwise it starts a new source.
2. An indefinite description ("a senior Pakistani official", "Two Pakistani officials")
   always starts a new source.
3. A pronoun, a definite description ("the officials", "The U.S. officials", "the
   official") or a plural demonym ("The Pakistanis") goes to the best *compatible*
   source mentioned before it. Compatible: same number (plural mentions go to groups,
   singular ones to people or organizations; "they" prefers a group), the same kind, no
   conflicting descriptor (country, affiliation, seniority, role), and no conflicting
   gender: "he" never goes to "Ms. Ruiz", "the spokeswoman" or a source "she" was
   resolved to (the words that say a gender are in the ``roles`` and ``pronouns``
   lexicons; none is guessed from first names). Past a nearer source of the other
   gender, a pronoun goes only to a source known to share its gender, or to one of
   unknown gender in its own paragraph; else it starts a new source. Besides the
   sources, "he" or "she" may go to a person the text names as the subject of a
   sentence outside any claim (a *sighting*, :meth:`Resolver.sight`: "Dana Ruiz walked
   out before the vote. “We were not heard,” she said"): the person becomes a source only
   then. A "he" or "she" is never a person its own clause names after it ("He accused
   Leon Marsh": :mod:`.binding`). A description goes
   to a named source only when their roles agree ("the president"), or when both name a
   body by the same word ("the company" after "The company"), or when it names a body by
   a common noun only ("the company" after "Northfield Energy"). A member ("one of the
   officials") is a candidate only for pronouns and for descriptions in its own
   paragraph. Among the compatible sources, the one agreeing on the most descriptors the
   mention states wins ("explicit qualifiers beat recency"), then the most recently
   mentioned. With no compatible source, a definite description that repeats the words
   of an earlier mention ("the bank" after "The bank": a body the lexicons do not know)
   goes to that mention's source; else it starts a new one.
4. A bare plural with a role ("officials said") joins an earlier group with the same
   role, else starts a new one; not one whose claims were told to someone else
   ("Two officials told CNN ..." and "officials told The Associated Press ..." are two
   groups). A bare body word ("a *ministry* spokesman") goes to
   the body named so before, as in rule 3.
5. "one of the officials" is a new member source whose group is resolved from "the
   officials" by rule 3 (or created); "two of the officials" a sub-group with a count;
   "all of the officials" is the group itself.
"""

import re

import attrs

from ...model import CountQualifier, Descriptors, Source, SourceKind, Span
from ..ids import IdAllocator
from .binding import binds
from .descriptors import DESCRIPTOR_FIELDS, STATED_FIELDS, Described, Mention, source_vocabulary

__all__ = ["Entity", "Resolver"]

_ORG_KINDS = (SourceKind.ORGANIZATION, SourceKind.GOVERNMENT, SourceKind.MEDIA)
_LINE_BREAKS = re.compile(r"\n+")  # one run between two paragraphs, however they are separated


@attrs.define(kw_only=True, eq=False)
class Entity(Described):
    """A source while mentions are being resolved (mutable working state).

    Attributes:
        kind: The source kind.
        name: The longest proper name seen.
        role: Role or title.
        seniority: Seniority.
        affiliation: Affiliation.
        nationality: Nationality.
        country: The country implied by nationality or affiliation (for compatibility).
        count: Stated group size.
        count_qualifier: How exact ``count`` is.
        mentions: (start, end) of every mention, in the order added.
        member_of: The group this source is a member of.
        describes: Some mention describes the source (role word, anonymous phrase).
        identified: Some mention singles out an office-holder ("the president").
        source_id: The id of the :class:`~attribution.model.Source` it was built from.
        on_behalf_of: The id of the source it speaks for, kept from that source.
        recipients: Whom its claims were told to, lower-cased ("the times").
        sightings: Where the text names the person outside any speaker phrase, as
            ``(start, end, scope_end, sentence_end)``: a pronoun at ``p`` after ``start``
            sees the sighting when ``p < scope_end`` (inside the subject's clause) or
            ``p >= sentence_end`` (a later sentence). A sighting a pronoun is resolved
            through becomes a mention.
        tentative: Only sighted so far: not a source unless a mention joins it.
    """

    count: int | None = None
    count_qualifier: CountQualifier | None = None
    mentions: list[tuple[int, int]] = attrs.field(factory=list)
    member_of: "Entity | None" = None
    describes: bool = False
    identified: bool = False
    source_id: str | None = None
    on_behalf_of: str | None = None
    recipients: set[str] = attrs.field(factory=set)
    sightings: list[tuple[int, int, int, int]] = attrs.field(factory=list)
    tentative: bool = False

    @property
    def plural(self) -> bool:
        """Whether the source is a group."""
        return self.kind is SourceKind.GROUP

    @property
    def first(self) -> int:
        """Where the source is first mentioned."""
        return min((s for s, _ in self.mentions), default=0)

    @property
    def anonymous(self) -> bool:
        """Never named nor singled out by office, but described (a role or
        anonymous-source wording), or a member of an anonymous group."""
        if self.name is not None or self.identified or self.kind not in (SourceKind.PERSON, SourceKind.GROUP):
            return False
        if self.describes:
            return True
        return self.member_of is not None and self.member_of.anonymous

    def last_before(self, position: int) -> int | None:
        """The start of the latest mention before ``position``."""
        starts = [s for s, _ in self.mentions if s < position]
        return max(starts) if starts else None

    def seen_before(self, position: int, text: str) -> tuple[int, int] | None:
        """The latest sighting a pronoun at ``position`` sees, if it is in the pronoun's
        paragraph or the one before: its ``(start, end)``."""
        for start, end, scope, sentence in reversed(self.sightings):  # in text order
            if start < position and (position < scope or position >= sentence):
                return (start, end) if len(_LINE_BREAKS.findall(text, start, position)) <= 1 else None
        return None

    def absorb(self, mention: Mention) -> None:
        """Add ``mention`` and fill the descriptors it states that are still unknown."""
        if (mention.start, mention.end) not in self.mentions:
            self.mentions.append((mention.start, mention.end))
        if mention.name and (self.name is None or len(mention.name) > len(self.name)):
            if self.kind in (SourceKind.PERSON, SourceKind.UNKNOWN) or mention.kind is self.kind:
                self.name = mention.name
        for field in STATED_FIELDS:
            if getattr(self, field) is None and getattr(mention, field) is not None:
                setattr(self, field, getattr(mention, field))
        if self.count is None and mention.count is not None:
            self.count, self.count_qualifier = mention.count, mention.count_qualifier
        if self.kind is SourceKind.UNKNOWN and mention.kind is not SourceKind.UNKNOWN:
            self.kind = mention.kind
        self.gender = self.gender or mention.gender
        self.describes = self.describes or mention.describes
        self.identified = self.identified or mention.identifies

    def to_source(self, id: str, text: str, ids: dict[int, str]) -> Source:
        """The :class:`~attribution.model.Source` for this entity.

        Args:
            id: Its id.
            text: The document text (for mention spans).
            ids: Ids of every entity, by ``id()`` of the entity (to point ``member_of``).
        """
        group = self.member_of
        values = {f: getattr(self, f) for f in DESCRIPTOR_FIELDS}
        if group is not None:  # a member shares what is said of its group
            values = {f: values[f] or getattr(group, f) for f in DESCRIPTOR_FIELDS}
        anonymous = self.anonymous
        return Source(
            id=id,
            kind=self.kind,
            name=None if anonymous else self.name,
            anonymous=anonymous,
            mentions=tuple(Span.of(text, s, e) for s, e in sorted(self.mentions)),
            descriptors=Descriptors(**values),
            count=self.count if self.kind is SourceKind.GROUP else None,
            count_qualifier=self.count_qualifier if self.kind is SourceKind.GROUP else None,
            member_of=ids.get(id_(group)) if group is not None and group.kind is SourceKind.GROUP else None,
            on_behalf_of=self.on_behalf_of,
        )

    @classmethod
    def from_source(cls, source: Source) -> "Entity":
        """Working state rebuilt from a finished source."""
        lex = source_vocabulary()
        d = source.descriptors
        country = None
        if d.nationality:
            entry = lex.nationality_of(d.nationality)
            country = entry["country"] if entry else None
        if country is None and d.affiliation:
            country = lex.country_in(d.affiliation)
        return cls(
            kind=source.kind, name=source.name, role=d.role, seniority=d.seniority, affiliation=d.affiliation,
            nationality=d.nationality, country=country, count=source.count, count_qualifier=source.count_qualifier,
            mentions=[(m.start, m.end) for m in source.mentions], describes=source.anonymous,
            source_id=source.id, on_behalf_of=source.on_behalf_of,
        )


def id_(entity: Entity | None) -> int:
    """A key for an entity (entities compare by identity)."""
    return id(entity)


def _paragraph(text: str, position: int) -> int:
    return text.count("\n", 0, position)


def _other_gender(mention: Mention, entity: Entity) -> bool:
    """Whether the mention and the source each have a gender, and not the same one."""
    return bool(mention.gender and entity.gender and mention.gender != entity.gender)


def _same(a: str | None, b: str | None) -> bool | None:
    """True/False when both are known, None otherwise."""
    if a is None or b is None:
        return None
    a, b = a.lower().rstrip("s"), b.lower().rstrip("s")
    return a == b or a in b or b in a


def _same_name(a: str, b: str) -> bool:
    """Whether two names of bodies are the same, ignoring case and a leading article."""
    return a.lower().removeprefix("the ") == b.lower().removeprefix("the ")


def _without_article(text: str) -> str:
    lowered = text.lower()
    for article in ("the ", "a ", "an "):
        if lowered.startswith(article):
            return lowered[len(article) :]
    return lowered


def _body_word(name: str) -> bool:
    """Whether a body's name is only a common noun for a body ("company", "the ministry"),
    which refers back to the body named before ("Northfield Energy ... the company")."""
    entry = source_vocabulary().roles.get(name.lower().removeprefix("the "))
    return entry is not None and entry.get("kind") == "organization"


class Resolver:
    """Ties source mentions to sources (see the module docstring for the rules).

    Args:
        text: The document text.
        entities: Sources already known (from :meth:`Entity.from_source`).
    """

    def __init__(self, text: str, entities: "list[Entity] | None" = None) -> None:
        self.text = text
        self.entities: list[Entity] = list(entities or [])

    def add(self, mention: Mention, *, forward: bool = False, recipient: str | None = None) -> Entity:
        """Resolve ``mention``, adding it to an existing source or a new one.

        Args:
            mention: The phrase, described.
            forward: When a definite description has no antecedent, let it join the
                compatible source mentioned first after it ("Under the rules, *the
                officials* could not be named. The officials said ..."). The later steps
                use this: the sources were built from the speakers, and a phrase outside
                any claim may come before them.
            recipient: Whom the mention's claim was told to: a bare plural ("aides told
                Reuters") is another group than one that told someone else ("Three
                aides told The Ledger").
        """
        if mention.partitive is not None and mention.inner is not None:
            return self._partitive(mention)
        if mention.reference == "name" and mention.name:
            entity = self._by_name(mention)
        elif mention.reference == "definite":
            entity = self._antecedent(mention) or self._repeated(mention)
            if entity is None and forward:
                entity = self._postcedent(mention)
        elif mention.reference == "pronoun":
            entity = self._antecedent(mention)
            seen = entity.seen_before(mention.start, self.text) if entity is not None and mention.gender else None
            if seen is not None and seen[0] > (entity.last_before(mention.start) or -1):
                entity.mentions.append(seen)  # resolved through the sighting: the name is a mention
        elif mention.reference == "bare" and mention.plural and mention.role:
            entity = self._antecedent(mention, require_role=True, recipient=recipient)
        elif mention.reference == "bare" and mention.kind in _ORG_KINDS and mention.name:
            entity = self._antecedent(mention)  # "a *ministry* spokesman" after "The ministry"
        else:
            entity = None
        if entity is None:
            entity = self._new(mention)
        entity.absorb(mention)
        entity.tentative = False
        if recipient is not None:
            entity.recipients.add(recipient)
        return entity

    def sight(self, mention: Mention, scope_end: int, sentence_end: int) -> None:
        """Record a person the text names outside any speaker phrase (``mention``, a name),
        for the pronouns after it: the person it names, or a new tentative one that is
        a source only if a later mention joins it.

        Args:
            mention: The name, described.
            scope_end: Where the clause it is the subject of ends.
            sentence_end: Where its sentence ends.
        """
        if mention.reference != "name" or not mention.name or mention.kind is not SourceKind.PERSON:
            return
        entity = self._by_name(mention)
        if entity is None:
            entity = Entity(kind=SourceKind.PERSON, name=mention.name, tentative=True)
            self.entities.append(entity)
        entity.sightings.append((mention.start, mention.end, scope_end, sentence_end))

    def _new(self, mention: Mention) -> Entity:
        kind = mention.kind
        if mention.plural and kind in (SourceKind.PERSON, SourceKind.UNKNOWN):
            kind = SourceKind.GROUP
        entity = Entity(kind=kind)
        self.entities.append(entity)
        return entity

    def _partitive(self, mention: Mention) -> Entity:
        inner = mention.inner
        assert inner is not None
        if not inner.plural:
            inner.plural = True
        group = self.add(inner)
        if group.kind is not SourceKind.GROUP:
            if group.kind in (SourceKind.PERSON, SourceKind.UNKNOWN):
                group.kind = SourceKind.GROUP
            else:  # "one of its spokesmen" style mis-resolution: keep the organization alone
                group = self._new(attrs.evolve(inner, kind=SourceKind.GROUP))
                group.absorb(inner)
        if mention.partitive == "all":
            return group
        member = Entity(
            kind=SourceKind.PERSON if mention.partitive == "member" else SourceKind.GROUP,
            member_of=group,
            describes=group.describes,
        )
        self.entities.append(member)
        member.mentions.append((mention.start, mention.end))
        if mention.count is not None:
            member.count, member.count_qualifier = mention.count, mention.count_qualifier
        return member

    def _by_name(self, mention: Mention) -> Entity | None:
        name = mention.name or ""
        words = name.split()
        best = None
        for entity in self.entities:
            if entity.name is None:
                continue
            if mention.kind is SourceKind.PERSON and entity.kind is not SourceKind.PERSON:
                continue
            other = entity.name.split()
            if entity.name.lower() == name.lower():
                best = entity
            elif mention.kind is SourceKind.PERSON and (
                (len(words) == 1 and other[-1] == words[0]) or (len(other) == 1 and words[-1] == other[0])
            ):
                best = best or entity
        return best

    def _antecedent(
        self, mention: Mention, *, require_role: bool = False, recipient: str | None = None
    ) -> Entity | None:
        paragraph = _paragraph(self.text, mention.start)
        best: tuple[int, int, Entity] | None = None
        other = -1  # the latest mention of a compatible source of the other gender
        for entity in self.entities:
            last = entity.last_before(mention.start)
            if mention.reference == "pronoun" and mention.gender is not None:  # "he", "she"
                seen = entity.seen_before(mention.start, self.text)
                last = seen[0] if seen is not None and (last is None or seen[0] > last) else last
            if last is None or (recipient is not None and entity.recipients and recipient not in entity.recipients):
                continue
            if mention.bound and entity.name is not None and binds(mention.bound, entity.name):
                continue  # "He accused Leon Marsh": "he" is not Marsh
            score = self._score(mention, entity, paragraph, last)
            if score is None or (require_role and not _same(mention.role, entity.role)):
                continue
            if _other_gender(mention, entity):
                other = max(other, last)  # "he" is not "Ms. Ruiz", nor a source "she" stood for
                continue
            if best is None or (score, last) > best[:2]:
                best = (score, last, entity)
        if best is not None and best[2].gender is None and other > best[1]:
            # Passing over the nearest candidate for its gender, a source of unknown gender
            # farther back is taken only from the pronoun's paragraph (or the line before it);
            # beyond, it is a guess ("she" jumping back to "Donald Trump"), and "she" is new.
            if paragraph - _paragraph(self.text, best[1]) > 1:
                return None
        return best[2] if best else None

    def _repeated(self, mention: Mention) -> Entity | None:
        """The source last mentioned, before ``mention``, by the same words ("the bank"
        after "The bank"), leaving the article aside."""
        words = _without_article(mention.text)
        best: tuple[int, Entity] | None = None
        for entity in self.entities:
            for start, end in entity.mentions:
                if start < mention.start and (best is None or start > best[0]):
                    if _without_article(self.text[start:end]) == words:
                        best = (start, entity)
        return best[1] if best else None

    def _postcedent(self, mention: Mention) -> Entity | None:
        """The compatible source, agreeing on a role, first mentioned soonest after ``mention``."""
        paragraph = _paragraph(self.text, mention.start)
        best: tuple[int, Entity] | None = None
        for entity in self.entities:
            after = [s for s, _ in entity.mentions if s > mention.start]
            if not after or entity.last_before(mention.start) is not None or not _same(mention.role, entity.role):
                continue
            if self._score(mention, entity, paragraph, min(after)) is None or _other_gender(mention, entity):
                continue
            if best is None or min(after) < best[0]:
                best = (min(after), entity)
        return best[1] if best else None

    def _score(self, mention: Mention, entity: Entity, paragraph: int, last: int) -> int | None:
        """How many stated descriptors agree; None when incompatible."""
        score = 0
        if mention.pronoun in ("they", "them", "we", "us"):
            if entity.kind in _ORG_KINDS:
                score -= 1
            elif entity.kind is not SourceKind.GROUP:
                return None
        elif mention.pronoun == "it":
            if entity.kind not in (*_ORG_KINDS, SourceKind.DOCUMENT):
                return None
        elif mention.plural != entity.plural:
            return None
        elif not mention.plural:
            if mention.kind is SourceKind.UNKNOWN and not (mention.role or mention.nationality):
                return None
            if mention.kind is SourceKind.DOCUMENT and entity.kind is not SourceKind.DOCUMENT:
                return None
            if mention.kind is SourceKind.PERSON and entity.kind is not SourceKind.PERSON:
                return None
            if mention.kind in _ORG_KINDS and entity.kind not in _ORG_KINDS:
                return None
        if entity.member_of is not None and mention.pronoun is None:
            if _paragraph(self.text, last) != paragraph:
                return None
        if mention.pronoun is None and entity.name is not None and entity.kind is not SourceKind.GROUP:
            # "the company" after "The company" (a body named by its common noun) is the
            # same body; otherwise a description needs the named source's role.
            same_body = mention.kind in _ORG_KINDS and mention.name is not None and (
                _same_name(mention.name, entity.name) or (entity.kind in _ORG_KINDS and _body_word(mention.name))
            )
            if not same_body and not _same(mention.role, entity.role):
                return None
        for field in STATED_FIELDS:  # any disagreement rules out; the order is immaterial
            agree = _same(getattr(mention, field), getattr(entity, field))
            if agree is False:
                if field == "nationality" and _same(mention.country, entity.country):
                    continue
                return None
            if agree:
                score += 1
        return score

    def sources(self, text: str, used: set[str] | None = None) -> tuple[list[Source], dict[int, str]]:
        """The sources, in order of first mention (any without mentions last), with
        fresh ids ``s1``, ``s2``, ...

        Entities rebuilt from sources keep their ids. Returns the sources and the id of
        each entity (keyed by :func:`id_`).
        """
        fresh = IdAllocator("s", {*(used or ()), *(e.source_id for e in self.entities if e.source_id)})
        ids: dict[int, str] = {}
        ordered = sorted((e for e in self.entities if not e.tentative), key=lambda e: (not e.mentions, e.first))
        for entity in ordered:
            ids[id_(entity)] = entity.source_id or fresh()
        return [e.to_source(ids[id_(e)], text, ids) for e in ordered], ids
