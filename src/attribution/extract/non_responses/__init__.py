"""The non-responses step (``attribution.non_responses.v1``): sources that did not answer.

See :mod:`.step`; the phrases are the ``non_responses`` lexicon.
"""

from .step import NonResponsesStep, make_non_responses

__all__ = ["NonResponsesStep", "make_non_responses"]
