"""Bylines (署名): the roles and names after □, and the marker that may end them."""

from __future__ import annotations

import re

from newsroom.importer.parser.lines import HANZI, ParseError
from newsroom.importer.records import Byline

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
_DOTS = "·・•‧"
_NAME_RE = re.compile(rf"[{HANZI}]{{2,4}}|[{HANZI}]+(?:[{_DOTS}][{HANZI}]+)+")
_TOKEN_SPLIT_RE = re.compile(r"[\s、,,]+")


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


def continues_byline(previous: str, line: str) -> bool:
    # A byline that already ended in its marker takes no more names.
    return _is_byline_tail(line) and previous.split()[-1] not in MARKERS


def parse_byline(text: str, line: int, path: str, warnings: list[str]) -> tuple[tuple[Byline, ...], str | None]:
    """The people of a byline block (its text and first line) and its end marker (报道, 摄, 文/图)."""
    tokens = [t for t in _TOKEN_SPLIT_RE.split(text.removeprefix(BYLINE_PREFIX)) if t]
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
            raise ParseError(path, line, f"byline marker 「{token}」 must end the byline")
        token_role, name = _split_token(token)
        if not token_role and not name:
            raise ParseError(path, line, f"unrecognised byline token 「{token}」 (not a role or a name)")
        if token_role:
            if not role_named:
                raise ParseError(path, line, f"byline role 「{role}」 has no name after it")
            role, role_named = token_role, False
        if name:
            if not role:
                warnings.append(f"line {line}: byline name 「{name}」 has no role before it")
            bylines.append(Byline(role, name))
            role_named = True
    if not role_named:
        raise ParseError(path, line, f"byline role 「{role}」 has no name after it")
    if not bylines:
        raise ParseError(path, line, "byline with no name")
    return tuple(bylines), marker
