"""attribution: attributed-claim modeling.

Who said what, how (direct, indirect or mixed quotation, "according to"), under which
condition of anonymity, who rebutted whom, and who would not answer.

The models and errors are imported eagerly (they are pure attrs). Everything else is
imported on first use, so ``import attribution`` loads neither spaCy nor jsonschema:
``attribution.analyze`` loads the extractor, ``attribution.validate`` the schema,
``attribution.to_tables`` pyarrow.
"""

import importlib
from typing import Any

from .errors import (
    AttributionError,
    ConfigError,
    ExtractionError,
    InputError,
    InvariantError,
    ModelNotAvailableError,
    PipelineError,
    PluginError,
    Problem,
    SchemaValidationError,
)
from .model import (
    SCHEMA_VERSION,
    AnonymityCondition,
    AnonymityKind,
    AttributedDocument,
    Claim,
    ClaimMode,
    CountQualifier,
    Descriptors,
    NonResponse,
    NonResponseKind,
    Rebuttal,
    RebuttalKind,
    Source,
    SourceKind,
    Span,
)

__version__ = "0.1.0"

#: Names imported on first use, with the module that provides each.
_LAZY = {
    "analyze": "attribution.extract",
    "analyze_many": "attribution.extract",
    "load_pipeline": "attribution.extract",
    "render_html": "attribution.views",
    "conflict_graph": "attribution.views",
    "dump_jsonl": "attribution.serialize",
    "from_json": "attribution.serialize",
    "iter_jsonl": "attribution.serialize",
    "to_json": "attribution.serialize",
    "to_tables": "attribution.tables",
    "validate": "attribution.schema",
}

__all__ = [
    "SCHEMA_VERSION",
    "AnonymityCondition",
    "AnonymityKind",
    "AttributedDocument",
    "AttributionError",
    "Claim",
    "ClaimMode",
    "ConfigError",
    "CountQualifier",
    "Descriptors",
    "ExtractionError",
    "InputError",
    "InvariantError",
    "ModelNotAvailableError",
    "NonResponse",
    "NonResponseKind",
    "PipelineError",
    "PluginError",
    "Problem",
    "Rebuttal",
    "RebuttalKind",
    "SchemaValidationError",
    "Source",
    "SourceKind",
    "Span",
    "analyze",
    "analyze_many",
    "conflict_graph",
    "dump_jsonl",
    "from_json",
    "iter_jsonl",
    "load_pipeline",
    "render_html",
    "to_json",
    "to_tables",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'attribution' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
