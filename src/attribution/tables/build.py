"""Flattening documents into rows, and rows into Arrow tables."""

import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from ..model import AttributedDocument, Source, Span
from .schema import COLUMNS, TABLE_NAMES, is_metadata_column, schema

__all__ = ["Rows", "infer_metadata_columns", "metadata_value", "to_tables"]


def metadata_value(value: Any) -> str | None:
    """A metadata value as a column value: strings as they are, other JSON values as JSON text."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def infer_metadata_columns(documents: Iterable[AttributedDocument]) -> tuple[str, ...]:
    """Every metadata key that can be a column, in order of first appearance."""
    keys: dict[str, None] = {}
    for document in documents:
        for key in document.metadata:
            if is_metadata_column(key):
                keys.setdefault(key, None)
    return tuple(keys)


def _span(span: Span | None) -> tuple[str | None, int | None, int | None]:
    return (None, None, None) if span is None else (span.text, span.start, span.end)


def _source_fields(source: Source | None) -> tuple[Any, ...]:
    if source is None:
        return (None,) * 7
    d = source.descriptors
    return (
        source.label,
        source.anonymous,
        source.kind.value,
        d.role,
        d.seniority,
        d.affiliation,
        d.nationality,
    )


class Rows:
    """Rows of every table, accumulated column by column.

    Args:
        metadata_columns: The metadata keys that become columns of every table.
    """

    def __init__(self, metadata_columns: Sequence[str] = ()) -> None:
        self.metadata_columns = tuple(metadata_columns)
        self.schemas = {name: schema(name, self.metadata_columns) for name in TABLE_NAMES}
        self.clear()

    def clear(self) -> None:
        """Forget every row added so far."""
        self.columns: dict[str, dict[str, list[Any]]] = {
            name: {field.name: [] for field in self.schemas[name]} for name in TABLE_NAMES
        }
        self.documents = 0

    def _add(self, table: str, values: tuple[Any, ...], meta: tuple[Any, ...]) -> None:
        columns = self.columns[table]
        for column, value in zip(COLUMNS[table], values, strict=True):
            columns[column.name].append(value)
        for name, value in zip(self.metadata_columns, meta, strict=True):
            columns[name].append(value)

    def add(self, document: AttributedDocument) -> None:
        """Add the rows of one document to every table."""
        doc_id = document.id
        meta = tuple(metadata_value(document.metadata.get(name)) for name in self.metadata_columns)
        sources = {s.id: s for s in document.sources}
        claims = {c.id: c for c in document.claims}
        for claim in document.claims:
            source = sources.get(claim.source) if claim.source else None
            group = sources.get(source.member_of) if source is not None and source.member_of else None
            self._add(
                "claims",
                (
                    doc_id,
                    claim.id,
                    claim.source,
                    *_source_fields(source),
                    None if group is None else group.id,
                    None if group is None else group.label,
                    *_span(claim.source_mention),
                    claim.mode.value,
                    *_span(claim.cue),
                    *_span(claim.content),
                    claim.words,
                    None if claim.recipient is None else claim.recipient.text,
                    claim.medium,
                    claim.confidence,
                    claim.parent,
                ),
                meta,
            )
        for source in document.sources:
            d = source.descriptors
            self._add(
                "sources",
                (
                    doc_id,
                    source.id,
                    source.label,
                    source.kind.value,
                    source.name,
                    source.anonymous,
                    d.role,
                    d.seniority,
                    d.affiliation,
                    d.nationality,
                    source.count,
                    None if source.count_qualifier is None else source.count_qualifier.value,
                    source.member_of,
                    source.on_behalf_of,
                    len(source.mentions),
                    *_span(source.mentions[0] if source.mentions else None),
                ),
                meta,
            )
        for rebuttal in document.rebuttals:
            claim, target = claims.get(rebuttal.claim), claims.get(rebuttal.target)
            self._add(
                "rebuttals",
                (
                    doc_id,
                    rebuttal.id,
                    rebuttal.claim,
                    rebuttal.target,
                    None if claim is None else claim.source,
                    None if target is None else target.source,
                    rebuttal.kind.value,
                    *_span(rebuttal.evidence),
                    *_span(rebuttal.reference),
                    rebuttal.confidence,
                ),
                meta,
            )
        for non_response in document.non_responses:
            self._add(
                "non_responses",
                (
                    doc_id,
                    non_response.id,
                    non_response.source,
                    *_source_fields(sources.get(non_response.source)),
                    non_response.kind.value,
                    *_span(non_response.evidence),
                ),
                meta,
            )
        for condition in document.anonymity_conditions:
            for source_id in condition.sources:
                source = sources.get(source_id)
                self._add(
                    "anonymity_conditions",
                    (
                        doc_id,
                        condition.id,
                        source_id,
                        None if source is None else source.label,
                        condition.kind.value,
                        *_span(condition.evidence),
                        *_span(condition.reason),
                    ),
                    meta,
                )
        self._add(
            "documents",
            (
                doc_id,
                document.schema_version,
                document.text,
                len(document.text),
                len(document.sources),
                len(document.claims),
                len(document.rebuttals),
                len(document.anonymity_conditions),
                len(document.non_responses),
                json.dumps(document.metadata, ensure_ascii=False, sort_keys=True),
            ),
            meta,
        )
        self.documents += 1

    def table(self, name: str) -> pa.Table:
        """The rows of table ``name`` added so far, as an Arrow table with its schema."""
        return pa.Table.from_pydict(self.columns[name], schema=self.schemas[name])

    def tables(self) -> dict[str, pa.Table]:
        """Every table, by name, in :data:`~attribution.tables.TABLE_NAMES` order."""
        return {name: self.table(name) for name in TABLE_NAMES}


def to_tables(
    documents: Iterable[AttributedDocument], *, metadata_columns: Sequence[str] | None = None
) -> dict[str, pa.Table]:
    """One Arrow table per kind of record in ``documents``: flat columns that join on ids.

    The tables are ``documents``, ``claims``, ``sources``, ``rebuttals``,
    ``non_responses`` and ``anonymity_conditions`` (see :data:`~attribution.tables.COLUMNS`
    for their columns). Every table starts with ``document_id``; record ids are unique
    within their document, so joins go on ``(document_id, claim_id)``,
    ``(document_id, source_id)``, ... Each metadata column is a string column on every
    table (JSON text for values that are not strings); the documents table also keeps
    the whole metadata as JSON in ``metadata``.

    Args:
        documents: The documents; read once.
        metadata_columns: The metadata keys that become columns, in order; by default
            every key found in the documents' metadata, in order of first appearance
            (keys named like a fixed column stay in the JSON only).

    Returns:
        The tables by name; ``tables["claims"].to_pandas()`` or
        ``polars.from_arrow(tables["claims"])`` for a data frame.

    Raises:
        InputError: A named metadata column is empty, repeated or clashes with a fixed column.

    Examples:
        >>> import attribution
        >>> from attribution.tables import to_tables
        >>> doc = attribution.from_json(open("examples/cipher_brief_pakistan.json").read())
        >>> tables = to_tables([doc])
        >>> tables["claims"].num_rows == len(doc.claims)
        True
    """
    documents = list(documents) if metadata_columns is None else documents
    if metadata_columns is None:
        metadata_columns = infer_metadata_columns(documents)  # type: ignore[arg-type]
    rows = Rows(metadata_columns)
    for document in documents:
        rows.add(document)
    return rows.tables()
