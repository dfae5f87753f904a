"""Short wire-style articles, one fact a reader sees per test (``tests/data/wire/*.jsonl``).

Every article was written for these tests (no copied news). Each line of a data file is
one article: ``id``, ``class`` (the kind of wire copy it shows), ``text`` and ``facts``.
A fact is one thing a careful reader takes from the article, checked on the output of
:func:`attribution.extract.analyze` with the default pipeline:

``claim``
    Some claim's content holds every string of ``content`` in order, and the claim
    agrees on what else is given: ``speaker`` (its ``source_mention`` text) or
    ``speaker_in`` (a part of it), ``cue``, ``mode``, ``medium``, ``source_name_in``
    (a part of its source's name, any case), ``content_ends`` (where the content
    stops, ignoring edge quotation marks and punctuation), ``nested`` (whether it has
    a parent claim), ``confidence_below`` and ``confidence_at_least``.
``no_claim``
    No claim's content is ``content`` (ignoring edge quotation marks and punctuation),
    starts with ``content_starts`` or holds ``content_in``.
``no_claims``
    The article has no claim at all.
``source``
    The source with a mention ``mention`` (or a mention holding ``mention_in``) has the
    given ``name`` (or ``name_in``), ``kind``, ``role``, ``seniority``,
    ``affiliation_in``, ``anonymous``, ``count`` and ``count_qualifier``.
``source_count``
    The article has exactly ``count`` sources of ``kind``.
``same_source`` / ``different_source``
    The mentions named (a string, or ``[string, n]`` for its n-th occurrence among the
    mentions) belong to one source / to different sources.
``same_source_of_claims``
    The claims holding these strings have the same source.
``metadata``
    The document's metadata has these items.
``no_mention_in``
    No source mention holds this string.
``non_response``
    A non-response of ``kind`` (evidence holding ``evidence_in``) whose source has the
    mention ``source_mention`` (or one holding ``source_mention_in``), or the name
    ``source_name``.
``anonymity``
    An anonymity condition (of ``kind``) covers the source with the mention
    ``source_mention`` (or one holding ``source_mention_in``).
``rebuttal`` / ``no_rebuttal`` / ``no_rebuttals``
    A rebuttal whose claim holds ``claim_in`` (or has the speaker ``claim_speaker``) and
    whose target holds ``target_in``; no such rebuttal; no rebuttal at all.

A fact the extractor does not yet get right carries ``"xfail": "why"``: it runs as a
strict expected failure, so fixing it fails the suite until the mark is removed.
"""

import json
from pathlib import Path

import pytest

from attribution.extract import analyze

DATA = Path(__file__).resolve().parents[1] / "data" / "wire"
_EDGE = " \t\n\"'“”‘’.,;:!?—–-"


def _cases():
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            article = json.loads(line)
            for number, fact in enumerate(article["facts"]):
                (kind,) = [k for k in fact if k != "xfail"]
                marks = [pytest.mark.xfail(strict=True, reason=fact["xfail"])] if "xfail" in fact else []
                yield pytest.param(
                    article, kind, fact[kind], id=f"{article['class']}:{article['id']}:{number}-{kind}", marks=marks
                )


CASES = list(_cases())
_RESULTS: dict[str, object] = {}


@pytest.fixture
def analyzed(nlp):
    def run(article):
        if article["id"] not in _RESULTS:
            _RESULTS[article["id"]] = analyze(article["text"], nlp=nlp, id=article["id"])
        return _RESULTS[article["id"]]

    return run


def _content(claim):
    return " ".join(p.text for p in claim.content_parts) if claim.content_parts else claim.content.text


def _speaker(claim):
    return claim.source_mention.text if claim.source_mention else None


def _holds_in_order(text, fragments):
    position = 0
    for fragment in fragments:
        found = text.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def _describe(document):
    lines = []
    for claim in document.claims:
        speaker = claim.source_mention.text if claim.source_mention else None
        cue = claim.cue.text if claim.cue else None
        lines.append(f"  {claim.id} [{claim.mode.value}] {speaker!r} {cue!r} -> {claim.source}: {_content(claim)!r}")
    for source in document.sources:
        lines.append(
            f"  {source.id} {source.kind.value} name={source.name!r} anonymous={source.anonymous} "
            f"mentions={[m.text for m in source.mentions]} {source.descriptors} "
            f"count={source.count} {source.count_qualifier}"
        )
    for response in document.non_responses:
        lines.append(f"  {response.id} {response.kind.value} {response.source}: {response.evidence.text!r}")
    for condition in document.anonymity_conditions:
        lines.append(f"  {condition.id} {condition.kind.value} {condition.sources}: {condition.evidence.text!r}")
    for rebuttal in document.rebuttals:
        lines.append(f"  {rebuttal.id} {rebuttal.kind.value} {rebuttal.claim} -> {rebuttal.target}")
    return "\n".join(lines)


def _source_of_mention(document, wanted):
    """The source with the mention ``wanted`` (text, ``[text, n]``, or ``{"mention_in": ...}``)."""
    if isinstance(wanted, list):
        text, occurrence = wanted
    else:
        text, occurrence = wanted, 0
    mentions = sorted(
        ((m.start, m.text, s) for s in document.sources for m in s.mentions), key=lambda item: item[0]
    )
    exact = [s for _, t, s in mentions if t == text]
    if len(exact) > occurrence:
        return exact[occurrence]
    return None


def _source_by(document, spec, prefix=""):
    if f"{prefix}mention" in spec:
        return _source_of_mention(document, spec[f"{prefix}mention"])
    if f"{prefix}mention_in" in spec:
        part = spec[f"{prefix}mention_in"]
        return next((s for s in document.sources for m in s.mentions if part in m.text), None)
    if f"{prefix}name" in spec:
        return next((s for s in document.sources if s.name == spec[f"{prefix}name"]), None)
    raise AssertionError(f"bad fact {spec}")


def _claim_ok(document, claim, spec):
    by_id = {s.id: s for s in document.sources}
    speaker = claim.source_mention.text if claim.source_mention else None
    source = by_id.get(claim.source)
    checks = {
        "speaker": lambda v: speaker == v,
        "speaker_in": lambda v: speaker is not None and v in speaker,
        "cue": lambda v: claim.cue is not None and claim.cue.text == v,
        "mode": lambda v: claim.mode.value == v,
        "medium": lambda v: claim.medium == v,
        "source_name_in": lambda v: source is not None and source.name is not None and v.lower() in source.name.lower(),
        "content_ends": lambda v: _content(claim).strip(_EDGE).endswith(v),
        "nested": lambda v: (claim.parent is not None) == v,
        "confidence_below": lambda v: claim.confidence < v,
        "confidence_at_least": lambda v: claim.confidence >= v,
    }
    return _holds_in_order(_content(claim), spec["content"]) and all(
        checks[key](value) for key, value in spec.items() if key != "content"
    )


def _check(document, kind, spec):
    claims = document.claims
    if kind == "claim":
        return any(_claim_ok(document, c, spec) for c in claims)
    if kind == "no_claim":
        for claim in claims:
            content = _content(claim).strip(_EDGE)
            if "content" in spec and content == spec["content"]:
                return False
            if "content_starts" in spec and content.startswith(spec["content_starts"]):
                return False
            if "content_in" in spec and spec["content_in"] in content:
                return False
        return True
    if kind == "no_claims":
        return not claims
    if kind == "source":
        source = _source_by(document, spec)
        if source is None:
            return False
        d = source.descriptors
        checks = {
            "name": lambda v: source.name == v,
            "name_in": lambda v: source.name is not None and v in source.name,
            "kind": lambda v: source.kind.value == v,
            "role": lambda v: d.role is not None and d.role.lower() == v,
            "seniority": lambda v: d.seniority == v,
            "affiliation_in": lambda v: d.affiliation is not None and v in d.affiliation,
            "anonymous": lambda v: source.anonymous is v,
            "count": lambda v: source.count == v,
            "count_qualifier": lambda v: source.count_qualifier is not None and source.count_qualifier.value == v,
        }
        return all(checks[k](v) for k, v in spec.items() if k not in ("mention", "mention_in"))
    if kind == "source_count":
        return sum(1 for s in document.sources if s.kind.value == spec["kind"]) == spec["count"]
    if kind in ("same_source", "different_source"):
        sources = [_source_of_mention(document, m) for m in spec]
        if any(s is None for s in sources):
            return False
        ids = {s.id for s in sources}
        return len(ids) == 1 if kind == "same_source" else len(ids) == len(sources)
    if kind == "same_source_of_claims":
        found = [next((c for c in claims if f in _content(c)), None) for f in spec]
        return all(c is not None and c.source is not None for c in found) and len({c.source for c in found}) == 1
    if kind == "metadata":
        return all(document.metadata.get(k) == v for k, v in spec.items())
    if kind == "no_mention_in":
        return not any(spec in m.text for s in document.sources for m in s.mentions)
    if kind == "non_response":
        source = _source_by(document, spec, prefix="source_") if any(k.startswith("source_") for k in spec) else None
        for response in document.non_responses:
            if response.kind.value != spec["kind"]:
                continue
            if "evidence_in" in spec and spec["evidence_in"] not in response.evidence.text:
                continue
            if source is not None and response.source != source.id:
                continue
            if any(k.startswith("source_") for k in spec) and source is None:
                continue
            return True
        return False
    if kind == "anonymity":
        source = _source_by(document, spec, prefix="source_")
        return source is not None and any(
            source.id in c.sources and ("kind" not in spec or c.kind.value == spec["kind"])
            for c in document.anonymity_conditions
        )
    if kind in ("rebuttal", "no_rebuttal"):
        by_id = {c.id: c for c in claims}
        hits = [
            r
            for r in document.rebuttals
            if ("claim_in" not in spec or spec["claim_in"] in _content(by_id[r.claim]))
            and ("claim_speaker" not in spec or _speaker(by_id[r.claim]) == spec["claim_speaker"])
            and ("target_in" not in spec or spec["target_in"] in _content(by_id[r.target]))
        ]
        return bool(hits) if kind == "rebuttal" else not hits
    if kind == "no_rebuttals":
        return not document.rebuttals
    raise AssertionError(f"unknown fact {kind!r}")


def test_every_class_of_the_issue_has_several_articles():
    classes: dict[str, set[str]] = {}
    for case in CASES:
        article = case.values[0]
        classes.setdefault(article["class"], set()).add(article["id"])
    thin = sorted(c for c, ids in classes.items() if len(ids) < 2)
    assert not thin, f"classes with a single article: {thin}"


@pytest.mark.parametrize(("article", "kind", "spec"), CASES)
def test_reader_sees(analyzed, article, kind, spec):
    document = analyzed(article)
    assert _check(document, kind, spec), f"{kind} {spec} not seen in:\n{_describe(document)}"
