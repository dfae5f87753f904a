"""Fresh ids for the records a step adds: ``a1``, ``a2``, ... skipping those in use."""

from collections.abc import Iterable

__all__ = ["IdAllocator"]


class IdAllocator:
    """Hands out ``<prefix>1``, ``<prefix>2``, ... never one already in use.

    Args:
        prefix: The letter of the record kind (``"s"`` sources, ``"a"`` anonymity
            conditions, ``"n"`` non-responses, ``"r"`` rebuttals).
        used: Ids taken already (by earlier steps or plugins).

    Example:
        >>> fresh = IdAllocator("a", used={"a1"})
        >>> fresh(), fresh()
        ('a2', 'a3')
    """

    def __init__(self, prefix: str, used: Iterable[str] = ()) -> None:
        self.prefix = prefix
        self.used = set(used)
        self.number = 0

    def __call__(self) -> str:
        """The next free id; it is taken from then on."""
        self.number += 1
        while f"{self.prefix}{self.number}" in self.used:
            self.number += 1
        fresh = f"{self.prefix}{self.number}"
        self.used.add(fresh)
        return fresh
