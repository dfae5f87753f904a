"""Fixtures for the extraction tests: one spaCy pipeline per session."""

import pytest

from attribution.extract import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with every built-in step, loaded once (negspacy's pattern)."""
    return load_pipeline()
