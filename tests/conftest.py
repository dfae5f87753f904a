"""Shared test configuration and the fixtures more than one test module uses.

Hypothesis profiles: ``ci`` (loaded when the ``CI`` environment variable is set, as
hypothesis does for its built-in profile) extends hypothesis' own ``ci`` profile with
fewer examples; ``dev`` is the default elsewhere. ``HYPOTHESIS_PROFILE`` overrides both.
"""

import os
import signal
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", settings.get_profile("ci"), max_examples=25)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if "CI" in os.environ or "TF_BUILD" in os.environ else "dev")
)

# Run from a background job (``pytest &``, ``nohup``), the suite starts with SIGINT ignored,
# and every command it starts would inherit that and never stop at the tests' Ctrl-C. Give
# SIGINT back its usual handler: processes started from here then get the default again.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

#: The bundled reference article (a news report with every kind of attribution).
REFERENCE_ARTICLE = Path(__file__).parents[1] / "examples" / "cipher_brief_pakistan.txt"


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with every built-in step, loaded once (negspacy's pattern).

    Tests share it, so none may change it; a test that needs other steps builds its own.
    """
    from attribution.extract import load_pipeline  # spaCy only for the tests that use it

    return load_pipeline()


@pytest.fixture(scope="session")
def reference_text():
    """The text of the bundled reference article."""
    if not REFERENCE_ARTICLE.is_file():
        pytest.skip("examples/cipher_brief_pakistan.txt is not in this checkout")
    return REFERENCE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pipeline():
    """The default pipeline for in-process CLI runs (``load_pipeline`` caches it)."""
    from attribution.extract import load_pipeline

    return load_pipeline()


@pytest.fixture
def cached(monkeypatch, pipeline):
    """The CLI uses the module's pipeline instead of loading one per call."""
    import attribution.extract

    monkeypatch.setattr(attribution.extract, "load_pipeline", lambda *a, **k: pipeline)


@pytest.fixture(scope="session")
def run_cli():
    """Run the command line in-process: ``run_cli(argv)`` returns (exit code, stdout, stderr)."""
    import contextlib
    import io

    from attribution.cli import main

    def run(argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        return code, out.getvalue(), err.getvalue()

    return run
