"""Share cards: an article's headline on the channel's colours, for links shared without a photo.

Pillow draws the card with a CJK font; the headline is wrapped a character at a time, as Chinese
is set, keeping the punctuation that may not start a line (避头尾) with the character before it.
Nothing here reads the database: ``newsroom.articles.share_images`` decides when a card is needed
and keeps the drawn ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# Open Graph's recommended size (1.91:1): WeChat, Weibo and X show it whole.
WIDTH, HEIGHT = 1200, 630
# The reader site's colours (newsroom/static/newsroom/site.css: --brand, --brand-dark).
BRAND = "#b3121f"
BRAND_DARK = "#8a0e18"
WHITE = "#ffffff"
SOFT_WHITE = "#f3d0d3"

BAR_HEIGHT = 96
MARGIN = 80
# The headline's box: below the bar, above the bottom rule.
TEXT_BOX = (MARGIN, BAR_HEIGHT + 40, WIDTH - MARGIN, HEIGHT - 70)
HEADLINE_SIZES = range(76, 39, -4)
LINE_SPACING = 1.35
MAX_LINES = 5

# Punctuation that may not start a line (行首禁则) and that may not end one (行尾禁则).
NO_LINE_START = frozenset("，。、；：？！）」』》】〕〗〉”’…—·％‰,.;:?!)]}>%")
NO_LINE_END = frozenset("（「『《【〔〖〈“‘([{<")
# Latin words and numbers are not cut inside (2020年, GDP, 5G).
_UNITS = re.compile(r"[A-Za-z0-9]+(?:[.,:][0-9]+)*|.", re.S)
ELLIPSIS = "…"

# A system font, as production installs it (deploy/README.md): Debian's WenQuanYi Micro Hei, else
# the Noto CJK of fonts-noto-cjk. No maintained PyPI package carries a CJK font for this.
SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
FONT_INSTALL_HINT = "apt-get install fonts-wqy-microhei(或 fonts-noto-cjk),或以 NEWSROOM_SHARE_CARD_FONT 指定字体文件"


def font_candidates(configured: str | None = None) -> list[Path]:
    """Where a CJK font may be, in the order tried: the configured file first."""
    paths = [Path(configured)] if configured else []
    paths.extend(Path(path) for path in SYSTEM_FONTS)
    return paths


def find_font(configured: str | None = None) -> Path | None:
    """The first CJK font file present, or None when the machine has none."""
    return next((path for path in font_candidates(configured) if path.is_file()), None)


@lru_cache(maxsize=32)
def load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _units(text: str) -> list[str]:
    return _UNITS.findall(text)


def wrap_headline(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """`text` in lines no wider than `max_width`, cut between characters (Latin words kept whole
    unless one is wider than a line), with no line starting with a closing mark (，。」…) nor
    ending with an opening one (（「《…): the character before moves down with it."""
    units: list[str] = []
    for unit in _units(" ".join(text.split())):
        # A word too long for any line is cut like Chinese.
        units.extend(unit if len(unit) > 1 and font.getlength(unit) > max_width else [unit])

    def fits(line: list[str]) -> bool:
        return font.getlength("".join(line)) <= max_width

    lines: list[list[str]] = []
    line: list[str] = []
    for unit in units:
        if not line or fits([*line, unit]):
            line.append(unit)
            continue
        if unit == " ":
            # A space at a break is dropped, not carried to the next line's start.
            lines.append(line)
            line = []
            continue
        # Push out (推出): a closing mark takes the character before it down to the next line
        # (and the one before that, for 」。), and an opening mark never ends a line. At least
        # one unit stays where it was.
        carried: list[str] = []
        head = unit
        while len(line) > 1 and head[0] in NO_LINE_START:
            head = line.pop()
            carried.insert(0, head)
        while len(line) > 1 and line[-1][-1] in NO_LINE_END:
            carried.insert(0, line.pop())
        if carried and not fits([*carried, unit]):
            # Never overflow for the rule's sake: give the carried characters back.
            line.extend(carried)
            carried = []
        lines.append(_rstrip(line))
        line = [*carried, unit]
    if line:
        lines.append(_rstrip(line))
    return ["".join(units).strip() for units in lines if "".join(units).strip()]


def _rstrip(line: list[str]) -> list[str]:
    while line and line[-1] == " ":
        line.pop()
    return line


@dataclass(frozen=True)
class HeadlineLayout:
    """Where the headline's lines are drawn: the font size, the lines, and each line's top-left corner."""

    size: int
    lines: tuple[str, ...]
    origins: tuple[tuple[float, float], ...]


def layout_headline(text: str, font_path: str) -> HeadlineLayout:
    """The largest size at which the headline fits its box in at most MAX_LINES lines; at the
    smallest size a headline still too long ends in an ellipsis on its last line."""
    left, top, right, bottom = TEXT_BOX
    width, height = right - left, bottom - top
    for size in HEADLINE_SIZES:
        font = load_font(font_path, size)
        lines = wrap_headline(text, font, width)
        step = round(size * LINE_SPACING)
        if len(lines) <= MAX_LINES and step * (len(lines) - 1) + size <= height:
            break
    else:
        lines = _shortened(lines, font, width, step, size, height)
    step = round(size * LINE_SPACING)
    block = step * (len(lines) - 1) + size
    y = top + (height - block) / 2
    origins = tuple((float(left), y + number * step) for number in range(len(lines)))
    return HeadlineLayout(size=size, lines=tuple(lines), origins=origins)


def _shortened(lines: list[str], font: ImageFont.FreeTypeFont, width: float, step: int, size: int, height: int):
    kept = max(1, min(MAX_LINES, (height - size) // step + 1))
    lines = lines[:kept]
    last = lines[-1]
    while last and font.getlength(last + ELLIPSIS) > width:
        last = last[:-1]
    lines[-1] = last.rstrip("，。、；：,.") + ELLIPSIS
    return lines


@dataclass(frozen=True)
class CardContent:
    """What a card shows: every field goes into the stored card's name (newsroom.articles.share_images)."""

    headline: str
    channel: str
    section: str = ""


def render_card(content: CardContent, font_path: str) -> tuple[Image.Image, HeadlineLayout]:
    """The card as an image, with the layout its headline was drawn at."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAR_HEIGHT), fill=BRAND_DARK)
    bar_font = load_font(font_path, 40)
    draw.text((MARGIN, BAR_HEIGHT / 2), content.channel, font=bar_font, fill=WHITE, anchor="lm")
    if content.section:
        section_font = load_font(font_path, 32)
        draw.text((WIDTH - MARGIN, BAR_HEIGHT / 2), content.section, font=section_font, fill=SOFT_WHITE, anchor="rm")
    layout = layout_headline(content.headline, font_path)
    font = load_font(font_path, layout.size)
    for line, origin in zip(layout.lines, layout.origins, strict=True):
        # The font has no bold face: a stroke of the text's own colour gives the headline its weight.
        draw.text(origin, line, font=font, fill=WHITE, stroke_width=1, stroke_fill=WHITE)
    rule_y = HEIGHT - 40
    draw.line((MARGIN, rule_y, WIDTH - MARGIN, rule_y), fill=SOFT_WHITE, width=2)
    return image, layout


def card_png(content: CardContent, font_path: str) -> bytes:
    image, _ = render_card(content, font_path)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
