"""Plugin registries: extractor steps and lexicons, found through entry points.

``catalogue.create("attribution", "extractors", entry_points=True)`` reads the entry-point
group ``attribution_extractors``; lexicons come from ``attribution_lexicons``. The built-in
steps register here exactly as third-party ones do, under versioned names
``"<dist>.<thing>.v1"`` (``attribution.claims.v1``).

An extractor entry is a factory ``make(nlp, **config) -> Extractor``; see
:class:`attribution.extract.base.Extractor`. A lexicon entry is a callable returning a
:class:`~attribution.extract.lexicon.LexiconPatch` (entries to add to, or to replace, one
of the built-in lexicons).

This module imports neither spaCy nor the built-in steps.
"""

import catalogue

__all__ = ["extractors", "lexicons"]

#: Extractor step factories; entry-point group ``attribution_extractors``.
extractors = catalogue.create("attribution", "extractors", entry_points=True)

#: Lexicon patches; entry-point group ``attribution_lexicons``.
lexicons = catalogue.create("attribution", "lexicons", entry_points=True)
