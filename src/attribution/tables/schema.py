"""The columns of each table: names, Arrow types and what they hold.

One tuple of :class:`Column` per table is the single source of truth: the Arrow schemas,
the row builders and the documentation's column lists all follow it. Every table starts
with ``document_id``; record ids (``claim_id``, ``source_id``, ...) are unique within
their document, so joins go on ``(document_id, <record>_id)``.
"""

from collections.abc import Sequence

import attrs
import pyarrow as pa

from ..errors import InputError

__all__ = ["COLUMNS", "TABLE_NAMES", "Column", "check_metadata_columns", "is_metadata_column", "schema", "schemas"]


@attrs.frozen
class Column:
    """One fixed column of a table.

    Attributes:
        name: The column name.
        type: Its Arrow type.
        description: What it holds, for the documentation.
        nullable: Whether it may be null (ids never are).
    """

    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


_STR, _INT, _COUNT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.int32(), pa.float64(), pa.bool_()


def _span(prefix: str, what: str, *, nullable: bool = True) -> tuple[Column, ...]:
    return (
        Column(prefix, _STR, f"{what} (text)", nullable),
        Column(f"{prefix}_start", _INT, f"character offset of {what} in the document text", nullable),
        Column(f"{prefix}_end", _INT, f"offset one past the end of {what}", nullable),
    )


def _source(prefix: str) -> tuple[Column, ...]:
    return (
        Column("source_label", _STR, f"{prefix}: its name, else its first mention, else its id"),
        Column("anonymous", _BOOL, f"whether {prefix} is anonymous (null when there is none)"),
        Column("source_kind", _STR, f"{prefix}'s kind: person, organization, group, government, media, document, unknown"),
        Column("role", _STR, f"{prefix}'s role (official, spokesman, analyst, ...)"),
        Column("seniority", _STR, f"{prefix}'s seniority (senior, top, ...)"),
        Column("affiliation", _STR, f"{prefix}'s affiliation"),
        Column("nationality", _STR, f"{prefix}'s nationality"),
    )


_DOC = Column("document_id", _STR, "the document's id", nullable=False)

#: The fixed columns of each table, in order. Metadata columns follow them.
COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": (
        _DOC,
        Column("schema_version", _STR, "the version of the document's JSON form", nullable=False),
        Column("text", _STR, "the full text every offset points into", nullable=False),
        Column("text_length", _INT, "its length in characters", nullable=False),
        Column("n_sources", _COUNT, "how many sources were found", nullable=False),
        Column("n_claims", _COUNT, "how many claims", nullable=False),
        Column("n_rebuttals", _COUNT, "how many rebuttals", nullable=False),
        Column("n_anonymity_conditions", _COUNT, "how many anonymity conditions", nullable=False),
        Column("n_non_responses", _COUNT, "how many non-responses", nullable=False),
        Column("metadata", _STR, "the document's whole metadata as a JSON object (every key, lossless)", nullable=False),
    ),
    "claims": (
        _DOC,
        Column("claim_id", _STR, "the claim's id", nullable=False),
        Column("source_id", _STR, "the speaker's source id (null when unattributed)"),
        *_source("the speaker"),
        Column("group_id", _STR, "the id of the group the speaker is a member of (\"one of the officials\")"),
        Column("group_label", _STR, "that group's label"),
        *_span("speaker_mention", "the noun phrase naming the speaker at this claim"),
        Column("mode", _STR, "direct, indirect or mixed", nullable=False),
        *_span("cue", "the reporting cue"),
        *_span("content", "what was claimed", nullable=False),
        Column(
            "content_words",
            _STR,
            "the claim's own words: content, or its parts joined by \" \u2026 \" when the attribution interrupts it",
            nullable=False,
        ),
        Column("recipient", _STR, "whom it was said to (text)"),
        Column("medium", _STR, "how it was said: tweet, statement, interview, ..."),
        Column("confidence", _FLOAT, "the extractor's confidence, 0..1", nullable=False),
        Column("parent_claim_id", _STR, "the claim whose content encloses this one (nested attribution)"),
    ),
    "sources": (
        _DOC,
        Column("source_id", _STR, "the source's id", nullable=False),
        Column("label", _STR, "its name, else its first mention, else its id", nullable=False),
        Column("kind", _STR, "person, organization, group, government, media, document or unknown", nullable=False),
        Column("name", _STR, "its proper name (null when anonymous or unnamed)"),
        Column("anonymous", _BOOL, "whether the text withholds who it is", nullable=False),
        Column("role", _STR, "its role"),
        Column("seniority", _STR, "its seniority"),
        Column("affiliation", _STR, "its affiliation"),
        Column("nationality", _STR, "its nationality"),
        Column("count", _INT, "for a group, how many it counts when the text says so"),
        Column("count_qualifier", _STR, "exact, at_least, at_most or about"),
        Column("group_id", _STR, "the id of the group it is a member of"),
        Column("on_behalf_of", _STR, "the id of the source it speaks or acts for (\"a spokeswoman for the ministry\")"),
        Column("n_mentions", _COUNT, "how often the text refers to it", nullable=False),
        *_span("first_mention", "its first mention"),
    ),
    "rebuttals": (
        _DOC,
        Column("rebuttal_id", _STR, "the rebuttal's id", nullable=False),
        Column("claim_id", _STR, "the rebutting claim", nullable=False),
        Column("target_claim_id", _STR, "the rebutted claim", nullable=False),
        Column("source_id", _STR, "the rebutting claim's source (null when unattributed)"),
        Column("target_source_id", _STR, "the rebutted claim's source (null when unattributed)"),
        Column("kind", _STR, "denial, dispute, cannot_verify, counterclaim or response", nullable=False),
        *_span("evidence", "the words that make it a rebuttal"),
        *_span("reference", "where the rebutting claim names what it rebuts"),
        Column("confidence", _FLOAT, "the extractor's confidence, 0..1", nullable=False),
    ),
    "non_responses": (
        _DOC,
        Column("non_response_id", _STR, "the non-response's id", nullable=False),
        Column("source_id", _STR, "the source that did not answer", nullable=False),
        *_source("that source"),
        Column("kind", _STR, "declined_to_comment, did_not_respond, could_not_be_reached or unavailable", nullable=False),
        *_span("evidence", "the words that say so", nullable=False),
    ),
    "anonymity_conditions": (
        _DOC,
        Column("condition_id", _STR, "the anonymity condition's id (one row per source it covers)", nullable=False),
        Column("source_id", _STR, "a source it covers", nullable=False),
        Column("source_label", _STR, "that source's label"),
        Column("kind", _STR, "condition_of_anonymity, not_authorized, declined_to_be_named or other", nullable=False),
        *_span("evidence", "the words that state it", nullable=False),
        *_span("reason", "the reason given"),
    ),
}

#: The tables, in the order they are built and written (``documents`` is written last).
TABLE_NAMES: tuple[str, ...] = tuple(COLUMNS)

_FIXED = frozenset(column.name for columns in COLUMNS.values() for column in columns)


def check_metadata_columns(names: Sequence[str]) -> tuple[str, ...]:
    """``names`` as a tuple, checked to be usable as metadata columns.

    Raises:
        InputError: A name is empty, repeated, or the name of a fixed column.
    """
    seen: set[str] = set()
    for name in names:
        if not isinstance(name, str) or not name:
            raise InputError(f"metadata column names must be non-empty strings, not {name!r}")
        if name in _FIXED:
            raise InputError(
                f"metadata column {name!r} has the name of a fixed table column; it stays in the "
                "documents table's JSON 'metadata' column"
            )
        if name in seen:
            raise InputError(f"metadata column {name!r} is named twice")
        seen.add(name)
    return tuple(names)


def is_metadata_column(name: str) -> bool:
    """Whether a metadata key may become a column (it is not a fixed column's name)."""
    return bool(name) and name not in _FIXED


def schema(table: str, metadata_columns: Sequence[str] = ()) -> pa.Schema:
    """The Arrow schema of ``table``: its fixed columns, then one string column per metadata key.

    Args:
        table: One of :data:`TABLE_NAMES`.
        metadata_columns: The document metadata keys that become columns, in order.

    Raises:
        KeyError: ``table`` is not one of :data:`TABLE_NAMES`.
    """
    fields = [pa.field(c.name, c.type, nullable=c.nullable) for c in COLUMNS[table]]
    fields += [pa.field(name, _STR) for name in check_metadata_columns(metadata_columns)]
    return pa.schema(fields)


def schemas(metadata_columns: Sequence[str] = ()) -> dict[str, pa.Schema]:
    """The Arrow schema of every table, by name, in :data:`TABLE_NAMES` order."""
    return {name: schema(name, metadata_columns) for name in TABLE_NAMES}
