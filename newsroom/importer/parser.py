"""Pure parser of the newspaper page dump (docs/source-format.md) into Edition records."""

from __future__ import annotations

import codecs
import datetime
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from newsroom.importer.records import (
    Article,
    BodyBlock,
    Byline,
    Dateline,
    Edition,
    LeadImage,
    Section,
)

MAX_LINE_LENGTH = 10_000
FOOTER_PREFIX = "更多内容请关注"
BYLINE_PREFIX = "□"
# Longest first, so that 本报记者 is not read as 本报 + 记者 when a role is glued to a name.
ROLES = (
    "本报摄影记者",
    "本报通讯员",
    "本报记者",
    "见习记者",
    "特约记者",
    "通讯员",
    "实习生",
    "记者",
    "摄影",
)
_OUTSIDE_ROLE_RE = re.compile("[\u4e00-\u9fff]{1,8}(?:记者|通讯员|摄影记者|摄影)")
MARKERS = ("报道", "摄", "文/图", "文/图")
# A title (or kicker) hit says more about an article's subject than a body hit.
TITLE_WEIGHT = 3

_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_DOTS = "·・•‧"
_NAME_RE = re.compile(rf"[{_HANZI}]{{2,4}}|[{_HANZI}]+(?:[{_DOTS}][{_HANZI}]+)+")
_HEADING_RE = re.compile(r"#{1,3}(?!#)(.*)")
_TOPIC_TAG_RE = re.compile(r"[^#\s]+#")
_DASH_PAIR = "[—―]{2}"
_KICKER_TITLE_RE = re.compile(rf"(?P<kicker>.+?{_DASH_PAIR})\s+(?P<title>\S.*)")
_SENTENCE_END_RE = re.compile(r"[。!?!?…][”’」』))]*$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TOKEN_SPLIT_RE = re.compile(r"[\s、,,]+")

# Datelines: 本报青岛讯 11月24日, / 本报讯 12月1日, / 本报青岛讯 日前, / 本报青岛讯, /
# 本报济南11月24日讯 / 新华社北京12月2日电 (text after a space). The separator is not kept.
_SOURCE = rf"本报|[{_HANZI}]{{1,6}}?(?:社|网|台|报)"
_PLACE = rf"[{_HANZI}]{{1,8}}?"
_SEPARATOR = r"(?P<sep>[ \t\u3000]*[,,::][ \t\u3000]*|[ \t\u3000]+|(?=[((])|$)"
_XUN_RE = re.compile(
    rf"(?P<text>(?P<source>{_SOURCE})(?P<place>{_PLACE})?(?:(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})日)?讯"
    r"(?:[ \t\u3000]*(?:(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
    r"|(?P<vague>日前|近日|昨天|今天|昨日|今日)))?)" + _SEPARATOR
)
_DIAN_RE = re.compile(
    rf"(?P<text>(?P<source>{_SOURCE})(?P<place>{_PLACE})?(?:(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})日)?电)" + _SEPARATOR
)

_NAME_DATE_RES = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.])(\d{1,2})\2(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})()(\d{2})(\d{2})(?!\d)"),
)
# A year as written in running text (2020年, 2020央地), not an amount (2000亿元, 2000余人).
_YEAR_RE = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})(?![\d.%])"
    r"(?!\s*(?:余|多|亿|万|千|百|元|人|家|个|项|户|吨|米|平|亩|只|台|辆|套|件|名|位|次|公里))"
)
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ParseError(Exception):
    """Bad input: a one-line message naming the file and, where known, the line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = " ".join(message.split())
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


# --- decoding ---------------------------------------------------------------------------


def decode(data: bytes, path: str) -> str:
    """The text of an edition file (UTF-8, UTF-8 with BOM or GB18030/GBK), with LF line ends."""
    if not data.strip(b" \t\r\n"):
        raise ParseError(path, None, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data, path)
    else:
        nul = data.find(b"\0")
        if nul >= 0:
            raise ParseError(path, _byte_line(data, nul), "binary file, not a text edition")
        text = _decode_8bit(data.removeprefix(codecs.BOM_UTF8), path)
    # U+FEFF inside the text is a leftover BOM of concatenated files, never printed.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise ParseError(path, None, "empty file")
    _check_lines(text, path)
    return text


def _byte_line(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, counting LF, CRLF and lone CR line ends."""
    prefix = data[:offset]
    return prefix.count(b"\n") + prefix.replace(b"\r\n", b"").count(b"\r") + 1


def _decode_utf16(data: bytes, path: str) -> str:
    # A UTF-16 BOM is unambiguous, so this is detection, not a guess.
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        line = data[: error.start - error.start % 2].decode("utf-16", "replace").count("\n") + 1
        raise ParseError(path, line, "undecodable bytes in a UTF-16 file") from error


def _decode_8bit(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    bad_line = _byte_line(data, utf8_error.start)
    bad_byte = f"0x{data[utf8_error.start]:02X}"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("gb18030", "replace")
        if any(ord(c) > 0x7F for c in prefix) and _plausible_chinese(prefix):
            raise ParseError(
                path,
                _byte_line(data, error.start),
                f"undecodable bytes: byte 0x{data[error.start]:02X} is not valid GB18030",
            ) from error
        raise ParseError(path, bad_line, f"undecodable bytes: byte {bad_byte} is neither UTF-8 nor GB18030") from error
    # GB18030 maps almost any byte string to some text; accept it only if it reads as Chinese.
    if _plausible_chinese(text):
        return text
    raise ParseError(
        path,
        bad_line,
        f"undecodable bytes: byte {bad_byte} is not valid UTF-8, and the file does not read "
        "as GB18030/GBK Chinese either; save it as UTF-8",
    )


def _plausible_chinese(text: str) -> bool:
    """True when decoded non-ASCII text is mostly common Chinese characters, without garbage."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return True
    if any(unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") for c in wide):
        return False
    hanzi = [c for c in wide if "\u4e00" <= c <= "\u9fff"]
    if len(hanzi) * 2 < len(wide):
        return False
    common = sum(1 for c in hanzi if _is_common_hanzi(c))
    return common * 10 >= len(hanzi) * 8


def _is_common_hanzi(char: str) -> bool:
    # GB2312 level 1 (lead bytes B0-D7) holds the 3,755 most used characters.
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= encoded[0] <= 0xD7


def _check_lines(text: str, path: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        control = _CONTROL_RE.search(line)
        if control:
            code = f"U+{ord(control.group()):04X}"
            raise ParseError(path, number, f"control character {code} in the text")
        if len(line) > MAX_LINE_LENGTH:
            raise ParseError(path, number, f"line too long ({len(line)} characters; at most {MAX_LINE_LENGTH})")


# --- blocks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    kind: str  # "heading" | "byline" | "footer" | "paragraph"
    text: str
    line: int


def _split_blocks(text: str, warnings: list[str]) -> list[_Block]:
    """Blocks in order: runs of non-blank lines, cut after hard breaks and around markup lines."""
    blocks: list[_Block] = []
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


def _run_blocks(run: list[tuple[int, str]], warnings: list[str]) -> list[_Block]:
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
            and (last[0] == "paragraph" or (last[0] == "byline" and _continues_byline(last[2][-1], line)))
        ):
            last[2].append(line)
        else:
            groups.append((kind, number, [line]))
    return [_make_block(kind, number, lines) for kind, number, lines in groups]


def _make_block(kind: str, number: int, lines: list[str]) -> _Block:
    text = " ".join(lines) if kind == "byline" else _join_lines(lines)
    return _Block(kind, text, number)


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
    text = lines[0]
    for line in lines[1:]:
        latin = text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum()
        text += (" " if latin else "") + line
    return text


# --- bylines ----------------------------------------------------------------------------


def _split_token(token: str) -> tuple[str, str]:
    """(role, name) read from one byline token; ("", "") when it is neither."""
    if token in ROLES:
        return token, ""
    if _NAME_RE.fullmatch(token) and token not in MARKERS:
        return "", token
    # A role glued to its name (本报记者宋孜) is still unambiguous.
    for role in ROLES:
        rest = token.removeprefix(role)
        if rest != token and _NAME_RE.fullmatch(rest):
            return role, rest
    # Other papers' and agencies' roles (新华社记者, 大众日报记者) are roles too.
    if _OUTSIDE_ROLE_RE.fullmatch(token):
        return token, ""
    return "", ""


def _is_byline_tail(line: str) -> bool:
    """True when a line continues a byline: nothing but roles, names and an end marker."""
    tokens = [t for t in _TOKEN_SPLIT_RE.split(line) if t]
    return bool(tokens) and all(t in MARKERS or any(_split_token(t)) for t in tokens)


def _continues_byline(previous: str, line: str) -> bool:
    # A byline that already ended in its marker takes no more names.
    return _is_byline_tail(line) and previous.split()[-1] not in MARKERS


def _parse_byline(block: _Block, path: str, warnings: list[str]) -> tuple[tuple[Byline, ...], str | None]:
    """The people of a byline block and its end marker (报道, 摄, 文/图)."""
    tokens = [t for t in _TOKEN_SPLIT_RE.split(block.text.removeprefix(BYLINE_PREFIX)) if t]
    marker = None
    if tokens and tokens[-1] in MARKERS:
        marker = tokens.pop()
    elif tokens and tokens[0] in ("文/图", "文/图"):
        # 文/图 (text and photo by) also stands before the names.
        marker = tokens.pop(0)
    bylines: list[Byline] = []
    role, role_named = "", True
    for token in tokens:
        if token in MARKERS:
            raise ParseError(path, block.line, f"byline marker 「{token}」 must end the byline")
        token_role, name = _split_token(token)
        if not token_role and not name:
            raise ParseError(path, block.line, f"unrecognised byline token 「{token}」 (not a role or a name)")
        if token_role:
            if not role_named:
                raise ParseError(path, block.line, f"byline role 「{role}」 has no name after it")
            role, role_named = token_role, False
        if name:
            if not role:
                warnings.append(f"line {block.line}: byline name 「{name}」 has no role before it")
            bylines.append(Byline(role, name))
            role_named = True
    if not role_named:
        raise ParseError(path, block.line, f"byline role 「{role}」 has no name after it")
    if not bylines:
        raise ParseError(path, block.line, "byline with no name")
    return tuple(bylines), marker


# --- datelines --------------------------------------------------------------------------


@dataclass(frozen=True)
class _RawDateline:
    text: str
    source: str
    place: str | None
    month: int | None
    day: int | None
    rest: str


def _match_dateline(paragraph: str) -> _RawDateline | None:
    """The dateline at the start of a paragraph, and the paragraph text after its separator."""
    match = _XUN_RE.match(paragraph) or _DIAN_RE.match(paragraph)
    if match is None:
        return None
    groups = match.groupdict()
    month = groups.get("m1") or groups.get("m2")
    day = groups.get("d1") or groups.get("d2")
    return _RawDateline(
        text=match["text"].strip(),
        source=match["source"],
        place=match["place"] or None,
        month=int(month) if month else None,
        day=int(day) if day else None,
        rest=paragraph[match.end() :],
    )


def _dateline_date(raw: _RawDateline, edition_date: datetime.date, line: int, path: str) -> datetime.date | None:
    if raw.month is None or raw.day is None:
        return None
    # Datelines print no year: a month after the edition's belongs to the year before.
    year = edition_date.year if raw.month <= edition_date.month else edition_date.year - 1
    try:
        return datetime.date(year, raw.month, raw.day)
    except ValueError as error:
        raise ParseError(path, line, f"impossible date in dateline 「{raw.text}」") from error


# --- headlines and articles -------------------------------------------------------------


@dataclass(frozen=True)
class _Headline:
    kicker: str | None
    title: str
    subtitle: str | None
    line: int
    next: int  # index of the first block after the headline's headings


@dataclass(frozen=True)
class _Item:
    kind: str  # "paragraph" | "heading" | "break" (a footer inside an article)
    text: str
    line: int


@dataclass(frozen=True)
class _Image:
    caption: str
    credits: tuple[Byline, ...]
    marker: str | None
    line: int


@dataclass
class _Draft:
    headline: _Headline
    image: _Image | None
    bylines: list[Byline] = field(default_factory=list)
    marker: str | None = None
    dateline: _RawDateline | None = None
    dateline_line: int = 0
    items: list[_Item] = field(default_factory=list)
    body: tuple[BodyBlock, ...] = ()


def _kind(blocks: list[_Block], index: int) -> str:
    return blocks[index].kind if index < len(blocks) else ""


def _headline_at(blocks: list[_Block], index: int) -> _Headline:
    """Read a kicker, title and subtitle from the heading at `index` and those right after."""
    first = blocks[index]
    after = index + 1
    kicker = None
    title, line = first.text, first.line
    one_line = _KICKER_TITLE_RE.fullmatch(first.text)
    if one_line:
        kicker, title = one_line["kicker"], one_line["title"]
    elif re.search(f"{_DASH_PAIR}$", first.text) and _kind(blocks, after) == "heading":
        kicker, title, line = first.text, blocks[after].text, blocks[after].line
        after += 1
    subtitle = None
    if _kind(blocks, after) == "heading" and re.match(_DASH_PAIR, blocks[after].text):
        subtitle = blocks[after].text
        after += 1
    return _Headline(kicker, title, subtitle, line, after)


def _opens_article(blocks: list[_Block], headline: _Headline) -> bool:
    """A headline opens an article when a byline or a dateline paragraph follows it."""
    kind = _kind(blocks, headline.next)
    if kind == "byline":
        return True
    return kind == "paragraph" and _match_dateline(blocks[headline.next].text) is not None


def _is_titled(headline: _Headline) -> bool:
    # A kicker or a subtitle only ever stands around a title, so it marks a new article.
    return headline.kicker is not None or headline.subtitle is not None


class _Assembler:
    """Walks the blocks once and groups them into article drafts (internal, single use)."""

    def __init__(self, path: str, blocks: list[_Block], warnings: list[str]) -> None:
        self.path = path
        self.blocks = blocks
        self.warnings = warnings
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        # Right after a footer or a photo credit, a heading starts an article even without
        # a byline or dateline under it.
        self.between_articles = False
        self.stray_heading: _Item | None = None
        self.pending_image: _Image | None = None

    def run(self) -> list[_Draft]:
        handlers = {
            "footer": self._footer,
            "heading": self._heading,
            "paragraph": self._paragraph,
            "byline": self._stray_byline,
        }
        index = 0
        while index < len(self.blocks):
            index = handlers[self.blocks[index].kind](index)
        self._finish_current()
        if self.stray_heading is not None:
            self._no_body(self.stray_heading)
        if not self.drafts:
            raise ParseError(self.path, None, "no article found (an article starts at a heading)")
        return self.drafts

    def _footer(self, index: int) -> int:
        # A footer is never body text, and no paragraph is mended across it.
        self.between_articles = True
        if self.current is not None:
            self.current.items.append(_Item("break", "", self.blocks[index].line))
        return index + 1

    def _heading(self, index: int) -> int:
        headline = _headline_at(self.blocks, index)
        opens = _opens_article(self.blocks, headline)
        outside = self.current is None or self.between_articles
        loose = _kind(self.blocks, headline.next) == "paragraph" and (outside or _is_titled(headline))
        if opens or loose:
            if not opens:
                self.warnings.append(f"line {headline.line}: article 「{headline.title}」 has no byline or dateline")
            return self._start_article(headline)
        block = self.blocks[index]
        item = _Item("heading", block.text, block.line)
        if self.current is None:
            if self.stray_heading is not None:
                self._no_body(self.stray_heading)
            self.stray_heading = item
        else:
            self.current.items.append(item)
        return index + 1

    def _start_article(self, headline: _Headline) -> int:
        if headline.kicker is None and self.pending_image is None:
            stray = self._take_trailing_heading()
            if stray is not None:
                # A bodiless heading right above a title can only be its kicker.
                self.warnings.append(
                    f"line {stray.line}: heading 「{stray.text}」 has no body and does not end "
                    f"in ——; taken as the kicker of 「{headline.title}」"
                )
                headline = replace(headline, kicker=stray.text)
        self._finish_current()
        draft = _Draft(headline, self.pending_image)
        self.pending_image = None
        index = headline.next
        while _kind(self.blocks, index) == "byline":
            bylines, marker = _parse_byline(self.blocks[index], self.path, self.warnings)
            draft.bylines.extend(bylines)
            draft.marker = marker or draft.marker
            index += 1
        if _kind(self.blocks, index) == "paragraph":
            block = self.blocks[index]
            dateline = _match_dateline(block.text)
            if dateline is not None:
                draft.dateline, draft.dateline_line = dateline, block.line
                if dateline.rest:
                    draft.items.append(_Item("paragraph", dateline.rest, block.line))
                index += 1
        self.current = draft
        self.between_articles = False
        return index

    def _take_trailing_heading(self) -> _Item | None:
        if self.stray_heading is not None:
            stray, self.stray_heading = self.stray_heading, None
            return stray
        items = self.current.items if self.current is not None else []
        return items.pop() if items and items[-1].kind == "heading" else None

    def _paragraph(self, index: int) -> int:
        block = self.blocks[index]
        after = index + 1
        while _kind(self.blocks, after) == "byline":
            after += 1
        if after > index + 1 and self._article_starts_at(after):
            credits: list[Byline] = []
            marker = None
            for byline in self.blocks[index + 1 : after]:
                people, byline_marker = _parse_byline(byline, self.path, self.warnings)
                credits.extend(people)
                marker = byline_marker or marker
            # A caption and its credit belong to the photo of the article that follows.
            self.pending_image = _Image(block.text, tuple(credits), marker, block.line)
            self.between_articles = True
            return after
        if _match_dateline(block.text) is not None:
            raise ParseError(
                self.path,
                block.line,
                "dateline paragraph with no article: no title heading before it",
            )
        if self.current is None:
            raise ParseError(self.path, block.line, "text outside any article: no title heading before it")
        self.current.items.append(_Item("paragraph", block.text, block.line))
        self.between_articles = False
        return index + 1

    def _article_starts_at(self, index: int) -> bool:
        if _kind(self.blocks, index) != "heading":
            return False
        headline = _headline_at(self.blocks, index)
        if _opens_article(self.blocks, headline):
            return True
        # After a caption and its credit only an article can follow, byline or not.
        return _kind(self.blocks, headline.next) == "paragraph"

    def _stray_byline(self, index: int) -> int:
        raise ParseError(
            self.path,
            self.blocks[index].line,
            "byline with no article after it (a byline follows a title heading, "
            "or credits a photo caption just before an article)",
        )

    def _no_body(self, heading: _Item) -> None:
        raise ParseError(self.path, heading.line, f"heading 「{heading.text}」 with no body after it")

    def _finish_current(self) -> None:
        draft, self.current = self.current, None
        if draft is None:
            return
        content = [item for item in draft.items if item.kind != "break"]
        if content and content[-1].kind == "heading":
            self._no_body(content[-1])
        draft.body = _mend_paragraphs(draft.items)
        if not any(block.type == "paragraph" for block in draft.body):
            raise ParseError(self.path, draft.headline.line, f"article 「{draft.headline.title}」 has no body")
        self.drafts.append(draft)


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END_RE.search(text) is not None


def _mend_paragraphs(items: list[_Item]) -> tuple[BodyBlock, ...]:
    """Body blocks, joining a paragraph broken by the column layout with the one after it."""
    body: list[BodyBlock] = []
    open_paragraph: BodyBlock | None = None
    for item in items:
        if item.kind == "paragraph":
            if open_paragraph is not None and not _ends_sentence(open_paragraph.text):
                open_paragraph = replace(
                    open_paragraph,
                    text=open_paragraph.text + item.text,
                    breaks_joined=open_paragraph.breaks_joined + 1,
                )
                continue
            if open_paragraph is not None:
                body.append(open_paragraph)
            open_paragraph = BodyBlock("paragraph", item.text, item.line)
            continue
        # A heading or a footer closes the paragraph: never mend across them.
        if open_paragraph is not None:
            body.append(open_paragraph)
            open_paragraph = None
        if item.kind == "heading":
            body.append(BodyBlock("heading", item.text, item.line))
    if open_paragraph is not None:
        body.append(open_paragraph)
    return tuple(body)


# --- edition date -----------------------------------------------------------------------

_OVERRIDE_HINT = "pass --edition-date YYYY-MM-DD to override"


def _date_in_name(name: str) -> datetime.date | None:
    for pattern in _NAME_DATE_RES:
        for match in pattern.finditer(name):
            year, _, month, day = match.groups()
            try:
                return datetime.date(int(year), int(month), int(day))
            except ValueError:
                continue
    return None


def _year_in_text(text: str) -> tuple[int, int] | None:
    """The year written most often in the text and how often; ties go to the later year."""
    counts = Counter(int(year) for year in _YEAR_RE.findall(text))
    if not counts:
        return None
    year, count = max(counts.items(), key=lambda pair: (pair[1], pair[0]))
    return year, count


def _latest_month_day(drafts: list[_Draft]) -> tuple[int, int] | None:
    days = [
        (d.dateline.month, d.dateline.day)
        for d in drafts
        if d.dateline is not None and d.dateline.month is not None and d.dateline.day is not None
    ]
    if not days:
        return None
    # Datelines spanning New Year (12月 and 1月): the early months are the later dates.
    if max(days)[0] - min(days)[0] > 6:
        days = [day for day in days if day[0] <= 6]
    return max(days)


def _edition_date(
    given: datetime.date | None, path: str, text: str, drafts: list[_Draft], warnings: list[str]
) -> tuple[datetime.date, str]:
    if given is not None:
        return given, "option"
    name = PurePath(path).name
    from_name = _date_in_name(name)
    if from_name is not None:
        warnings.insert(0, f"edition date {from_name.isoformat()} taken from the file name; {_OVERRIDE_HINT}")
        return from_name, "filename"
    year = _year_in_text(text)
    latest = _latest_month_day(drafts)
    if year is None or latest is None:
        raise ParseError(
            path,
            None,
            "no edition date: none given, none in the file name (YYYY-MM-DD) and not enough in "
            "the text (a year and a dated dateline); pass --edition-date YYYY-MM-DD",
        )
    (year_value, count), (month, day) = year, latest
    try:
        # Papers print the day after the latest news they report.
        inferred = datetime.date(year_value, month, day) + datetime.timedelta(days=1)
    except ValueError as error:
        raise ParseError(
            path,
            None,
            f"no edition date: {year_value}年{month}月{day}日 is not a date; pass --edition-date YYYY-MM-DD",
        ) from error
    warnings.insert(
        0,
        f"edition date {inferred.isoformat()} inferred from the text: year {year_value} (the year "
        f"written most often, {count} times) and the latest dateline {month}月{day}日 plus one "
        f"day; {_OVERRIDE_HINT}",
    )
    return inferred, "text"


# --- sections ---------------------------------------------------------------------------


def load_sections(text: str) -> tuple[list[Section], str]:
    """The channel's sections and the default slug, from a sections TOML file."""
    data = tomllib.loads(text)
    tables = data.get("section")
    if not isinstance(tables, list) or not tables:
        raise ValueError("sections file: no [[section]] table")
    sections = [_section_from_table(table, number) for number, table in enumerate(tables, 1)]
    slugs = [section.slug for section in sections]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ValueError(f"sections file: duplicate slug {', '.join(duplicates)}")
    default = data.get("default")
    if default not in slugs:
        raise ValueError(f"sections file: default {default!r} is not one of {', '.join(slugs)}")
    return sections, default


def _section_from_table(table: object, number: int) -> Section:
    if not isinstance(table, dict):
        raise ValueError(f"sections file: section {number} is not a table")
    slug, title = table.get("slug"), table.get("title")
    keywords = table.get("keywords", [])
    if not isinstance(slug, str) or not _SLUG_RE.fullmatch(slug):
        raise ValueError(f"sections file: section {number} slug {slug!r} is not lowercase ASCII")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"sections file: section {slug} has no title")
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k for k in keywords):
        raise ValueError(f"sections file: section {slug} keywords must be a list of words")
    return Section(slug, title.strip(), tuple(keywords))


def classify_section(headline: str, body: str, sections: Sequence[Section], default: str) -> str:
    """The slug of the section whose keywords the article hits most; `default` on no hit.

    `headline` is the kicker, title and subtitle; a hit there weighs TITLE_WEIGHT body hits.
    Ties go to the section listed first.
    """
    best, best_score = default, 0
    for section in sections:
        score = sum(TITLE_WEIGHT * headline.count(k) + body.count(k) for k in section.keywords)
        if score > best_score:
            best, best_score = section.slug, score
    return best


# --- the edition ------------------------------------------------------------------------


def parse_edition(
    data: bytes,
    path: str,
    *,
    sections: Sequence[Section],
    default_section: str,
    edition_date: datetime.date | None = None,
) -> Edition:
    """Parse one edition file into an Edition; raise ParseError on bad input."""
    if sections and default_section not in {section.slug for section in sections}:
        raise ValueError(f"default section {default_section!r} is not among the sections")
    text = decode(data, path)
    warnings: list[str] = []
    drafts = _Assembler(path, _split_blocks(text, warnings), warnings).run()
    date, date_source = _edition_date(edition_date, path, text, drafts, warnings)
    articles = tuple(
        _article(draft, position, date, path, sections, default_section, warnings)
        for position, draft in enumerate(drafts)
    )
    return Edition(PurePath(path).name, date, date_source, articles, tuple(warnings))


def _article(
    draft: _Draft,
    position: int,
    edition_date: datetime.date,
    path: str,
    sections: Sequence[Section],
    default_section: str,
    warnings: list[str],
) -> Article:
    headline = draft.headline
    dateline = None
    if draft.dateline is not None:
        raw, line = draft.dateline, draft.dateline_line
        date = _dateline_date(raw, edition_date, line, path)
        if date is not None and date > edition_date:
            warnings.append(f"line {line}: dateline {raw.text} is after the edition date {edition_date.isoformat()}")
        dateline = Dateline(raw.text, raw.source, raw.place, date, line)
    image = None
    if draft.image is not None:
        image = LeadImage(draft.image.caption, draft.image.credits, draft.image.marker, draft.image.line)
    title_text = " ".join(part for part in (headline.kicker, headline.title, headline.subtitle) if part)
    body_text = "\n".join(block.text for block in draft.body)
    return Article(
        kicker=headline.kicker,
        title=headline.title,
        subtitle=headline.subtitle,
        section=classify_section(title_text, body_text, sections, default_section),
        bylines=tuple(draft.bylines),
        byline_marker=draft.marker,
        dateline=dateline,
        lead_image=image,
        body=draft.body,
        line=headline.line,
        position=position,
    )
