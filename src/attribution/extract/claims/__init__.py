"""The claims step (``attribution.claims.v1``): quotations, reporting cues, contents and speakers.

The step and its drafts:

* :mod:`.step` — :class:`ClaimsExtractor`, which turns cues and quotations into claims;
* :mod:`.spans` — character spans of drafts and the quotations they are measured against;
* :mod:`.settle` — overlaps, nesting and modes among the drafts;
* :mod:`.build` — settled drafts turned into model claims and sources;
* :mod:`.filters` — what looks like a claim but is not one (questions, requests, named parties, quoted terms).

Cues and their contents:

* :mod:`.cues` — reporting verbs and phrases from the ``reporting_verbs`` and ``cues`` lexicons;
* :mod:`.content` — which words a cue attributes, read off the parse;
* :mod:`.tails` — pieces at the end of a content that say something else (when and where the speaker spoke);
* :mod:`.extents` — pieces after a content that the parser hangs on the cue but are still what was said (a reason clause, an object's phrase);
* :mod:`.gaps` — the noun before a relative clause with no relative word, which the cue's content leaves a gap for;
* :mod:`.clauses` — complement clauses the parser misshapes (a nominal head, a clause on a phrase);
* :mod:`.shapes` — shapes of the parse around a lexicon cue whose content the plain rules miss;
* :mod:`.interrupted` — cues that interrupt, trail or follow what they report;
* :mod:`.finders` — what the finders of cues beyond the reporting verbs share;
* :mod:`.nouns` — nouns as cues ("the governor's *claim* that ...");
* :mod:`.reports` — a report noun's clause ("reports *that the club would move*");
* :mod:`.denials` — the object of a denial that names only what is denied ("denied *the allegations*", "denied *it*");
* :mod:`.stances` — stance adjectives as cues ("*are concerned* that ...");
* :mod:`.passives` — passive cues with an agent ("was criticized *by the mayor*");
* :mod:`.presented` — verbs that present their object in quoted words ("hailed the deal *as “a lifeline”*");
* :mod:`.unattributed` — claims without a speaker ("X *is expected to* win", "*it seems* that X");
* :mod:`.evidence` — polls, surveys and records as sources ("in the CBS poll, ...", "polls show him ahead").

Quotations and speakers:

* :mod:`.quotes` — quotation-mark pairing over the raw text;
* :mod:`.credits` — quotations credited without a clause (after or before a cue, after a name and a colon, ...);
* :mod:`.loose_quotes` — claims of quotations no cue reached ("“X,” he said. “Y.”");
* :mod:`.open_quotes` — a quotation left open at a paragraph's end, shared out between the credits of two paragraphs;
* :mod:`.credit_names` — a quotation's credit whose speaker the parse lost, read off the words ("“X,” NAME, APPOSITION, said");
* :mod:`.speakers` — who a cue attributes its content to;
* :mod:`.mentions` — which of the speaker phrases name the same source.
"""

from .cues import Cue, CueFinder, ReportingCue, ReportingCueFinder, VerbEntry
from .quotes import QUOTE_CHARACTERS, Quote, find_quotes
from .step import ClaimsExtractor, make_claims

__all__ = [
    "QUOTE_CHARACTERS",
    "ClaimsExtractor",
    "Cue",
    "CueFinder",
    "Quote",
    "ReportingCue",
    "ReportingCueFinder",
    "VerbEntry",
    "find_quotes",
    "make_claims",
]
