"""The built-in step ``attribution.claims.v1``: claims, their cues, speakers and sources.

For every reporting cue (see :mod:`attribution.extract.claims.cues`) the content is read off
the dependency tree:

* the complement clause of the verb ("officials say *that Washington has asked...*",
  "*That includes the senior leaders...*, the official said"), also where the parse
  misshapes it (:mod:`attribution.extract.claims.clauses`);
* a trailing cue after a quotation ("*Pakistan has “offered ...,”* one of the officials
  said") takes the smallest clause holding the quotation;
* a parenthetical cue ("..., the U.S. officials said, *“robust consultations
  continue,”...*", "“X,” he said, “Y”") takes the clause it interrupts, in parts;
* "according to X" takes the clause it modifies;
* a quotation after "said:" or with no clause of its own is attached to the nearest cue
  of its sentence; a quotation no cue reached goes on with the claim before it or
  continues its speaker (:mod:`attribution.extract.claims.loose_quotes`).

Quotations come from :mod:`attribution.extract.claims.quotes`; a claim is *direct* when its
content is quoted, *mixed* when it carries a quoted fragment, *indirect* otherwise.
Short quoted terms inside a noun phrase ("a new “hit list”") are scare quotes: they
neither make a claim nor make one mixed. A claim whose content and cue lie inside
another claim's content is nested under it (``parent``).

Speakers are resolved simply (same words, pronouns and definite descriptions to the
nearest compatible earlier speaker; see :func:`~attribution.extract.claims.mentions.resolve_mentions`);
the ``attribution.sources.v1`` step refines the sources.
"""

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Token

from ...model import AttributedDocument, Claim
from .._doctext import current_doc, doc_text
from ..lexicon import word_set
from ..steps import ClaimsConfig, builtin_step, step_factory
from ..syntax import noun_phrase, opens_with_that, to_infinitive
from .build import CUE_CLASSES, build_claims
from .clauses import is_clause, medium_clause, phrase_clause
from .content import (
    according_to,
    after_quote,
    bare_object,
    clause_span,
    content_object,
    medium_of,
    object_parts,
    preposition_parts,
    prepositional_clause,
    recipient_of,
    through_colon,
    without_medium,
)
from .credit_names import credits_by_name, whole_quotation
from .credits import (
    closes_sentence,
    colon_nouns,
    labelled_lines,
    paragraph_after,
    quote_after,
    quote_before,
    quote_next_sentence,
)
from .cues import ReportingCue, ReportingCueFinder
from .denials import denied_object
from .evidence import EvidenceFinder
from .extents import quoted_phrase
from .filters import (
    STATEMENT_CLASSES,
    ClaimWords,
    asks_anonymity,
    is_question,
    is_request,
    names_party,
    owned,
    quoted_term,
    quoted_aside,
    quoted_title,
    regarded_as,
    starts_statement,
    writers_aside,
)
from .gaps import with_antecedent
from .interrupted import (
    acts_on_object,
    adds_to,
    continuation,
    interrupted_parts,
    interrupts,
    inverted_parts,
    second_report,
    set_apart,
)
from .loose_quotes import loose_quotes
from .nouns import NounCueFinder
from .open_quotes import left_open
from .passives import passive_parts, passive_report
from .presented import named_outside, presented_as
from .quotes import Quote, find_quotes, opens_sentence
from .reports import noun_with_clause, of_report_noun
from .series import through_series
from .settle import by_paragraph, settle
from .shapes import (
    adjunct_clause,
    after_cue,
    as_clause,
    gerund_complement,
    named_quotation,
    relative_complement,
    relative_naming,
    subject_before_credit,
    trails_as_conj,
)
from .stances import StanceCueFinder
from .speakers import agent_of, inverted_speaker, named_before, speaker_token
from .spans import Draft, Quotes, in_quote, starts_quote, trim
from .tails import without_occasion
from .unattributed import seeming, unattributed_passive

__all__ = ["ClaimsExtractor", "make_claims"]

NAME = "attribution.claims.v1"

_CLAUSE_DEPS = ("ccomp",)
_TRAILING_DEPS = ("parataxis", "advcl", "conj")
#: Cue classes whose participle speaks for the noun it modifies ("polls *showing*", "a statement *saying*").
_NOUN_SPEAKS = frozenset({"speech", "writing", "evidence"})


class ClaimsExtractor:
    """Finds claims, cues and speakers in a parsed Doc.

    The matchers are built once, here; each call only runs them and walks the tree
    around the cues they find.

    Args:
        nlp: The pipeline (its vocabulary builds the matchers).
        classes: Cue classes to use (see ``data/README.md``); by default all of them.
        min_quote_words: The fewest words a quotation needs to be a claim on its own.
        join_quotes: What to do with a quotation that follows a claim and its cue in the
            same paragraph. ``"paragraph"`` (the default) always joins it to that claim as
            a further part: "“X,” he said. “Y.”" is one quotation interrupted by its
            attribution, as a reader (and PolNeAR) takes it; so is "“X,” he said.¶“Y.”",
            a quotation opening the paragraph right after the one the cue clause ends.
            ``"sentence"`` joins only when no sentence ends in between ("“X,” he said,
            “Y”"); after a full stop "“Y.”" becomes a claim of its own with the same
            speaker, cue and medium.

    Raises:
        ValueError: ``join_quotes`` is neither ``"sentence"`` nor ``"paragraph"``.
    """

    name = NAME
    after: tuple[str, ...] = builtin_step(NAME).after
    before: tuple[str, ...] = builtin_step(NAME).before

    def __init__(
        self,
        nlp: Language,
        *,
        classes: tuple[str, ...] | None = CUE_CLASSES,
        min_quote_words: int = 4,
        join_quotes: str = "paragraph",
    ) -> None:
        if join_quotes not in ("sentence", "paragraph"):
            raise ValueError(f"join_quotes must be 'sentence' or 'paragraph', not {join_quotes!r}")
        self.join_quotes = join_quotes
        self.cues = ReportingCueFinder(nlp.vocab, classes=classes)
        self.nouns = NounCueFinder(nlp.vocab, classes=classes)
        self.evidence = EvidenceFinder(nlp.vocab, classes=classes)
        self.words = ClaimWords.load()
        self.stances = StanceCueFinder(nlp.vocab, self.words, classes=classes)
        self.min_quote_words = min_quote_words

    def __call__(self, doc: Doc, partial: AttributedDocument) -> AttributedDocument:
        """Return ``partial`` with the claims and sources found in ``doc``."""
        text = doc_text(doc)
        quotes = Quotes(q for q in find_quotes(text) if q.depth == 0)
        with current_doc(doc, text):
            drafts = self._drafts(doc, quotes)
            claims, sources = build_claims(
                doc, drafts, quotes, offset=len(partial.claims), source_offset=len(partial.sources)
            )
        if not claims and not sources:
            return partial  # nothing found: no new document to build
        return attrs.evolve(
            partial, claims=(*partial.claims, *claims), sources=(*partial.sources, *sources)
        )

    # -- finding drafts ----------------------------------------------------------------

    def _drafts(self, doc: Doc, quotes: list[Quote]) -> list[Draft]:
        mediums = self.cues.mediums(doc)
        drafts: list[Draft] = []
        cues = self.cues(doc)
        # A conjoined cue ends the content before it only when it is a statement of its own.
        heads = frozenset(c.head for c in cues if starts_statement(c))
        # A cue of any class lends its speaker to a cue conjoined inside its content.
        every = frozenset(c.head for c in cues)
        missed: list[ReportingCue] = []
        for cue in cues:
            draft = self._from_cue(doc, cue, quotes, mediums, heads, every)
            if draft is None:
                draft = self.evidence.shown(doc, cue, quotes, every)  # "polls show him with a big lead"
            if draft is not None:
                drafts.append(draft)
            else:
                missed.append(cue)
        drafts.extend(credits_by_name(doc, missed, quotes, drafts))  # "“A,” NAME, APPOSITION, said"
        drafts.extend(presented_as(doc, quotes, drafts, every))  # "hailed the deal as “a lifeline”"
        drafts.extend(named_outside(doc, quotes, drafts, every))  # "branded the port an “outlaw harbor”"
        drafts.extend(self.nouns(doc, quotes))  # "the mayor's claim that ..."
        drafts.extend(self.stances(doc, quotes, every))  # "they are convinced that ..."
        drafts.extend(self.evidence.polls(doc, quotes, every))  # "Trump leads in the CBS poll"
        drafts.extend(self.evidence.held(doc, quotes, every))  # "the poll has him at 4 percent"
        drafts = settle(doc, drafts, quotes)
        inside = Quotes.of(quotes).inside  # the index the quotations already have
        outer = [d for d in drafts if not inside(d.cue_char)]
        drafts.extend(
            loose_quotes(
                doc, quotes, outer, words=self.words, min_quote_words=self.min_quote_words, join_quotes=self.join_quotes
            )
        )
        drafts.extend(labelled_lines(doc, quotes, drafts))
        drafts.extend(colon_nouns(doc, drafts, lambda t: names_party(t, self.words)))  # "sent him a message: X"
        with_antecedent(doc, drafts)  # "the goal the port pledged to meet": the noun is said too
        drafts.sort(key=lambda d: (d.start, -d.end))
        drafts = settle(doc, drafts, quotes)
        pieces = [q.parts for q in quotes if q.parts]
        if pieces:
            left_open(doc, drafts, quotes)  # "“A,” X said. “B¶“C,” X said.": B is more of A
            for draft in drafts:
                draft.parts = by_paragraph(draft.parts, pieces)
        return drafts

    def _from_cue(
        self,
        doc: Doc,
        cue: ReportingCue,
        quotes: list[Quote],
        mediums: dict[int, tuple[int, str]],
        heads: frozenset[int] = frozenset(),
        every: frozenset[int] = frozenset(),
    ) -> Draft | None:
        head = doc[cue.head]
        if cue.role == "source_prep":
            return according_to(doc, cue, quotes)
        if cue.lemma in word_set("claims.raising_verbs"):
            return seeming(doc, cue)  # "The talks appear to have stalled": no one's
        # A passive cue's agent is its speaker ("it was announced by X that"); it says the cue's
        # clause or subject only, except in "As reported by the Times, X" (trailing).
        who = speaker_token(head, skip=lambda t: in_quote(t.idx, quotes), cues=every) or inverted_speaker(head)
        misread = subject_before_credit(doc, head, quotes) if "trailing" in cue.frames else None
        if misread is not None:
            who = misread[0]  # "X signals Y, said Wilders": the parser made both subjects of the cue
        passive = who is not None and who.head.dep_ == "agent" and not as_clause(head, self.words, cue.end)
        flattened = relative_complement(head, self.words) if cue.cls in STATEMENT_CLASSES else None
        if flattened is not None:
            who = flattened[0]  # "which they say left a vacuum": "they", not the noun "which" stands for
        named = named_before(head)  # "“...,” Tulsa police Chief Jordan said", "Toledo fire Capt. Ada Brook"
        if named is not None and who is not None and not named.start <= who.i < named.end:
            named = None
        if named is not None:
            who = named.root
        elif who is None:
            return unattributed_passive(doc, cue)  # "The bill is expected to pass": no one's
        elif head.dep_ == "acl" and who.i == head.head.i and cue.cls not in _NOUN_SPEAKS and who.dep_ != "ROOT":
            return None  # "notices seeking an arrest": a noun seeks, wants or plans nothing
        speaker = named if named is not None else noun_phrase(who)
        if speaker.start <= head.i < speaker.end or len(speaker) == 0:
            return None
        if cue.cls in STATEMENT_CLASSES and writers_aside(head, speaker):
            return None  # "That said, X", "it's safe to say X": the writer's aside, no one's claim
        parts: list[tuple[int, int]] | None = None
        how = "clause"
        clauses = [
            c
            for c in head.children
            if (c.dep_ in _CLAUSE_DEPS or (c.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN")))  # "Trump claims that"
            and is_clause(c)
            and not speaker.start <= c.i < speaker.end
            and not cue.head < c.i < cue.end  # "made it clear that X": "it clear" is the cue's
            # '"A," said Brock, who heads the group Correct the Record': a misparsed name
            # after the speaker is no clause of the cue's. (A relative clause reaching back over
            # the cue, "which the campaign says includes X", is: see after_cue below.)
            and not (head.i < c.left_edge.i <= speaker.start < c.right_edge.i + 1)
            # "Salkin, a rabbi helping ..., said": an apposition misread as a clause holds the speaker.
            and not (c.i < head.i and c.left_edge.i <= speaker.start < speaker.end <= c.right_edge.i + 1)
        ]
        if not clauses and cue.end > cue.head + 1 and (owned := phrase_clause(doc, cue.head, cue.end)) is not None:
            clauses = [owned]  # "made the case that X", "made it clear that X": the clause hangs on the phrase
        if not clauses and "that" in cue.frames and (hung := medium_clause(head)) is not None:
            clauses = [hung]  # "said in a statement posted online that X": the clause hangs on the phrase
        if not clauses and flattened is not None:
            clauses = [flattened[1]]
        if not clauses and "that" in cue.frames and (hung := adjunct_clause(head, self.words)) is not None:
            clauses = [hung]  # "said for the first time that X": the parser makes the clause relative
        if "that" in cue.frames:
            clauses = self._through_pointer(head, clauses)
            # "Responding to speculation that X": X completes the noun, not the verb.
            clauses = [c for c in clauses if not of_report_noun(head, c)]
        # "asked that his name not be used": a condition for talking, not a claim.
        clauses = [c for c in clauses if not asks_anonymity(c, self.words)]
        if head.lemma_.lower() in word_set("claims.state_verbs"):
            clauses = [c for c in clauses if not _reflexive_subject(c)]  # "found himself embroiled": a state
        if head.lemma_.lower() in word_set("claims.that_verbs"):
            clauses = [c for c in clauses if opens_with_that(c)]  # "hold the mayor accountable": a verdict acted on
        if head.lemma_.lower() in self.words.perception:
            clauses = [c for c in clauses if opens_with_that(c)]  # "saw his support collapse": an event seen
        clauses = [c for c in clauses if not second_report(head, c, clauses, every)]  # "A, and most said B"
        clauses = [c for c in clauses if not set_apart(head, c, clauses, quotes)]  # "A; 29 percent say B"
        if clauses and "wh" not in cue.frames:
            # "asked how many were hurt", "saw what looked like a rifle": a question asserts nothing.
            asked = [c for c in clauses if is_question(c, self.words)]
            if asked and len(asked) == len(clauses):
                return None
            clauses = [c for c in clauses if c not in asked]
        # "Voters preferred Clinton": a verb acting on an object of its own trails no clause.
        acting = "trailing" in cue.frames and acts_on_object(head, cue.end, speaker, cue.recipient)
        if clauses and ("that" in cue.frames or "trailing" in cue.frames or "quote" in cue.frames):
            parts = []
            # "Not only is X, no one knows what Y", "a step officials believe will Z": a belief
            # verb with a clause of its own after it says that clause, not the one before it.
            ahead = cue.cls == "belief" and any(c.i > head.i for c in clauses)
            for clause in clauses:
                if clause.i < head.i and "trailing" in cue.frames and not acting and not ahead:
                    span = after_quote(doc, head, clause, clause_span(doc, clause, quotes, heads, every), quotes, every)
                    how = "trailing"
                    rest = continuation(doc, head, quotes, span, every)  # "A, the office said, and B"
                    if rest is not None:
                        parts.append(span)
                        span = rest
                elif clause.i > head.i and ("that" in cue.frames or starts_quote(doc, clause, quotes)):
                    span = self._past_pointer(doc, clause, clause_span(doc, clause, quotes, heads, every))
                    first = after_cue(head, clause) if span[0] <= speaker.start_char else None
                    if first is not None and cue.cls in STATEMENT_CLASSES:
                        span = trim(doc_text(doc), first.idx, span[1])  # "which the campaign says includes X"
                else:
                    continue
                if not parts or span[0] >= parts[-1][1]:
                    parts.append(span)
        elif "trailing" in cue.frames and head.dep_ in _TRAILING_DEPS and interrupts(head) and not acting:
            parts = interrupted_parts(doc, head, quotes)
            how = "trailing"
        elif "trailing" in cue.frames and (as_clause(head, self.words, cue.end) or trails_as_conj(head, self.words)):
            parts = interrupted_parts(doc, head, quotes)  # "As the paper noted, X", "X, his aide told the Times."
            how = "trailing"
        elif (gerund := gerund_complement(head, self.words)) is not None:
            parts = [clause_span(doc, gerund, quotes, heads, every)]  # "reported spending $1 million"
            how = "clause"
        elif "that" in cue.frames and (reported := noun_with_clause(head)) is not None:
            parts = [clause_span(doc, reported, quotes, every=every)]  # "denied reports that X": the report is content
            how = "object"
        elif "prep" in cue.frames and (called := prepositional_clause(doc, head, cue.prepositions, quotes)):
            parts = called  # "called for the mayor to resign"
            how = "object"
        elif "to" in cue.frames:
            objects = [c for c in head.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.i > head.i]
            if objects and to_infinitive(objects[0]):
                if is_request(head, objects[0]) or asks_anonymity(objects[0], self.words):
                    return None  # "asked the judge to reject it", "asked not to be named": requests
                parts = [clause_span(doc, objects[0], quotes, every=every)]
                how = "infinitive"
        if parts and how == "trailing" and any(s <= speaker.start_char < e for s, e in parts):
            # "Carson shared a syllabus, writing “...”": a participle whose clause holds its
            # speaker interrupts nothing; a quotation after it is what it says.
            parts = quote_after(doc, head, quotes) if "quote" in cue.frames else None
            if not parts:
                return None
            how = "quote"
        if not parts and "prep" in cue.frames:
            parts = preposition_parts(doc, head, cue.prepositions, quotes)  # "talked about the deficit"
            how = "object"
        if not parts and "denial" in cue.frames and (denied := denied_object(doc, head, quotes)):
            parts, how = denied, "object"  # "denied the charges", "rejected it"
        if not parts and ("object" in cue.frames or "target" in cue.frames):
            parts = self._object(doc, head, quotes, target="target" in cue.frames)
            if not parts and (named := named_quotation(doc, head, quotes)) is not None:
                parts = [named]  # 'called both Trump and Clinton “crazy”'
            elif not parts and (named := relative_naming(doc, head, quotes)) is not None:
                parts = [named]  # 'what the engineer called “the hardest winter”'
            how = "object"
        if not parts and passive and cue.lemma in word_set("claims.passive_reports"):
            parts = passive_report(doc, head, quotes, lambda t: names_party(t, self.words))
            how = "object"
        if not parts and "quote" in cue.frames:
            parts = quote_after(doc, head, quotes) or quote_before(doc, head, speaker, quotes)
            parts = parts or quote_next_sentence(doc, head, quotes)
            inner = next((q.inner for q in quotes if (q.start, q.end) == parts[0]), None) if parts else None
            words = doc.char_span(*inner, alignment_mode="expand") if inner is not None else None
            if quoted_term(doc, words) or quoted_title(words) or quoted_aside(words, head):
                parts = None  # "denies writing 'Globe' editorial", "on ABC's “This Week”": a term, no quotation
            elif parts and words is not None and (end := quoted_phrase(doc, head, words, parts[-1][1])):
                parts = [*parts[:-1], (parts[-1][0], end)]  # 'reported “1,200 delays” at the terminal'
            how = "quote"
            if not parts and (block := paragraph_after(doc, head, quotes)):
                parts, how = block, "clause"  # "The mayor added:¶It was ...": a block without quotation marks
        if not parts and "trailing" in cue.frames and who.i > head.i:
            parts = inverted_parts(doc, head, quotes)  # "Hardly, said the official."
            if not parts and misread is not None:
                parts = [misread[1]]  # "The rejection signals the end, said Wilders": a clause read as a subject
            how = "trailing"
        if not parts or any(e <= s for s, e in parts) or (passive and how not in ("clause", "object")):
            return None  # "published by Politico": a passive cue's agent says its subject or clause only
        if how in ("clause", "quote") and parts[0][0] > head.idx and Quotes.of(quotes).starting_at(parts[0][0]):
            # "“A,” he told the host, “B.”": the quotation before the speaker opens the same
            # quotation, when it opens its sentence (not '... do better at "smaller harbor towns," he said')
            # and does not end it ('“A,” X said. “B.” Y added: “C.”': B is X's).
            before = None if adds_to(head, every) else quote_before(doc, head, speaker, quotes)
            if before and opens_sentence(doc_text(doc), before[0][0]) and not closes_sentence(doc, before[0], quotes):
                parts = before + parts
        if any(s <= speaker.start_char < e for s, e in parts):
            return None
        if how == "trailing":
            parts = whole_quotation(doc, head, speaker, parts, quotes)  # "“A. B, C,” Ortiz said": all of it
        parts = [without_medium(doc, head, part, mediums, quotes, every) for part in parts]
        parts[-1] = through_series(doc, head, through_colon(doc, head, parts[-1], quotes, every), quotes, every)
        if how == "object":
            parts[-1] = without_occasion(doc, head, parts[-1], mediums, quotes)
        return Draft(
            parts=parts,
            how=how,
            cue=cue,
            cue_char=head.idx,
            speaker=speaker,
            recipient=recipient_of(head, cue, parts),
            medium=cue.medium or medium_of(head, mediums),
        )

    def _through_pointer(self, head: Token, clauses: list[Token]) -> list[Token]:
        """``clauses``, with a pointer replaced by its own clause ("reported, citing X, that ...").

        The parser hangs the cue's clause on the pointer ("citing"), or makes the pointer
        the cue's clause; either way the pointer's object is no part of what was said.
        """
        pointers = [
            c
            for c in head.children
            if c.i > head.i and c.dep_ in ("advcl", "xcomp", *_CLAUSE_DEPS) and c.lemma_.lower() in self.words.pointer
        ]
        if not pointers:
            return clauses
        found = [c for c in clauses if c not in pointers]
        for pointer in pointers:
            found += [c for c in pointer.children if c.dep_ in _CLAUSE_DEPS and is_clause(c)]
        return sorted(found, key=lambda t: t.i)

    def _past_pointer(self, doc: Doc, clause: Token, span: tuple[int, int]) -> tuple[int, int]:
        """``span`` without a pointer that opens it ("citing X, that ..."): it is not content."""
        for child in clause.children:
            if child.i < clause.i and child.dep_ == "advcl" and child.lemma_.lower() in self.words.pointer:
                end = child.right_edge.idx + len(child.right_edge)
                if span[0] <= child.left_edge.idx and end < span[1]:
                    return trim(doc_text(doc), end, span[1])
        return span

    def _object(
        self, doc: Doc, head: Token, quotes: list[Quote], *, target: bool = False
    ) -> list[tuple[int, int]] | None:
        """The object as content, unless it is a request or a bare party ("blamed Mr. Green").

        With ``target`` (a verb whose object is whom or what it judges: "blamed", "praised")
        a bare object is content only when it is someone's ("criticized *the governor's
        budget*"); "blamed the storm *for the delay*" is too.
        """
        lemma = head.lemma_.lower()
        if (lemma in self.words.perception or lemma in self.words.views) and not regarded_as(head, content_object(head)):
            return None  # "saw prices rise", "painted the office blue": no view; "sees X as Y" is one
        complements = [c for c in head.children if c.dep_ == "xcomp" and c.i > head.i]
        if complements and to_infinitive(complements[0]):
            if is_request(head, complements[0]):
                return None  # "urged the volunteers to deny it"
        if head.tag_ == "VBN" and agent_of(head) is not None:  # "The plan was criticized by X for Y"
            return passive_parts(doc, head, quotes, lambda t: names_party(t, self.words), target=target)
        parts = object_parts(doc, head, quotes)
        if not parts:
            return None
        first = content_object(head)
        if bare_object(head, first) and (names_party(first, self.words) or (target and not owned(first))):
            return None  # a bare object naming whom the speech is about, or a judged thing of no one's
        return parts


def _reflexive_subject(clause: Token) -> bool:
    """Whether the clause's subject is a reflexive pronoun ("found *himself* embroiled in it")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_.endswith(("self", "selves")) for c in clause.children)


def _make(nlp: Language, config: ClaimsConfig) -> ClaimsExtractor:
    """The claims step for ``nlp`` (its vocabulary builds the matchers)."""
    classes = {} if config.classes is None else {"classes": config.classes}
    return ClaimsExtractor(nlp, **classes, min_quote_words=config.min_quote_words, join_quotes=config.join_quotes)


#: The factory registered as ``attribution.claims.v1``: ``make_claims(nlp, join_quotes="sentence")``.
make_claims = step_factory(NAME, _make)
