"""Find the word list's terms in a text: one Aho-Corasick automaton, on normalised text (no Django imports).

Text and terms are normalised the way the search normalises them (half-width, simplified, lower case:
``newsroom.search.segmenter.normalize``), so 「按裝」 and 「ＡＢＣ」 are found as 按装 and abc; every hit is
reported where it stands in the text as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from newsroom.search.segmenter import normalize, normalize_with_offsets

BANNED = "banned"
CAUTION = "caution"
TYPO = "typo"
KIND_LABELS = {BANNED: "禁用", CAUTION: "慎用", TYPO: "错别字"}
# The more severe kind wins when two listed terms read the same once normalised.
SEVERITY = {BANNED: 3, CAUTION: 2, TYPO: 1}
# Characters of context either side of a hit in its excerpt.
EXCERPT_CONTEXT = 12


@dataclass(frozen=True)
class Term:
    """An entry of the word list, as the matcher needs it."""

    term: str
    kind: str
    replacement: str = ""
    note: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Match:
    """A term found in a text: ``text[start:end]`` as typed (it may be in 繁体 or full-width)."""

    start: int
    end: int
    found: str
    term: Term

    def excerpt(self, text: str, context: int = EXCERPT_CONTEXT) -> str:
        """The hit with a little text either side, the hit in 【】, on one line."""
        before = text[max(0, self.start - context) : self.start]
        after = text[self.end : self.end + context]
        lead = "…" if self.start > context else ""
        tail = "…" if self.end + context < len(text) else ""
        return " ".join(f"{lead}{before}【{self.found}】{after}{tail}".split())


class Matcher:
    """Every listed term found in a text, built once for a word list."""

    def __init__(self, terms: Iterable[Term]) -> None:
        chosen: dict[str, Term] = {}
        for term in terms:
            key = normalize(term.term.strip())
            if key and (key not in chosen or SEVERITY[term.kind] > SEVERITY[chosen[key].kind]):
                chosen[key] = term
        self.size = len(chosen)
        self._automaton = ahocorasick.Automaton()
        for key, term in chosen.items():
            self._automaton.add_word(key, (len(key), term))
        if chosen:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """The hits in `text`, in reading order. A hit inside a longer one is left out when the
        longer one is at least as severe (渡假村 is one hit, not also 渡假); a 禁用 term inside a
        慎用 one is still reported."""
        if not self.size or not text:
            return []
        normalised, origins = normalize_with_offsets(text)
        spans = []
        for last, (length, term) in self._automaton.iter(normalised):
            first = last - length + 1
            start, end = (origins[first], origins[last] + 1) if origins is not None else (first, last + 1)
            spans.append((start, end, term))
        # By start, the longer first: whatever covers a hit comes before it.
        spans.sort(key=lambda span: (span[0], span[0] - span[1]))
        kept, open_spans = [], []
        for span in spans:
            start, end, term = span
            open_spans = [other for other in open_spans if other[1] > start]
            covered = any(
                end <= other[1] and other[1] - other[0] > end - start and SEVERITY[other[2].kind] >= SEVERITY[term.kind]
                for other in open_spans
            )
            open_spans.append(span)
            if not covered:
                kept.append(span)
        return [Match(start=start, end=end, found=text[start:end], term=term) for start, end, term in kept]
