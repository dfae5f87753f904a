"""What one place in a stream of documents holds: a document, or why not."""

from typing import Any

import attrs

from ..errors import InputError, Problem, SchemaValidationError
from ..model import AttributedDocument

@attrs.frozen(kw_only=True)
class DocumentRecord:
    """What one place in a stream of documents holds: a document, or why not.

    Attributes:
        line: The 1-based line the document starts on (for a problem with the
            stream itself, the line where reading stopped).
        document: The document, or ``None`` when it is not a valid one.
        problems: Why it is not; empty when ``document`` is set. Input that is not
            JSON at all gives one problem with the rule ``input``.
        index: The document's position in a JSON array, else ``None``. The pointers
            of its problems then start with ``/index``, as in the file.
    """

    line: int
    document: AttributedDocument | None
    problems: tuple[Problem, ...] = ()
    index: int | None = None

    @property
    def ok(self) -> bool:
        """Whether the record holds a valid document."""
        return self.document is not None


#: The record :func:`iter_jsonl` yields (one per line); the same class.
JsonlRecord = DocumentRecord


def validated(value: Any, line: int, index: int | None = None) -> DocumentRecord:
    """The record of parsed JSON ``value``: its document, or the schema's problems with it."""
    from ..schema import validate  # jsonschema is slow to import: only when reading

    try:
        return DocumentRecord(line=line, document=validate(value, plain_json=True), index=index)
    except SchemaValidationError as error:
        problems = error.problems
    prefix = "" if index is None else f"/{index}"
    problems = tuple(Problem(pointer=prefix + p.pointer, message=p.message, rule=p.rule) for p in problems)
    return DocumentRecord(line=line, document=None, problems=problems, index=index)


def unreadable(error: InputError, line: int, index: int | None = None) -> DocumentRecord:
    """The record of input that could not be parsed at all."""
    problem = Problem(pointer=error.pointer, message=error.reason, rule=error.rule)
    return DocumentRecord(line=error.line or line, document=None, problems=(problem,), index=index)
