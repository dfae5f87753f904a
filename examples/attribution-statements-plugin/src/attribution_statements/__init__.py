"""An example attribution plugin: claims made in written statements, and newsroom cues.

The extractor step is :func:`attribution_statements.step.make_statements`; the lexicon
patch is the data package :mod:`attribution_statements.lexicons`. Both are declared as
entry points in ``pyproject.toml``; nothing here needs to be imported by users.
"""

__version__ = "0.1.0"
