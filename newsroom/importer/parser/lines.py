"""Reading an edition file: its encoding detected, its lines checked, and errors that name file and line."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

MAX_LINE_LENGTH = 10_000
# Chinese characters as a regex class, for names (bylines) and places (datelines); the
# extension ranges hold rare characters that some personal names use.
HANZI = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
        if not prefix.isascii() and _plausible_chinese(prefix):
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
    # Counted per distinct character: a list of every character of a large file takes
    # some 80 bytes each, many times the file's size.
    wide = {char: count for char, count in Counter(text).items() if ord(char) > 0x7F}
    if not wide:
        return True
    if any(unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") for c in wide):
        return False
    hanzi = {char: count for char, count in wide.items() if "\u4e00" <= char <= "\u9fff"}
    hanzi_total = sum(hanzi.values())
    if hanzi_total * 2 < sum(wide.values()):
        return False
    common = sum(count for char, count in hanzi.items() if _is_common_hanzi(char))
    return common * 10 >= hanzi_total * 8


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
