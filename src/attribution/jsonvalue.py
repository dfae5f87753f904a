"""Whether a Python value is JSON that attribution can write back unchanged.

``json.loads`` accepts things a document must not hold: ``1e999`` (read as infinity),
duplicate keys (the last one silently wins) and lone surrogates such as ``"\\ud800"``
(which UTF-8 cannot encode). Data built in Python may also hold values ``json.dumps``
cannot write at all: sets, bytes, other objects, non-string keys, cycles.
:func:`iter_problems` finds each of them with its JSON pointer, walking the value
once, without recursion (so any depth is safe).

Example:
    >>> [str(p) for p in iter_problems({"a": [1, float("inf")], "b": {1, 2}})]
    ['/a/1: number inf is out of range (JSON numbers are finite)', '/b: set is not a JSON value']
"""

import math
import re
from collections.abc import Iterator
from typing import Any

from .errors import Problem

__all__ = ["DuplicateKeys", "escape", "iter_problems"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_LEAVE = object()


class DuplicateKeys(dict):  # type: ignore[type-arg]
    """A JSON object that named a key twice: its last values, and the repeated keys.

    ``json.loads(..., object_pairs_hook=DuplicateKeys.hook)`` builds one only for an
    object that repeats a key, so :func:`iter_problems` can report it.
    """

    repeated: tuple[str, ...] = ()

    @classmethod
    def hook(cls, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        """An ``object_pairs_hook``: a plain dict, or a :class:`DuplicateKeys`."""
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        seen: set[str] = set()
        repeated = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
        marked = cls(obj)
        marked.repeated = tuple(dict.fromkeys(repeated))
        return marked


def escape(segment: Any) -> str:
    """One JSON pointer segment (RFC 6901): ``~`` as ``~0``, ``/`` as ``~1``."""
    return str(segment).replace("~", "~0").replace("/", "~1")


def _surrogate(text: str, what: str, pointer: str) -> Problem | None:
    found = _SURROGATE.search(text)
    if found is None:
        return None
    message = f"{what} holds a lone surrogate \\u{ord(found.group()):04x} at character {found.start()}: not Unicode text"
    return Problem(pointer=pointer, message=message, rule="surrogate")


def iter_problems(value: Any, pointer: str = "") -> Iterator[Problem]:
    """Every part of ``value`` that is not plain, finite, writable JSON.

    Reported, each with its pointer and rule: a number that is not finite
    (``finite``); a string or key with a lone surrogate (``surrogate``); an object
    that repeated a key, as read with :meth:`DuplicateKeys.hook` (``duplicate-key``);
    a value of a type JSON has not, or a key that is not a string (``json-type``); a
    container that holds itself (``cycle``). Tuples count as arrays; a container
    shared by two places (not a cycle) is fine.

    Args:
        value: Parsed JSON, or data built in Python.
        pointer: The pointer of ``value`` itself.

    Yields:
        The problems in document order.
    """
    stack: list[tuple[str, Any]] = [(pointer, value)]
    open_containers: set[int] = set()  # ids of the containers on the path being walked
    while stack:
        where, item = stack.pop()
        if where is _LEAVE:
            open_containers.discard(item)
            continue
        if isinstance(item, str):
            problem = _surrogate(item, "string", where)
            if problem is not None:
                yield problem
        elif item is None or isinstance(item, int):  # bool is an int
            pass
        elif isinstance(item, float):
            if not math.isfinite(item):
                yield Problem(
                    pointer=where, message=f"number {item} is out of range (JSON numbers are finite)", rule="finite"
                )
        elif isinstance(item, dict | list | tuple):
            if id(item) in open_containers:
                yield Problem(pointer=where, message="the value contains itself (a cycle)", rule="cycle")
                continue
            open_containers.add(id(item))
            stack.append((_LEAVE, id(item)))  # type: ignore[arg-type]
            if isinstance(item, dict):
                if isinstance(item, DuplicateKeys):
                    names = ", ".join(map(repr, item.repeated))
                    yield Problem(
                        pointer=where,
                        message=f"duplicate key {names} in one object (only the last value would be kept)",
                        rule="duplicate-key",
                    )
                children = []
                for key, child in item.items():
                    if not isinstance(key, str):
                        yield Problem(pointer=where, message=f"key {key!r} is not a string", rule="json-type")
                        continue
                    problem = _surrogate(key, "key", f"{where}/{escape(key)}")
                    if problem is not None:
                        yield problem
                    children.append((f"{where}/{escape(key)}", child))
                stack.extend(reversed(children))
            else:
                stack.extend((f"{where}/{i}", item[i]) for i in range(len(item) - 1, -1, -1))
        else:
            yield Problem(pointer=where, message=f"{type(item).__name__} is not a JSON value", rule="json-type")
