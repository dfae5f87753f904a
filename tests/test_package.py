"""The top-level package: cheap to import, and every public name resolves."""

import subprocess
import sys

import attribution


def test_all_is_sorted_and_every_name_resolves():
    # isort style: constants, then classes, then functions, each alphabetical.
    def key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert attribution.__all__ == sorted(attribution.__all__, key=key)
    for name in attribution.__all__:
        assert getattr(attribution, name) is not None


def test_import_loads_neither_spacy_nor_jsonschema():
    code = "import sys, attribution; print('spacy' in sys.modules, 'jsonschema' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_model_imports_without_spacy():
    code = "import sys, attribution.model, attribution.serialize, attribution.views; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_unknown_attribute_is_an_attribute_error():
    try:
        attribution.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
