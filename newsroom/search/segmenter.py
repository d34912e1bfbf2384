"""Pure Chinese word segmentation for the index and for queries (no Django imports).

PostgreSQL's `simple` configuration and SQLite's FTS5 split text on spaces and punctuation, so a
run of Chinese characters is one "word" to them and `卡奥斯` never matches `卡奥斯是青岛`. Text is
therefore normalised and cut into words by jieba (the Rust port rjieba, with its dictionary in the
package) before either database sees it, and queries are cut the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc
import rjieba

_JIEBA = rjieba.Jieba()
# The package dictionary alone: how text was cut before a channel word was added.
_BASE_JIEBA = rjieba.Jieba()
_T2S = opencc.OpenCC("t2s")
# A word worth indexing holds a letter, digit or CJK character; punctuation and spaces are not words.
_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
# Function words that only make an AND query stricter without saying what it is about.
QUERY_STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "是",
        "在",
        "对",
        "为",
        "把",
        "被",
        "将",
        "从",
        "向",
        "于",
        "之",
        "等",
        "也",
        "都",
        "就",
        "而",
        "并",
        "以",
        "其",
    ]
)
_loaded_words: set[str] = set()


def normalize(text: str) -> str:
    """One form for every spelling: half-width (NFKC), simplified characters, lower case."""
    return _T2S.convert(unicodedata.normalize("NFKC", text)).lower()


# Marks NFKC may join to the character before them (accents, kana voicing, Hangul jamo): text
# holding one can be shorter once normalised even when another character grew (㈱ -> (株)).
_COMPOSING = re.compile("[\u0300-\u036f\u0483-\u0489\u1100-\u11ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a]")


def _per_character(text: str, convert, origins: list[int] | None) -> tuple[str, list[int]]:
    pieces = [convert(char) for char in text]
    at = origins or range(len(text))
    return "".join(pieces), [at[i] for i, piece in enumerate(pieces) for _ in piece]


def normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`normalize(text)`, and for each of its characters the index in `text` it came from; None when
    they line up one for one (the usual case: full-width ，：（） and 繁体 forms keep their length).

    Only where a step changes the length is that step applied a character at a time, so a hit
    found in the normalised text can be shown where the editor typed it.
    """
    origins: list[int] | None = None
    halfwidth = unicodedata.normalize("NFKC", text)
    if len(halfwidth) != len(text) or _COMPOSING.search(text):
        halfwidth, origins = _per_character(text, lambda char: unicodedata.normalize("NFKC", char), origins)
    simplified = _T2S.convert(halfwidth)
    if len(simplified) != len(halfwidth):
        simplified, origins = _per_character(halfwidth, _T2S.convert, origins)
    lowered = simplified.lower()
    if len(lowered) != len(simplified):
        lowered, origins = _per_character(simplified, str.lower, origins)
    return lowered, origins


def add_words(words: list[str] | tuple[str, ...] | set[str]) -> int:
    """Teach the segmenter words it must keep whole (places, institutions, names); returns new ones."""
    added = 0
    for word in words:
        word = normalize(word.strip())
        if word and word not in _loaded_words:
            _JIEBA.add_word(word, None, None)
            _loaded_words.add(word)
            added += 1
    if added:
        _query_cut.cache_clear()
    return added


def read_dictionary(path: Path) -> list[str]:
    """Words of a channel dictionary file: one per line, `#` starts a comment."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word.split()[0])
    return words


def _words(words: list[str]) -> list[str]:
    return [word for word in words if _WORDLIKE.search(word)]


@lru_cache(maxsize=2048)
def _query_cut(text: str) -> tuple[str, ...]:
    return tuple(_words(_JIEBA.cut(text)))


def _with_parts(word: str) -> list[str]:
    # jieba's own search mode adds only 2- and 3-character parts; a query for 西海岸新区 must also
    # find 青岛西海岸新区, so every dictionary word inside a long word is indexed too.
    size = len(word)
    if size < 3:
        return [word]
    parts = [
        word[start : start + length]
        for length in range(2, size)
        for start in range(size - length + 1)
        if _JIEBA.has_word(word[start : start + length])
    ]
    return [*parts, word]


def index_words(text: str) -> list[str]:
    """The words of `text` to index: whole words and every dictionary word inside them."""
    if not text:
        return []
    return [part for word in _words(_JIEBA.cut(normalize(text))) for part in _with_parts(word)]


def index_text(*texts: str) -> str:
    """Texts as space-separated words, the form both databases' full-text engines can index."""
    return " ".join(word for text in texts if text for word in index_words(text))


def query_words(query: str) -> list[str]:
    """The words a reader's query asks for, in order, without repeats or function words."""
    words = [w for w in _query_cut(normalize(query)) if w not in QUERY_STOPWORDS]
    return list(dict.fromkeys(words))


def base_parts(word: str) -> list[str]:
    """How the package dictionary alone cuts `word`: the parts it was indexed as before it was added."""
    return _words(_BASE_JIEBA.cut(normalize(word)))
