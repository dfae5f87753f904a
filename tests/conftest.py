"""Shared test configuration.

Hypothesis profiles: ``ci`` (loaded when the ``CI`` environment variable is set, as
hypothesis does for its built-in profile) extends hypothesis' own ``ci`` profile with
fewer examples; ``dev`` is the default elsewhere. ``HYPOTHESIS_PROFILE`` overrides both.
"""

import os

from hypothesis import settings

settings.register_profile("ci", settings.get_profile("ci"), max_examples=25)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if "CI" in os.environ or "TF_BUILD" in os.environ else "dev")
)
