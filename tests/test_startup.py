"""The command line starts without spaCy or jsonschema when it does not need them."""

import json
import subprocess
import sys

import pytest

from attribution.model import AttributedDocument
from attribution.serialize import to_json

IMPORTED = """
import json, sys
from attribution.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps({name: name in sys.modules for name in ("spacy", "jsonschema")}), file=sys.stderr)
"""


def heavy_imports(*args: str) -> dict[str, bool]:
    result = subprocess.run([sys.executable, "-c", IMPORTED, *args], capture_output=True, text=True, timeout=120)
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["--help"], ["validate", "--help"], ["plugins", "--help"]])
def test_help_imports_neither_spacy_nor_jsonschema(args: list[str]) -> None:
    assert heavy_imports(*args) == {"spacy": False, "jsonschema": False}


def test_validating_a_valid_document_imports_neither(tmp_path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(to_json(AttributedDocument(id="d", text="Bob said hi.")), encoding="utf-8")
    assert heavy_imports("validate", str(path)) == {"spacy": False, "jsonschema": False}
