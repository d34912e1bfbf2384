"""Snippets of an article around the words a reader searched for, with those words marked."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsroom.search.segmenter import normalize, query_words


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words occur in `text`, matched on the normalised form (繁/简, full/half width)."""
    folded = normalize(text)
    if len(folded) != len(text):  # NFKC changed the length: fall back to matching as printed
        folded = text.lower()
    spans = []
    for word in sorted(words, key=len, reverse=True):
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(word), folded)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query: str) -> SafeString:
    """`text` escaped, with every searched word in <mark>."""
    words = query_words(query)
    out, last = [], 0
    for start, end in _spans(text, words):
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def snippet(texts: list[str], query: str, *, width: int = 90) -> SafeString:
    """About `width` characters around the first hit in `texts` (else their start), words marked."""
    words = query_words(query)
    for text in texts:
        spans = _spans(text, words)
        if spans:
            start = max(0, spans[0][0] - width // 3)
            piece = text[start : start + width]
            prefix = "…" if start else ""
            suffix = "…" if start + width < len(text) else ""
            return mark_safe(prefix + highlight(piece, query) + escape(suffix))  # noqa: S308 - escaped
    first = next((text for text in texts if text), "")
    return mark_safe(escape(first[:width]) + ("…" if len(first) > width else ""))  # noqa: S308 - escaped
