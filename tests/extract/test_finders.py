"""The end the stance, noun and evidence finders share (:mod:`attribution.extract.claims.finders`)."""

import spacy

from attribution.extract.claims import ReportingCue
from attribution.extract.claims.finders import speaker_draft

DOC = spacy.blank("en")("The mayor is sure that the bridge is safe.")
SPEAKER = DOC[0:2]  # "The mayor"
CUE = ReportingCue(head=3, start=2, end=4, role="verb", lemma="sure", cls="belief", frames=("that",))
CONTENT = (DOC[4].idx, DOC[8].idx + len(DOC[8]))  # "that the bridge is safe"


def test_a_draft_of_the_speakers_claim() -> None:
    draft = speaker_draft(SPEAKER, [CONTENT], CUE, how="clause", cue_char=DOC[2].idx)
    assert draft is not None
    assert (draft.speaker.text, draft.how, draft.cue_char, draft.parts) == ("The mayor", "clause", 10, [CONTENT])


def test_no_draft_without_content_or_with_the_speaker_inside_it() -> None:
    assert speaker_draft(SPEAKER, [], CUE, how="clause", cue_char=10) is None
    assert speaker_draft(SPEAKER, [(20, 20)], CUE, how="clause", cue_char=10) is None
    assert speaker_draft(SPEAKER, [(0, CONTENT[1])], CUE, how="clause", cue_char=10) is None
    assert speaker_draft(SPEAKER, [(4, 9)], CUE, how="clause", cue_char=10) is None  # overlaps "mayor" only
