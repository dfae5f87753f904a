"""The corpus-questions page runs, and answers its questions right on a generated corpus.

The corpus is built from known parts (who speaks, anonymous or not, who declines to
comment), so the expected answers are counted from those parts, not from the tables.
"""

import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from attribution import AttributedDocument, Claim, Descriptors, NonResponse, Source, SourceKind, Span
from attribution.tables import TableWriter

pytest.importorskip("duckdb")

PAGE = Path(__file__).resolve().parents[1] / "docs" / "corpus-questions.md"

#: label, name (None when anonymous), kind, role, counts as an official
SPEAKERS = [
    ("Ann Lee", "Ann Lee", "person", None, False),
    ("Bo Chen", "Bo Chen", "person", None, False),
    ("the Ministry of Health", "Ministry of Health", "government", None, True),
    ("a senior official", None, "person", "official", True),
    ("a diplomat", None, "person", "diplomat", False),
    ("a spokeswoman", None, "person", "spokeswoman", True),
]
NON_RESPONSE_KINDS = ["declined_to_comment", "declined_to_comment", "did_not_respond"]


def _document(doc_id, metadata, quotes, silences):
    """A document in which each of ``quotes`` (speaker index or None) says one thing and
    each of ``silences`` ((speaker index, kind)) does not answer."""
    text, marks = "", []

    def put(piece):
        nonlocal text
        start = len(text)
        text += piece
        return start, len(text)

    used = sorted({i for i in quotes if i is not None} | {i for i, _ in silences})
    ids = {i: f"s{n}" for n, i in enumerate(used, 1)}
    for k, speaker in enumerate(quotes):
        put("“")
        content = put(f"Point {k} stands")
        put(",” ")
        mention = put(SPEAKERS[speaker][0] if speaker is not None else "it")
        put(" ")
        cue = put("said")
        put(". ")
        marks.append(("claim", k, speaker, content, mention, cue))
    for k, (speaker, kind) in enumerate(silences):
        mention = put(SPEAKERS[speaker][0])
        put(" ")
        evidence = put("declined to comment" if kind == "declined_to_comment" else "did not respond")
        put(". ")
        marks.append(("silence", k, speaker, kind, mention, evidence))
    mentions = defaultdict(list)
    for mark in marks:
        if mark[2] is not None:
            mentions[mark[2]].append(Span.of(text, *mark[4]))
    sources = [
        Source(
            id=ids[i],
            name=SPEAKERS[i][1],
            anonymous=SPEAKERS[i][1] is None,
            kind=SourceKind(SPEAKERS[i][2]),
            descriptors=Descriptors(role=SPEAKERS[i][3]),
            mentions=mentions[i],
        )
        for i in used
    ]
    claims = [
        Claim(
            id=f"c{k + 1}",
            source=None if speaker is None else ids[speaker],
            source_mention=None if speaker is None else Span.of(text, *mention),
            content=Span.of(text, *content),
            cue=Span.of(text, *cue),
            mode="direct",
        )
        for kind_, k, speaker, content, mention, cue in marks
        if kind_ == "claim"
    ]
    non_responses = [
        NonResponse(id=f"n{k + 1}", source=ids[speaker], kind=kind, evidence=Span.of(text, *evidence))
        for kind_, k, speaker, kind, mention, evidence in marks
        if kind_ == "silence"
    ]
    return AttributedDocument(
        id=doc_id, text=text, sources=sources, claims=claims, non_responses=non_responses, metadata=metadata
    )


@pytest.fixture(scope="module")
def corpus():
    """Documents from two outlets over two months, and the answers counted from their parts."""
    rng = random.Random(11)
    documents = []
    claims = Counter()  # (outlet, month) -> attributed claims
    anonymous = Counter()
    named = Counter()
    per_outlet = Counter()
    with_decline = Counter()
    declines = Counter()
    for n in range(40):
        outlet = ["Daily A", "Daily B"][n % 2]
        month = ["2024-01", "2024-02"][(n // 2) % 2]
        quotes = [rng.choice([None, 0, 0, 1, 2, 3, 3, 4, 5]) for _ in range(rng.randint(0, 5))]
        silences = [(rng.randrange(len(SPEAKERS)), rng.choice(NON_RESPONSE_KINDS)) for _ in range(rng.randint(0, 2))]
        metadata = {"outlet": outlet, "date": f"{month}-{n % 28 + 1:02d}", "url": f"https://news.test/{n}"}
        documents.append(_document(f"doc-{n}", metadata, quotes, silences))
        for speaker in quotes:
            if speaker is not None:
                claims[outlet, month] += 1
                anonymous[outlet, month] += SPEAKERS[speaker][1] is None
                if SPEAKERS[speaker][1] is not None:
                    named[SPEAKERS[speaker][1]] += 1
        official = [s for s, kind in silences if kind == "declined_to_comment" and SPEAKERS[s][4]]
        per_outlet[outlet] += 1
        with_decline[outlet] += bool(official)
        declines[outlet] += len(official)
    return documents, {
        "share": {key: (claims[key], anonymous[key], round(anonymous[key] / claims[key], 3)) for key in claims},
        "named": named,
        "declines": {o: (per_outlet[o], with_decline[o], declines[o]) for o in per_outlet},
    }


def _blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)


def test_the_page_answers_the_three_questions(tmp_path, monkeypatch, corpus, capsys):
    documents, expected = corpus
    # two parts, several row groups each, as two runs (or two workers) would leave them
    for part in (documents[:25], documents[25:]):
        with TableWriter(tmp_path / "out", metadata_columns=["outlet", "date"], documents_per_group=4) as writer:
            writer.write_many(part)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for code in _blocks("python"):
        exec(compile(code, str(PAGE), "exec"), namespace)
    assert capsys.readouterr().out.strip()

    share = {
        (r.outlet, r.month): (r.claims, r.anonymous_claims, r.anonymous_share)
        for r in namespace["anonymous_share"].itertuples()
    }
    assert share == expected["share"]
    pandas_share = {(r.outlet, r.month): (r.claims, r.anonymous_share) for r in namespace["pandas_share"].itertuples()}
    assert pandas_share == {key: (claims, ratio) for key, (claims, _, ratio) in expected["share"].items()}

    most = namespace["most_quoted"]
    top = sorted(expected["named"].items(), key=lambda item: (-item[1], item[0]))
    assert list(zip(most.source_label, most.claims)) == top

    declines = {r.outlet: (r.documents, r.documents_with_decline, r.declines) for r in namespace["official_declines"].itertuples()}
    assert declines == expected["declines"]
    assert sum(namespace["anonymous_by_role"].claims) == sum(a for _, a, _ in expected["share"].values())


@pytest.mark.slow
def test_the_page_writes_its_tables_with_the_extractor(tmp_path, monkeypatch):
    (producer,) = _blocks("py")
    records = [
        {"id": "a1", "text": "“We are confident,” one of the officials said.", "outlet": "X", "date": "2024-03-02"},
        {"id": "a2", "text": "The ministry declined to comment.", "outlet": "Y", "date": "2024-04-09", "words": 5},
    ]
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(producer, str(PAGE), "exec"), {})
    import pyarrow.parquet as pq

    documents = pq.read_table(tmp_path / "out" / "documents").to_pylist()
    assert [(d["document_id"], d["outlet"], d["date"]) for d in documents] == [
        ("a1", "X", "2024-03-02"),
        ("a2", "Y", "2024-04-09"),
    ]
    assert json.loads(documents[1]["metadata"])["words"] == 5
    assert pq.read_table(tmp_path / "out" / "claims").num_rows >= 1
