"""What the finders of cues beyond the reporting verbs share: a checked draft of a holder's claim.

The stance, noun and evidence finders (:mod:`.stances`, :mod:`.nouns`, :mod:`.evidence`) each
scan a Doc for their own words, find the content and the phrase that holds it, and end the
same way: a content part that is empty, or that overlaps the speaker's own phrase (the
parse put the holder inside what it holds), makes no claim; otherwise the draft is built. :func:`speaker_draft` is that end,
written once.
"""

from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan

from .cues import ReportingCue
from .spans import Draft

__all__ = ["speaker_draft"]


def speaker_draft(
    speaker: SpacySpan, parts: Sequence[tuple[int, int]], cue: ReportingCue, *, how: str, cue_char: int
) -> Draft | None:
    """The draft of ``speaker``'s claim with content ``parts``, or ``None``.

    Args:
        speaker: The phrase that holds the content (a noun phrase of the Doc).
        parts: The content, as character offsets ``(start, end)``.
        cue: The cue that makes the claim.
        how: How the claim was found (``"noun"``, ``"clause"``, ``"object"``, ``"according"``).
        cue_char: Where the cue starts in the text.

    Returns:
        ``None`` when there is no part, a part is empty, or a part overlaps the speaker.
    """
    if not parts or any(e <= s or (s < speaker.end_char and speaker.start_char < e) for s, e in parts):
        return None
    return Draft(parts=list(parts), how=how, cue=cue, cue_char=cue_char, speaker=speaker)
