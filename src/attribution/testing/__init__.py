"""Testing helpers for code that produces or consumes attributed documents.

The hypothesis strategies live in :mod:`attribution.testing.strategies`; importing this
package does not import hypothesis (a test extra, not a runtime dependency), importing
``attribution.testing.strategies`` does.

Example:
    >>> from hypothesis import given
    >>> from attribution.testing import strategies as ats
    >>> @given(ats.documents())
    ... def test_round_trip(doc): ...
"""

__all__: list[str] = []
