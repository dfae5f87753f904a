"""A spaCy ``Matcher`` that is not run on Docs where none of its patterns can match.

Most Docs hold none of the words an anonymity or non-response phrase needs ("anonymity",
"comment", "reached", ...), yet spaCy's ``Matcher`` walks every token of every Doc
through every pattern; on paragraph-sized Docs that walk was a good part of what the
extractor cost. :class:`GatedMatcher` reads, when a pattern is added, the words its
required tokens must have (a plain ``LOWER``/``ORTH``/``TEXT``/``LEMMA``/``NORM`` value
or ``IN`` list); before matching a Doc it checks, on the Doc's own attribute arrays,
whether every required word set of some pattern is met. When none is, no pattern can
match and the answer is the matcher's own answer, an empty list, without the walk. When
some are, a matcher holding only the patterns of the labels whose words are all there
runs (built once per such set of labels, patterns added in the same order): spaCy's
matcher runs each pattern's states independently and keeps their order, and a pattern
whose words are missing yields nothing, so the matches and their order are exactly
those of the whole matcher. On a Doc that lacks an annotation the patterns test (tags,
lemmas, ...) the whole matcher runs, for spaCy's own error.

:class:`TokenScan` answers, for one-token patterns that test plain attributes only
(``{"LEMMA": {"IN": [...]}, "POS": "VERB"}``), which tokens spaCy's ``Matcher`` would
match, by set lookups on the Doc's attribute arrays instead of the matcher's walk.
"""

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ._doctext import doc_annotated, doc_column, doc_values

__all__ = ["GatedMatcher", "TokenScan", "required_words"]

#: Token attributes whose values a pattern compares as strings, by the attribute the Doc
#: array holds them under (``TEXT`` is ``ORTH``).
_PLAIN = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "LEMMA": "LEMMA", "NORM": "NORM"}
_AT_LEAST_ONE = re.compile(r"\{([1-9]\d*)(,\d*)?\}")
#: Annotations spaCy's matcher requires of a Doc when its patterns test them.
_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")


def _required(token: Mapping[str, Any]) -> bool:
    """Whether a token pattern must match at least one token."""
    operator = token.get("OP")
    if operator is None or operator in ("1", "+"):
        return True
    return isinstance(operator, str) and _AT_LEAST_ONE.fullmatch(operator) is not None


def required_words(pattern: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, frozenset[str]], ...]:
    """What a Doc must hold for ``pattern`` to match in it.

    Returns:
        One ``(attribute, words)`` pair per test of a plain string attribute on a token the
        pattern requires (``TEXT`` given as ``ORTH``): some token of the Doc has one of
        ``words`` as that attribute. Empty when the pattern requires no such word (then
        it may match in any Doc).
    """
    needs: list[tuple[str, frozenset[str]]] = []
    for token in pattern:
        if not isinstance(token, Mapping) or not _required(token):
            continue
        for key, value in token.items():
            attr = _PLAIN.get(str(key).upper())
            if attr is None:
                continue
            if isinstance(value, str):
                needs.append((attr, frozenset((value,))))
            elif isinstance(value, Mapping) and isinstance(value.get("IN"), list):
                if all(isinstance(word, str) for word in value["IN"]):
                    needs.append((attr, frozenset(value["IN"])))
    return tuple(needs)


class GatedMatcher:
    """A spaCy :class:`~spacy.matcher.Matcher` that skips Docs none of its patterns can match in.

    It answers as the matcher does: ``gated(doc)`` is ``matcher(doc)`` for every Doc.

    Args:
        vocab: The pipeline's vocabulary.

    Attributes:
        matcher: The spaCy matcher that does the matching.
    """

    #: How many matchers over some of the labels are kept (the least recently used go first).
    SUBSETS = 256

    def __init__(self, vocab: Any) -> None:
        self.matcher = Matcher(vocab)
        self._vocab = vocab
        self._strings = vocab.strings
        self._calls: list[tuple[str, list[list[Mapping[str, Any]]], str | None]] = []  # add() calls, in order
        self._labels: dict[tuple[tuple[int, frozenset[int]], ...], list[str]] = {}  # the labels of each gate
        self._ungated: set[str] = set()  # labels with a pattern that needs no word
        self._subsets: dict[frozenset[str], Matcher] = {}
        self._gates: list[tuple[tuple[int, frozenset[int]], ...]] = []
        #: The gates by each word of their first requirement, per attribute: a gate whose
        #: first word set the Doc misses cannot open, so only these are tested.
        self._keyed: dict[int, dict[int, list[tuple[tuple[int, frozenset[int]], ...]]]] = {}
        self._keys: dict[int, frozenset[int]] = {}  # the words of ``_keyed``, per attribute
        self._open = False  # some pattern needs no word: run on every Doc
        self._annotations: list[str] = []  # what a Doc must be annotated with (else spaCy raises)

    def add(
        self,
        key: str,
        patterns: Iterable[Sequence[Mapping[str, Any]]],
        *,
        greedy: str | None = None,
        gate_patterns: Iterable[Sequence[Mapping[str, Any]]] | None = None,
    ) -> None:
        """Add ``patterns`` under ``key``, as ``Matcher.add`` does.

        Args:
            key: The match label.
            patterns: The token patterns.
            greedy: ``"FIRST"`` or ``"LONGEST"``, as for spaCy's matcher.
            gate_patterns: Patterns that match whatever ``patterns`` match, to read the
                required words from (the original of patterns that were spelt out into
                variants, which gives fewer gates to check); by default ``patterns``.
        """
        patterns = [list(p) for p in patterns]
        self.matcher.add(key, patterns, greedy=greedy)
        self._calls.append((key, patterns, greedy))
        self._subsets.clear()
        for pattern in patterns:
            for token in pattern:
                for name in token:
                    if str(name).upper() in _ANNOTATIONS and str(name).upper() not in self._annotations:
                        self._annotations.append(str(name).upper())
        for pattern in patterns if gate_patterns is None else gate_patterns:
            needs = required_words(pattern)
            if not needs:
                self._open = True
                self._ungated.add(key)
                continue
            gate = tuple((IDS[attr], frozenset(self._strings.add(w) for w in words)) for attr, words in needs)
            if key not in self._labels.setdefault(gate, []):
                self._labels[gate].append(key)
            if gate not in self._gates:
                self._gates.append(gate)
                first_attr, first_words = gate[0]
                keyed = self._keyed.setdefault(first_attr, {})
                for word in first_words:
                    keyed.setdefault(word, []).append(gate)
                self._keys[first_attr] = frozenset(keyed)

    def _opened(self, doc: Doc) -> Iterator[tuple[tuple[int, frozenset[int]], ...]]:
        """The gates whose required words are all in ``doc`` (a gate may come more than once)."""
        if not len(doc):
            return
        for attr, keyed in self._keyed.items():
            for word in self._keys[attr].intersection(doc_values(doc, attr)):
                for gate in keyed[word]:
                    if all(not doc_values(doc, other).isdisjoint(words) for other, words in gate[1:]):
                        yield gate

    def could_match(self, doc: Doc) -> bool:
        """Whether some pattern's required words are all in ``doc`` (else nothing matches)."""
        return self._open or next(self._opened(doc), None) is not None

    def open_labels(self, doc: Doc) -> frozenset[str]:
        """The labels some of whose patterns have all their required words in ``doc``
        (the patterns of the other labels cannot match in it)."""
        found = set(self._ungated)
        for gate in self._opened(doc):
            found.update(self._labels[gate])
        return frozenset(found)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matches in ``doc``: ``(match_id, start, end)``, exactly as spaCy's matcher gives them."""
        if not doc_annotated(doc, *self._annotations):
            return self.matcher(doc)  # spaCy's own error (or answer)
        labels = self.open_labels(doc)
        if not labels:
            return []  # no pattern can match
        if len(labels) == len(self.matcher):
            return self.matcher(doc)
        return self._subset(labels)(doc)

    def _subset(self, labels: frozenset[str]) -> Matcher:
        """A matcher with the patterns of ``labels`` only, added as they were to :attr:`matcher`."""
        matcher = self._subsets.pop(labels, None)
        if matcher is None:
            matcher = Matcher(self._vocab)
            for key, patterns, greedy in self._calls:
                if key in labels:
                    matcher.add(key, patterns, greedy=greedy)
            if len(self._subsets) >= self.SUBSETS:
                del self._subsets[next(iter(self._subsets))]
        self._subsets[labels] = matcher  # the most recently used last
        return matcher

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key: str) -> bool:
        return key in self.matcher


#: Token attributes :class:`TokenScan` reads from the Doc's arrays: the string-valued
#: ones, and the tags, whose values spaCy's matcher compares by their ids.
_SCANNED = {**_PLAIN, "POS": "POS", "TAG": "TAG"}


class TokenScan:
    """The tokens of a Doc that one-token patterns match, read from its attribute arrays.

    For patterns of one token that compare plain attributes with a value or an ``IN``
    list (``[{"LEMMA": {"IN": ["say", "tell"]}, "POS": "VERB"}]``), ``scan(doc)`` is the
    sorted list of the distinct start indices of ``matcher(doc)``, for a spaCy
    :class:`~spacy.matcher.Matcher` given the same patterns; it is found with one
    :meth:`~spacy.tokens.Doc.to_array` and set lookups rather than the matcher's walk of
    every token through every pattern. On a Doc that lacks an annotation the patterns
    test (tags, lemmas, ...) the matcher itself runs, for spaCy's own answer or error.

    Args:
        vocab: The pipeline's vocabulary.
        patterns: The one-token patterns.

    Raises:
        ValueError: A pattern is not one token, or tests something other than a plain
            attribute against a string or a list of strings under ``IN``.
    """

    def __init__(self, vocab: Any, patterns: Iterable[Sequence[Mapping[str, Any]]]) -> None:
        patterns = [list(p) for p in patterns]
        self.matcher = Matcher(vocab)
        self.matcher.add("TokenScan", patterns)
        self._attrs: list[int] = []
        self._tests: list[tuple[tuple[int, frozenset[int]], ...]] = []
        self._annotations: list[str] = []
        for pattern in patterns:
            if len(pattern) != 1:
                raise ValueError(f"TokenScan takes one-token patterns, not {pattern!r}")
            tests = []
            for key, value in pattern[0].items():
                name = _SCANNED.get(str(key).upper())
                if isinstance(value, Mapping) and list(value) == ["IN"]:
                    value = value["IN"]
                    words = list(value) if isinstance(value, list) else None
                else:
                    words = [value]
                if name is None or words is None or not all(isinstance(word, str) for word in words):
                    raise ValueError(
                        f"TokenScan tests plain attributes ({', '.join(sorted(_SCANNED))}) against a string "
                        f"or an IN list of strings, not {key!r}: {value!r}"
                    )
                if name in _ANNOTATIONS and name not in self._annotations:
                    self._annotations.append(name)
                if IDS[name] not in self._attrs:
                    self._attrs.append(IDS[name])
                tests.append((self._attrs.index(IDS[name]), frozenset(get_string_id(w) for w in words)))
            # The test with the fewest values first: it rules most tokens out.
            self._tests.append(tuple(sorted(tests, key=lambda test: len(test[1]))))

    def __call__(self, doc: Doc) -> list[int]:
        """The indices of the tokens of ``doc`` that some pattern matches, in order."""
        if not doc_annotated(doc, *self._annotations):
            return sorted({start for _, start, _ in self.matcher(doc)})
        if not self._tests or not len(doc):
            return []
        # A pattern one of whose tests no token of the Doc passes matches nothing: most
        # Docs hold none of the words, and their value sets are read once per Doc.
        present = [doc_values(doc, attr) for attr in self._attrs]  # each column's values, once per call
        live = [
            tests
            for tests in self._tests
            if all(not values.isdisjoint(present[column]) for column, values in tests)
        ]
        if not live:
            return []
        columns = [doc_column(doc, attr) for attr in self._attrs]
        found: set[int] = set()
        for tests in live:
            (first, values), rest = tests[0], tests[1:]
            hits = [i for i, value in enumerate(columns[first]) if value in values]
            for column, values in rest:
                hits = [i for i in hits if columns[column][i] in values]
            found.update(hits)
        return sorted(found)
