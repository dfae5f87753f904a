"""The claims step (``attribution.claims.v1``): quotations, reporting cues, contents and speakers.

* :mod:`.step` — :class:`ClaimsExtractor`, which turns cues and quotations into claims;
* :mod:`.content` — which words a cue attributes, read off the parse;
* :mod:`.tails` — pieces at the end of a content that say something else (when and where the speaker spoke);
* :mod:`.extents` — pieces after a content that the parser hangs on the cue but are still what was said (a reason clause, an object's phrase);
* :mod:`.clauses` — complement clauses the parser misshapes (a nominal head, a clause on a phrase);
* :mod:`.cues` — reporting verbs and phrases from the ``reporting_verbs`` and ``cues`` lexicons;
* :mod:`.quotes` — quotation-mark pairing over the raw text;
* :mod:`.loose_quotes` — claims of quotations no cue reached ("“X,” he said. “Y.”");
* :mod:`.open_quotes` — a quotation left open at a paragraph's end, shared out between the credits of two paragraphs;
* :mod:`.credit_names` — a quotation's credit whose speaker the parse lost, read off the words ("“X,” NAME, APPOSITION, said");
* :mod:`.speakers` — who a cue attributes its content to;
* :mod:`.evidence` — polls, surveys and records as sources ("in the CBS poll, ...", "polls show him ahead").
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
