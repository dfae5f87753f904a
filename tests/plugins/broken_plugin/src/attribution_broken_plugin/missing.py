"""A step whose module cannot be imported: it needs a package that is not installed."""

import attribution_no_such_dependency  # noqa: F401


def make(nlp, **config):
    """Never reached."""
    raise AssertionError("unreachable")
