"""Measures of Chinese text: 字数 (character count), reading time, descriptions."""

import math
import re

from django.utils.text import Truncator

# Chinese has no spaces between words: count characters, not words.
_WHITESPACE = re.compile(r"\s+")
# A common newsroom rule of thumb for adult readers of Chinese news.
CHARACTERS_PER_MINUTE = 400


def character_count(*texts: str) -> int:
    """字数 as newsrooms count it: every printed character, punctuation included, no spaces."""
    return sum(len(_WHITESPACE.sub("", text or "")) for text in texts)


def reading_minutes(count: int) -> int:
    """Whole minutes to read `count` characters; at least one for any text."""
    return max(1, math.ceil(count / CHARACTERS_PER_MINUTE)) if count else 0


def description_of(article: object, length: int = 120) -> str:
    """An article's summary, else the start of its text, on one line: for meta descriptions and feeds."""
    text = article.summary or "".join(article.body_text[:2])
    return Truncator(" ".join(text.split())).chars(length)
