"""The rebuttals step (``attribution.rebuttals.v1``): which claims answer which.

* :mod:`.step` — :class:`RebuttalStep`, which links the claims;
* :mod:`.explicit` — explicit rebuttals ("denied", "In response, ...") and their targets;
* :mod:`.implicit` — continuations and implicit counterclaims;
* :mod:`.rumours` — rumours and reports stated with no source, recorded when a claim answers them;
* :mod:`.context` — what the step knows about one document while it works;
* :mod:`.cues` — the ``rebuttal_cues`` lexicon and the word overlap it drives;
* :mod:`.text` — token helpers: negation, main predicates, numbers, sides.
"""

from .cues import RebuttalCues
from .step import DEFAULT_THRESHOLD, RebuttalStep, make_rebuttals

__all__ = ["DEFAULT_THRESHOLD", "RebuttalCues", "RebuttalStep", "make_rebuttals"]
