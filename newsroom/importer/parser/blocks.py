"""Blocks: the runs of non-blank lines of an edition, each a heading, byline, footer or paragraph."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from newsroom.importer.parser.bylines import BYLINE_PREFIX, continues_byline

FOOTER_PREFIX = "更多内容请关注"
_HEADING_RE = re.compile(r"#{1,3}(?!#)(.*)")
_TOPIC_TAG_RE = re.compile(r"[^#\s]+#")


@dataclass(frozen=True)
class Block:
    """One heading, byline, footer or paragraph of the dump, with the line it starts on."""

    kind: str  # "heading" | "byline" | "footer" | "paragraph"
    text: str
    line: int


def split_blocks(text: str, warnings: list[str]) -> list[Block]:
    """Blocks in order: runs of non-blank lines, cut after hard breaks and around markup lines."""
    blocks: list[Block] = []
    for run in _runs(text):
        blocks.extend(_run_blocks(run, warnings))
    return blocks


def _runs(text: str) -> list[list[tuple[int, str]]]:
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line:
            current.append((number, line))
        # A blank line ends a run; so does a Markdown hard break (two trailing spaces).
        if (not line or raw.endswith("  ")) and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _run_blocks(run: list[tuple[int, str]], warnings: list[str]) -> list[Block]:
    # Headings and footers are one line; a byline or footer line always starts a new block,
    # even when the layout tool left no blank line before it.
    groups: list[tuple[str, int, list[str]]] = []
    for number, line in run:
        heading = _heading_text(line)
        if heading == "":
            warnings.append(f"line {number}: empty heading ignored")
            continue
        if heading is not None:
            groups.append(("heading", number, [heading]))
            continue
        kind = _line_kind(line)
        last = groups[-1] if groups else None
        if (
            kind == "paragraph"
            and last is not None
            and (last[0] == "paragraph" or (last[0] == "byline" and continues_byline(last[2][-1], line)))
        ):
            last[2].append(line)
        else:
            groups.append((kind, number, [line]))
    return [_make_block(kind, number, lines) for kind, number, lines in groups]


def _make_block(kind: str, number: int, lines: list[str]) -> Block:
    text = " ".join(lines) if kind == "byline" else _join_lines(lines)
    return Block(kind, text, number)


def _heading_text(line: str) -> str | None:
    """The text of a heading line (1-3 #), "" for an empty one, None for any other line."""
    match = _HEADING_RE.fullmatch(line)
    if match is None:
        return None
    rest = match.group(1)
    # "#话题#" is a topic tag in running text, not a heading.
    if rest and not rest[0].isspace() and _TOPIC_TAG_RE.match(rest):
        return None
    return " ".join(rest.split())


def _line_kind(line: str) -> str:
    if line.startswith(BYLINE_PREFIX):
        return "byline"
    if line.startswith(FOOTER_PREFIX):
        return "footer"
    return "paragraph"


def _join_lines(lines: list[str]) -> str:
    # Chinese wraps without spaces; only two Latin words or numbers need one between them.
    parts = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if _latin(previous[-1]) and _latin(line[0]):
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def kind_at(blocks: list[Block], index: int) -> str:
    """The kind of the block at `index`; "" past the last block."""
    return blocks[index].kind if index < len(blocks) else ""
