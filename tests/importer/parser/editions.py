"""Small inline editions and the first real one, parsed the way the parser's tests need them."""

import datetime
import re
from pathlib import Path

import pytest

from newsroom.importer.parser import ParseError, parse_edition
from newsroom.importer.records import Section
from newsroom.importer.sections import load_sections

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "seeds" / "000_127d583f3f2c5906.txt"
SECTIONS_FILE = REPO / "seeds" / "sections.toml"
DAY = datetime.date(2020, 11, 30)
SECTIONS = [
    Section("yaowen", "要闻", ("市政府",)),
    Section("jingji", "经济", ("产业", "企业")),
    Section("wenlv", "文旅", ("旅游", "文化")),
]
HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def parse(text, *, path="edition.txt", edition_date=DAY, encoding="utf-8"):
    return parse_edition(
        text.encode(encoding),
        path,
        sections=SECTIONS,
        default_section="yaowen",
        edition_date=edition_date,
    )


def only(text, **kwargs):
    """The single article of a small inline edition."""
    (article,) = parse(text, **kwargs).articles
    return article


def texts(article):
    return [(block.type, block.text) for block in article.body]


def parse_error(data, path="edition.txt"):
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(ParseError) as caught:
        parse_edition(raw, path, sections=SECTIONS, default_section="yaowen", edition_date=DAY)
    return caught.value


def seed_edition(data=None, path=SEED.name):
    sections, default = load_sections(SECTIONS_FILE.read_text(encoding="utf-8"))
    raw = SEED.read_bytes() if data is None else data
    return parse_edition(raw, path, sections=sections, default_section=default)


BYLINE_AND_BODY = "\n□记者 肖芳 报道  \n本报青岛讯 11月24日,正文第一段。\n"
FOOTER = "更多内容请关注大众报业·大众日报客户端青岛频道"
