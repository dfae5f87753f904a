"""Read-only views over attributed documents: the conflict graph and the HTML page.

- :func:`conflict_graph` (:mod:`attribution.views.conflicts`): who disputes whom, with
  DOT and JSON exports.
- :func:`render_html` (:mod:`attribution.views.html`): one self-contained HTML page
  showing who said what in the article itself.

Like :mod:`attribution.model`, these import neither spaCy nor anything that does I/O.
"""

from .conflicts import ConflictEdge, ConflictGraph, SourceNode, conflict_graph
from .html import PALETTE, render_html

__all__ = ["PALETTE", "ConflictEdge", "ConflictGraph", "SourceNode", "conflict_graph", "render_html"]
