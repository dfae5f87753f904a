"""Title abbreviations of the roles lexicon stay one token ("Sgt.", "Lt. Col.")."""

import spacy

from attribution.extract.abbreviations import add_title_abbreviations, title_abbreviations


def test_titles_come_from_the_roles_lexicon():
    titles = title_abbreviations()
    assert {"Sgt.", "Cmdr.", "Lt.", "Col.", "Capt.", "Gov."} <= set(titles)
    assert "Mr." in titles  # honorifics are titles too
    assert all(t.endswith(".") and " " not in t for t in titles)


def test_the_pipeline_keeps_ranks_whole(nlp):
    words = [t.text for t in nlp.tokenizer("The spokesman, Sgt. Eli Stone, met Lt. Col. Mark Hale and Cmdr. Ana Ruiz.")]
    assert {"Sgt.", "Lt.", "Col.", "Cmdr."} <= set(words)
    assert "Sgt" not in words and "Cmdr" not in words
    assert words[-1] == "."  # a full stop that ends the sentence is still its own token


def test_only_abbreviations_the_tokenizer_splits_are_added():
    tokenizer = spacy.blank("en").tokenizer
    added = add_title_abbreviations(tokenizer)
    assert "Sgt." in added and "Gov." not in added  # spaCy's English rules keep "Gov." whole
    assert [t.text for t in tokenizer("Sgt. Stone")] == ["Sgt.", "Stone"]
    assert add_title_abbreviations(tokenizer) == ()
