"""The flat tables: schemas, one row per record, joins, metadata, empty input, writers."""

import json
from pathlib import Path

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import attribution
from attribution import AttributedDocument, Claim, Source, Span
from attribution.errors import InputError
from attribution.tables import COLUMNS, TABLE_NAMES, TableWriter, read_document_ids, schemas, to_tables

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cipher_brief_pakistan.json"


@pytest.fixture(scope="module")
def example():
    return attribution.from_json(EXAMPLE.read_text(encoding="utf-8"))


def _doc(doc_id, metadata=None, *, text="“Fine,” she said.", claims=True):
    sources = [Source(id="s1", name="Ann Lee", mentions=[Span.of(text, 8, 11)])] if claims else []
    found = (
        [Claim(id="c1", source="s1", content=Span.of(text, 1, 5), cue=Span.of(text, 12, 16), mode="direct")]
        if claims
        else []
    )
    return AttributedDocument(id=doc_id, text=text, sources=sources, claims=found, metadata=metadata or {})


def _rows(table):
    return table.to_pylist()


def test_the_schemas_have_the_documented_columns_and_types():
    for name, schema in schemas(["outlet"]).items():
        fixed = COLUMNS[name]
        assert schema.names == [c.name for c in fixed] + ["outlet"]
        assert [schema.field(c.name).type for c in fixed] == [c.type for c in fixed]
        assert schema.field("outlet").type == pa.string()
        assert schema.names[0] == "document_id" and not schema.field("document_id").nullable
    claims = schemas()["claims"]
    assert claims.field("content_start").type == pa.int64()
    assert claims.field("confidence").type == pa.float64()
    assert claims.field("anonymous").type == pa.bool_()
    assert schemas()["documents"].field("n_claims").type == pa.int32()


def test_every_table_has_the_schema_it_documents(example):
    tables = to_tables([example])
    assert list(tables) == list(TABLE_NAMES)
    expected = schemas(["author", "annotation", "text_file"])
    for name, table in tables.items():
        assert table.schema == expected[name], name


def test_a_claim_row_per_claim_carrying_its_speaker(example):
    claims = to_tables([example])["claims"]
    assert claims.column("claim_id").to_pylist() == [c.id for c in example.claims]
    rows = {row["claim_id"]: row for row in _rows(claims)}
    c1 = rows["c1"]
    assert c1["source_id"] == "PK1"
    assert c1["source_label"] == "a senior Pakistani official"
    assert c1["anonymous"] is True
    assert (c1["source_kind"], c1["role"], c1["seniority"], c1["nationality"]) == ("person", "official", "senior", "Pakistani")
    assert c1["mode"] == "indirect" and c1["cue"] == "tells"
    assert example.text[c1["content_start"] : c1["content_end"]] == c1["content"]
    assert c1["content"].startswith("The Trump administration has given Pakistan")
    assert c1["content_words"] == c1["content"]
    four = rows["c4"]  # “A,” one of the officials said. “B.”: the words leave the attribution out
    assert "one of the officials said" in four["content"] and "one of the officials" not in four["content_words"]
    assert four["content_words"] == example.claim("c4").words
    assert c1["recipient"] == "The Cipher Brief"
    assert c1["speaker_mention"] == "a senior Pakistani official"
    assert c1["confidence"] == 1.0 and c1["parent_claim_id"] is None
    member = next(row for row in rows.values() if row["source_id"] == "US-1")
    assert (member["group_id"], member["group_label"]) == ("US", "senior U.S. administration officials")
    assert member["affiliation"] == "U.S. administration"
    trump = next(row for row in rows.values() if row["source_id"] == "TRUMP")
    assert trump["source_label"] == "Donald Trump" and trump["anonymous"] is False
    assert all(row["author"] == "KIMBERLY DOZIER" for row in rows.values())


def test_the_other_tables_have_a_row_per_record(example):
    tables = to_tables([example])
    assert tables["sources"].column("source_id").to_pylist() == [s.id for s in example.sources]
    assert tables["rebuttals"].column("rebuttal_id").to_pylist() == [r.id for r in example.rebuttals]
    non_responses = _rows(tables["non_responses"])
    assert [(r["source_label"], r["kind"], r["evidence"]) for r in non_responses] == [
        ("CIA", "declined_to_comment", "declined to comment"),
        ("Afghan embassy in Washington", "did_not_respond", "did not immediately respond to requests for comment"),
    ]
    # one anonymity condition covering three sources: one row per covered source
    conditions = _rows(tables["anonymity_conditions"])
    assert [(r["condition_id"], r["source_id"]) for r in conditions] == [("a1", "PK1"), ("a1", "US"), ("a1", "PK2")]
    (document,) = _rows(tables["documents"])
    assert document["n_claims"] == len(example.claims) == tables["claims"].num_rows
    assert document["text"] == example.text and document["text_length"] == len(example.text)
    assert json.loads(document["metadata"]) == example.metadata


def test_joins_resolve_across_documents(example):
    duckdb = pytest.importorskip("duckdb")
    second = attrs.evolve(example, id="second")
    tables = to_tables([example, second, _doc("third")])
    con = duckdb.connect()
    for name, table in tables.items():
        con.register(name, table)

    def count(sql):
        return con.execute(sql).fetchone()[0]

    assert count("select count(*) from claims") == 2 * len(example.claims) + 1
    assert count(
        "select count(*) from claims c left join sources s using (document_id, source_id) "
        "where c.source_id is not null and s.source_id is null"
    ) == 0
    assert count(
        "select count(*) from rebuttals r join claims c on r.document_id = c.document_id and r.claim_id = c.claim_id "
        "join claims t on r.document_id = t.document_id and r.target_claim_id = t.claim_id"
    ) == 2 * len(example.rebuttals)
    for name in ("non_responses", "anonymity_conditions"):
        assert count(f"select count(*) from {name} x join sources s using (document_id, source_id)") == 2 * len(
            getattr(example, name) if name == "non_responses" else example.anonymity_conditions[0].sources
        )
    for name in TABLE_NAMES:
        assert count(f"select count(*) from {name} x anti join documents d using (document_id)") == 0
    # a claim's source in one document never joins a same-named source of another
    assert count(
        "select count(*) from claims c join sources s using (source_id) where c.document_id <> s.document_id"
    ) > 0
    assert count("select count(distinct document_id) from documents") == 3


def test_metadata_columns_are_inferred_in_order_and_kept_as_json():
    docs = [
        _doc("a", {"url": "https://x.test/a", "date": "2024-05-01", "outlet": "X"}),
        _doc("b", {"outlet": "Y", "words": 812, "tags": ["a", "b"], "n_claims": 7}),
        _doc("c"),
    ]
    tables = to_tables(docs)
    assert tables["claims"].schema.names[-5:] == ["url", "date", "outlet", "words", "tags"]
    rows = _rows(tables["documents"])
    assert [r["outlet"] for r in rows] == ["X", "Y", None]
    assert rows[1]["words"] == "812" and json.loads(rows[1]["tags"]) == ["a", "b"]
    # a key named like a fixed column is no metadata column, but stays in the JSON
    assert rows[1]["n_claims"] == 1 and json.loads(rows[1]["metadata"])["n_claims"] == 7
    assert [r["date"] for r in _rows(tables["claims"])] == ["2024-05-01", None, None]


def test_declared_metadata_columns_fix_the_schema():
    tables = to_tables([_doc("a", {"outlet": "X", "extra": 1})], metadata_columns=["date", "outlet"])
    assert tables["claims"].schema.names[-2:] == ["date", "outlet"]
    assert _rows(tables["claims"])[0]["date"] is None
    for bad in (["text"], ["outlet", "outlet"], [""]):
        with pytest.raises(InputError, match="metadata column"):
            to_tables([], metadata_columns=bad)


def test_empty_input_and_documents_without_records():
    empty = to_tables([])
    assert all(t.num_rows == 0 for t in empty.values())
    assert empty["claims"].schema == schemas()["claims"]
    tables = to_tables([_doc("quiet", text="Nothing was said.", claims=False)])
    (row,) = _rows(tables["documents"])
    assert (row["document_id"], row["n_claims"], row["n_sources"]) == ("quiet", 0, 0)
    assert all(tables[name].num_rows == 0 for name in TABLE_NAMES if name != "documents")


def test_tables_become_data_frames(example):
    frame = attribution.to_tables([example])["claims"].to_pandas()
    assert len(frame) == len(example.claims)
    assert frame.groupby("source_label").size().idxmax() is not None


def test_the_parquet_writer_streams_row_groups_and_reads_back(tmp_path, example):
    docs = [_doc(f"d{i}", {"outlet": f"o{i % 2}"}) for i in range(5)] + [example]
    with TableWriter(tmp_path, metadata_columns=["outlet"], documents_per_group=2) as writer:
        writer.write_many(docs[:3])
        # parts stay hidden until the writer closes
        assert not writer.path("claims").exists()
        writer.write_many(docs[3:])
    assert pq.ParquetFile(tmp_path / "claims" / "part-00000.parquet").metadata.num_row_groups == 3
    expected = to_tables(docs, metadata_columns=["outlet"])
    for name in TABLE_NAMES:
        assert pq.read_table(tmp_path / name) == expected[name], name
    assert read_document_ids(tmp_path) == {d.id for d in docs}
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == ["part-00000.parquet"]
    # a second writer adds a second part beside the first
    with TableWriter(tmp_path, metadata_columns=["outlet"]) as writer:
        writer.write(_doc("later"))
    assert writer.part == "00001"
    assert pq.read_table(tmp_path / "documents").num_rows == len(docs) + 1


def test_the_csv_writer_writes_the_same_rows(tmp_path, example):
    import pyarrow.csv as pa_csv

    with TableWriter(tmp_path, format="csv", documents_per_group=1) as writer:
        writer.write_many([example, _doc("x")])
    claims = pa_csv.read_csv(tmp_path / "claims" / "part-00000.csv")
    assert claims.num_rows == len(example.claims) + 1
    assert claims.column("claim_id").to_pylist()[:2] == ["c1", "c2"]
    assert read_document_ids(tmp_path) == {example.id, "x"}


def test_an_empty_stream_still_writes_every_table_with_its_schema(tmp_path):
    TableWriter(tmp_path, metadata_columns=["outlet"]).close()
    for name in TABLE_NAMES:
        table = pq.read_table(tmp_path / name / "part-00000.parquet")
        assert table.num_rows == 0 and table.schema == schemas(["outlet"])[name]


def test_an_error_inside_the_block_still_leaves_complete_parts(tmp_path):
    with pytest.raises(KeyboardInterrupt), TableWriter(tmp_path) as writer:
        writer.write(_doc("kept"))
        raise KeyboardInterrupt
    assert read_document_ids(tmp_path) == {"kept"}
    assert not list(tmp_path.glob("*/.*"))


def test_bad_writer_arguments_are_named(tmp_path):
    with pytest.raises(InputError, match="unknown table format 'xlsx'"):
        TableWriter(tmp_path, format="xlsx")
