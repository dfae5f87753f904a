"""The anonymity step (``attribution.anonymity.v1``): the stated conditions of anonymous sourcing.

See :mod:`.step`; the phrases are the ``anonymity`` lexicon.
"""

from .step import AnonymityStep, make_anonymity

__all__ = ["AnonymityStep", "make_anonymity"]
