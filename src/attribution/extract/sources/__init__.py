"""The sources step (``attribution.sources.v1``): who the speakers are and which are the same.

* :mod:`.step` — :class:`SourcesStep`, which rebuilds the sources from the claims' speaker
  phrases, and :func:`resolve_mention` for the later steps;
* :mod:`.descriptors` — what one noun phrase states about its source (:func:`describe`);
* :mod:`.coreference` — rule-based coreference of the phrases (:class:`Resolver`);
* :mod:`.principals` — whom a spokesperson speaks for (:func:`link_principals`);
* :mod:`.byline` — the author line at the top of an article (:func:`find_byline`) and
  the datelines (:func:`find_datelines`), never speakers;
* :mod:`.apposition` — names and roles in apposition to a speaker phrase ("The mayor's
  press secretary, Colin Abara, said");
* :mod:`.introduced` — descriptions a text introduces for an unnamed source ("a woman
  who could be identified only as a 'senior Treasury official'");
* :mod:`.documents` — documents and their issuers ("according to a release from the
  Commission ... The release said" are the Commission's claims);
* :mod:`.sightings` — people the text names as the subject of a sentence outside any
  claim, whom a "he" or "she" after them may mean;
* :mod:`.binding` — the people a pronoun cannot mean: those its own clause names after
  it ("He accused Leon Marsh").
"""

from .byline import Byline, find_byline, find_datelines
from .coreference import Entity, Resolver
from .descriptors import Mention, describe
from .principals import link_principals
from .step import SourcesStep, make_sources, resolve_mention

__all__ = [
    "Byline",
    "Entity",
    "Mention",
    "Resolver",
    "SourcesStep",
    "describe",
    "find_byline",
    "find_datelines",
    "link_principals",
    "make_sources",
    "resolve_mention",
]
