"""Built-in lexicons and how patches combine with them."""

import re
from pathlib import Path

import pytest

from attribution.extract.lexicon import (
    ENTRY_KEYS,
    LexiconPatch,
    apply_patches,
    available_lexicons,
    load_lexicon,
    word_set,
)


@pytest.mark.parametrize("name", sorted(ENTRY_KEYS))
def test_keyed_lexicons_have_one_entry_per_key(name):
    entries = load_lexicon(name, patches=())
    keys = [entry[ENTRY_KEYS[name]] for entry in entries]
    assert len(keys) == len(set(keys)), f"{name}.jsonl repeats a {ENTRY_KEYS[name]!r}: a patch would drop one"


def test_every_lexicon_loads():
    for name in available_lexicons():
        assert load_lexicon(name, patches=()), name


def test_extending_entry_with_a_known_key_takes_its_place():
    built_in = ({"lemma": "intone", "frames": ["quote"]}, {"lemma": "say", "frames": ["that"]})
    patch = LexiconPatch(
        lexicon="reporting_verbs",
        entries=({"lemma": "intone", "frames": ["that", "quote"]}, {"lemma": "sniff", "frames": ["quote"]}),
    )
    merged = apply_patches(built_in, [patch], key="lemma")
    assert [e["lemma"] for e in merged] == ["intone", "say", "sniff"]
    assert merged[0]["frames"] == ["that", "quote"]


def test_without_a_key_entries_are_appended():
    built_in = ({"pattern": [{"LOWER": "a"}]},)
    patch = LexiconPatch(lexicon="anonymity", entries=({"pattern": [{"LOWER": "a"}]},))
    assert len(apply_patches(built_in, [patch])) == 2


def test_replacing_patch_takes_the_place_of_the_built_in_entries():
    patch = LexiconPatch(lexicon="seniority", entries=({"word": "chief", "seniority": "senior"},), replace=True)
    assert apply_patches(({"word": "senior", "seniority": "senior"},), [patch], key="word") == patch.entries


def test_every_word_set_the_code_reads_is_in_the_data_and_every_set_is_read():
    source = Path(__file__).resolve().parents[2] / "src" / "attribution"
    read = {
        name
        for path in source.rglob("*.py")
        for name in re.findall(r"""(?:word_set\(|words\.get\()"([a-z_]+\.[a-z_]+)\"""", path.read_text(encoding="utf-8"))
    }
    assert read, "no word_set(...) call found: the scan is broken"
    assert {entry["set"] for entry in load_lexicon("word_sets", patches=())} == read


def test_an_unknown_word_set_names_the_known_ones():
    with pytest.raises(KeyError, match="available: .*sources.definite"):
        word_set("sources.no_such_set")
