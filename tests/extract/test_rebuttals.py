"""The rebuttals step (attribution.rebuttals.v1): explicit rebuttals, look-alikes,
implicit counterclaims, its configuration and its invariants.

Unit tests run the step alone on documents whose claims and sources are built by hand
(labelled in tests/data/rebuttals.jsonl); end-to-end tests run the whole extractor.
"""

import importlib.util
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.errors import PipelineError
from attribution.extract import analyze, load_pipeline
from attribution.extract.rebuttals import RebuttalCues
from attribution.extract.lexicon import LexiconPatch, load_lexicon
from attribution.extract.rebuttals import DEFAULT_THRESHOLD, RebuttalStep, make_rebuttals
from attribution.model import AttributedDocument, Claim, Descriptors, Rebuttal, Source, Span
from attribution.plugins import extractors

_BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "rebuttals.py"
_spec = importlib.util.spec_from_file_location("rebuttals_benchmark", _BENCHMARK)
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)  # type: ignore[union-attr]

ITEMS = {item["id"]: item for item in benchmark.load_items()}


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """The default pipeline with the attribution components (module-scoped)."""
    return load_pipeline()


@pytest.fixture(scope="module")
def parse(nlp: spacy.language.Language) -> Any:
    """Parse a text without running the attribution steps (as the step receives it)."""
    def run(text: str) -> spacy.tokens.Doc:
        with nlp.select_pipes(disable=["attribution"]):
            return nlp(text)

    return run


def links(document: AttributedDocument) -> set[tuple[str, str, str]]:
    """(rebutting content, target content, kind) for every rebuttal."""
    return {
        (document.claim(r.claim).content.text, document.claim(r.target).content.text, r.kind.value)
        for r in document.rebuttals
    }


def run_item(parse: Any, item_id: str, **config: Any) -> AttributedDocument:
    item = ITEMS[item_id]
    return make_rebuttals(None, **config)(parse(item["text"]), benchmark.gold_document(item))


# -- the labelled set, one behaviour at a time ------------------------------------------------

EXPLICIT = [
    "deny-that", "disputed-account", "called-baseless", "contradicted-version", "pushed-back", "in-response",
    "could-not-verify", "disputed-that", "rejected-characterization", "allegations-false", "denied-crossed",
    "as-for-complaint", "responding-to-allegations", "denied-accusation-said", "questioned-explanation",
    "not-true", "replied", "countered", "denied-wrongdoing",
]
LOOK_ALIKES = [item_id for item_id, item in ITEMS.items() if not item["rebuttals"]]


@pytest.mark.parametrize("item_id", EXPLICIT)
def test_explicit_rebuttals_link_the_labelled_claims(parse: Any, item_id: str) -> None:
    document = run_item(parse, item_id)
    expected = ITEMS[item_id]["rebuttals"]
    found = links(document)
    assert len(found) == len(expected), found
    for claim, target, kind in expected:
        assert any(claim in c and target in t and k == kind for c, t, k in found), (expected, found)


@pytest.mark.parametrize("item_id", LOOK_ALIKES)
def test_look_alikes_are_not_rebuttals(parse: Any, item_id: str) -> None:
    assert run_item(parse, item_id, threshold=DEFAULT_THRESHOLD).rebuttals == ()


def test_the_labelled_set_has_enough_varied_items() -> None:
    kinds = {kind for item in ITEMS.values() for _, _, kind in item["rebuttals"]}
    assert sum(len(item["rebuttals"]) for item in ITEMS.values()) >= 25
    assert len(LOOK_ALIKES) >= 8
    assert kinds == {"denial", "dispute", "cannot_verify", "counterclaim", "response"}
    assert all(item["provenance"] for item in ITEMS.values())


def test_rebuttals_carry_evidence_and_reference(parse: Any) -> None:
    document = run_item(parse, "rejected-characterization")
    (rebuttal,) = document.rebuttals
    assert rebuttal.evidence.text == "rejected"
    assert rebuttal.reference.text == "that characterization"
    assert rebuttal.confidence == pytest.approx(0.9)
    baseless = run_item(parse, "called-baseless").rebuttals[0]
    assert (baseless.evidence.text, baseless.reference.text) == ("baseless", "the claim")


def test_stance_opposition_is_an_implicit_counterclaim(parse: Any) -> None:
    document = run_item(parse, "stance-opposite")
    (rebuttal,) = document.rebuttals
    assert rebuttal.kind.value == "counterclaim"
    assert DEFAULT_THRESHOLD <= rebuttal.confidence < 1
    assert "confident" in rebuttal.evidence.text


def test_the_threshold_decides_implicit_links(parse: Any) -> None:
    confidence = run_item(parse, "not-safe").rebuttals[0].confidence
    assert run_item(parse, "not-safe", threshold=confidence).rebuttals
    assert run_item(parse, "not-safe", threshold=min(1.0, confidence + 0.01)).rebuttals == ()
    assert run_item(parse, "not-safe", implicit=False).rebuttals == ()
    # explicit rebuttals do not depend on it
    assert run_item(parse, "deny-that", threshold=1.0).rebuttals


def test_a_source_named_by_the_rebuttal_chooses_the_target(parse: Any) -> None:
    text = (
        "Egyptian officials said the convoy carried only food. "
        "Israeli officials said the convoy had been stopped at the crossing. "
        "Aid workers said they could not verify Egyptian claims that the trucks carried only food."
    )
    document = AttributedDocument(
        id="d", text=text,
        sources=[
            _source(text, "E", "Egyptian officials", nationality="Egyptian"),
            _source(text, "I", "Israeli officials", nationality="Israeli"),
            _source(text, "W", "Aid workers"),
        ],
        claims=[
            _claim(text, "c1", "E", "said", "the convoy carried only food"),
            _claim(text, "c2", "I", "said", "the convoy had been stopped at the crossing"),
            _claim(text, "c3", "W", "said", "they could not verify Egyptian claims that the trucks carried only food"),
        ],
    )
    result = make_rebuttals(None)(parse(text), document)
    assert [(r.claim, r.target, r.kind.value) for r in result.rebuttals] == [("c3", "c1", "cannot_verify")]
    assert result.rebuttals[0].reference.text.startswith("Egyptian claims")


def test_nothing_is_linked_inside_one_group(parse: Any) -> None:
    text = "The officials said the talks had failed. One of the officials denied that the talks had failed."
    document = AttributedDocument(
        id="d", text=text,
        sources=[
            _source(text, "G", "The officials", kind="group"),
            attrs.evolve(_source(text, "M", "One of the officials"), member_of="G"),
        ],
        claims=[
            _claim(text, "c1", "G", "said", "the talks had failed"),
            _claim(text, "c2", "M", "denied", "the talks had failed", after=40),
        ],
    )
    assert make_rebuttals(None)(parse(text), document).rebuttals == ()


def test_a_claim_that_only_names_the_target_is_not_linked_twice(parse: Any) -> None:
    text = "The health department said the outbreak had been contained. Nurses dismissed that assessment, saying new cases were arriving every day."
    sources = [_source(text, "H", "The health department"), _source(text, "N", "Nurses")]
    reference = _claim(text, "c2", "N", "dismissed", "that assessment")
    elaboration = _claim(text, "c3", "N", "saying", "new cases were arriving every day")
    both = AttributedDocument(id="d", text=text, sources=sources,
                              claims=[_claim(text, "c1", "H", "said", "the outbreak had been contained"), reference, elaboration])
    assert [(r.claim, r.target, r.kind.value, r.reference.text) for r in make_rebuttals(None)(parse(text), both).rebuttals] == [
        ("c3", "c1", "denial", "that assessment")
    ]
    alone = attrs.evolve(both, claims=both.claims[:2])
    assert [(r.claim, r.target) for r in make_rebuttals(None)(parse(text), alone).rebuttals] == [("c2", "c1")]


def test_existing_rebuttals_are_kept_and_ids_stay_unique(parse: Any) -> None:
    document = benchmark.gold_document(ITEMS["deny-that"])
    keep = Rebuttal(id="r1", claim="c1", target="c2", kind="dispute")
    result = make_rebuttals(None)(parse(document.text), attrs.evolve(document, rebuttals=[keep]))
    assert result.rebuttals[0] == keep
    assert len({r.id for r in result.rebuttals}) == len(result.rebuttals) == 2


def test_a_document_with_fewer_than_two_claims_is_returned_unchanged(parse: Any) -> None:
    document = AttributedDocument(id="d", text="He denied it.")
    assert make_rebuttals(None)(parse(document.text), document) is document


# -- configuration and registration -------------------------------------------------------------


def test_the_step_is_registered_and_follows_claims_and_sources() -> None:
    step = extractors.get("attribution.rebuttals.v1")(None)
    assert isinstance(step, RebuttalStep)
    assert step.name == "attribution.rebuttals.v1"
    assert set(step.after) == {"attribution.claims.v1", "attribution.sources.v1"}
    assert tuple(step.before) == ()


@pytest.mark.parametrize("config", [{"threshold": 1.5}, {"threshold": "high"}, {"treshold": 0.5}])
def test_bad_configuration_is_refused_with_the_valid_options(config: dict[str, Any]) -> None:
    with pytest.raises(PipelineError, match="threshold"):
        make_rebuttals(None, **config)


def test_step_config_reaches_the_step() -> None:
    nlp = load_pipeline(step_config={"attribution.rebuttals.v1": {"threshold": 0.95}})
    (step,) = [s for s in nlp.get_pipe("attribution").steps if s.name == "attribution.rebuttals.v1"]
    assert step.threshold == 0.95


def test_the_spacy_component_runs_the_step_alone_after_the_others() -> None:
    from attribution.extract import document_from_doc

    nlp = load_pipeline(exclude=["attribution.rebuttals.v1"])
    text = ITEMS["deny-that"]["text"]
    assert document_from_doc(nlp(text)).rebuttals == ()
    nlp.add_pipe("attribution_rebuttals", config={"step_config": {"threshold": 0.8}})
    (rebuttal,) = document_from_doc(nlp(text)).rebuttals
    assert (rebuttal.kind.value, rebuttal.evidence.text) == ("denial", "denied")
    assert nlp.get_pipe("attribution_rebuttals").steps[0].threshold == 0.8


def test_the_cue_lexicon_loads_and_rejects_unknown_keys() -> None:
    entries = load_lexicon("rebuttal_cues")
    assert {e["type"] for e in entries} >= {"predicate", "verdict", "frame", "claim_noun", "stance"}
    with pytest.raises(ValueError, match="unknown"):
        RebuttalCues.from_entries([{"type": "predicate", "words": ["deny"], "kind": "denial", "colour": "red"}])
    with pytest.raises(ValueError, match="type"):
        RebuttalCues.from_entries([{"type": "verb", "words": ["deny"]}])


def test_a_lexicon_patch_adds_a_cue(parse: Any) -> None:
    text = "The ministry said the bridge had collapsed. The engineers derided that account, saying the bridge was still standing."
    document = AttributedDocument(
        id="d", text=text,
        sources=[_source(text, "M", "The ministry"), _source(text, "E", "The engineers")],
        claims=[
            _claim(text, "c1", "M", "said", "the bridge had collapsed"),
            _claim(text, "c2", "E", "saying", "the bridge was still standing"),
        ],
    )
    patch = LexiconPatch(lexicon="rebuttal_cues", entries=[{"type": "predicate", "words": ["deride"], "kind": "denial"}])
    patched = RebuttalStep(cues=RebuttalCues.from_entries(load_lexicon("rebuttal_cues", patches=[patch])))
    assert make_rebuttals(None)(parse(text), document).rebuttals == ()
    (rebuttal,) = patched(parse(text), document).rebuttals
    assert (rebuttal.claim, rebuttal.target, rebuttal.kind.value) == ("c2", "c1", "denial")
    assert rebuttal.evidence.text == "derided" and rebuttal.reference.text == "that account"


# -- properties ---------------------------------------------------------------------------------

_TEXT = " ".join(item["text"] for item in list(ITEMS.values())[:6])


@st.composite
def _documents(draw: st.DrawFn) -> AttributedDocument:
    words = [(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", _TEXT)]
    nationalities = st.none() | st.sampled_from(["Pakistani", "U.S.", "Turkish"])
    sources = [
        Source(id=f"s{i}", kind="group" if i == 0 else "person", member_of="s0" if i and draw(st.booleans()) else None,
               descriptors=Descriptors(nationality=draw(nationalities)))
        for i in range(draw(st.integers(1, 4)))
    ]
    claims = []
    for i in range(draw(st.integers(0, 6))):
        first = draw(st.integers(0, len(words) - 1))
        last = draw(st.integers(first, min(len(words) - 1, first + 15)))
        cue = draw(st.none() | st.integers(0, len(words) - 1))
        claims.append(Claim(
            id=f"c{i}", source=draw(st.none() | st.sampled_from([s.id for s in sources])),
            content=Span.of(_TEXT, words[first][0], words[last][1]),
            cue=None if cue is None else Span.of(_TEXT, *words[cue]), mode="indirect",
        ))
    return AttributedDocument(id="d", text=_TEXT, sources=sources, claims=claims)


@pytest.fixture(scope="module")
def parsed_text(parse: Any) -> spacy.tokens.Doc:
    return parse(_TEXT)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(document=_documents(), threshold=st.floats(0, 1))
def test_rebuttals_never_target_themselves_and_point_at_existing_claims(
    parsed_text: spacy.tokens.Doc, document: AttributedDocument, threshold: float
) -> None:
    result = make_rebuttals(None, threshold=threshold)(parsed_text, document)
    ids = {c.id for c in result.claims}
    assert result.claims == document.claims and result.sources == document.sources
    for rebuttal in result.rebuttals:
        assert rebuttal.claim != rebuttal.target
        assert rebuttal.claim in ids and rebuttal.target in ids
        assert 0 < rebuttal.confidence <= 1
    pairs = [(r.claim, r.target) for r in result.rebuttals]
    assert len(pairs) == len(set(pairs))


# -- end to end ---------------------------------------------------------------------------------


def test_analyze_links_a_denial_end_to_end(nlp: spacy.language.Language) -> None:
    pytest.importorskip("attribution.extract.claims")
    document = analyze(ITEMS["deny-that"]["text"], nlp=nlp)
    assert any(
        "their fighters" in c and "convoy had been attacked" in t and k == "denial" for c, t, k in links(document)
    ), links(document)


def test_analyze_leaves_look_alikes_alone_end_to_end(nlp: spacy.language.Language) -> None:
    pytest.importorskip("attribution.extract.claims")
    for item_id in ("not-dispute-result", "denied-access", "responded-to-fire", "push-back-launch"):
        assert analyze(ITEMS[item_id]["text"], nlp=nlp).rebuttals == (), item_id


def test_rebuttals_survive_json(nlp: spacy.language.Language) -> None:
    from attribution.serialize import from_dict, to_dict

    document = analyze(ITEMS["in-response"]["text"], nlp=nlp)
    assert from_dict(json.loads(json.dumps(to_dict(document)))) == document


# -- helpers ------------------------------------------------------------------------------------


def _source(text: str, source_id: str, mention: str, *, kind: str = "group", nationality: str | None = None) -> Source:
    start = text.index(mention)
    return Source(id=source_id, kind=kind, mentions=[Span.of(text, start, start + len(mention))],
                  descriptors=Descriptors(nationality=nationality))


def _claim(text: str, claim_id: str, source: str, cue: str, content: str, *, after: int = 0) -> Claim:
    start = text.index(content, after)
    cue_start = text.rfind(cue, 0, start)
    if cue_start == -1:
        cue_start = text.index(cue, start)
    return Claim(id=claim_id, source=source, content=Span.of(text, start, start + len(content)),
                 cue=Span.of(text, cue_start, cue_start + len(cue)), mode="indirect")
