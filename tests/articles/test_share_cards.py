"""The share card's headline: wrapped a character at a time, by the rules of Chinese line breaking, and
drawn inside the card (no database)."""

import pytest
from PIL import ImageDraw

from newsroom.articles import share_cards
from newsroom.articles.share_cards import (
    HEIGHT,
    NO_LINE_END,
    NO_LINE_START,
    TEXT_BOX,
    WIDTH,
    CardContent,
    load_font,
    render_card,
    wrap_headline,
)
from tests.conftest import require_system_part

HEADLINE_40 = "胶东经济圈一体化发展全面起势，青岛都市圈建设提速，五市协同推进重大项目“四十个”"


@pytest.fixture(scope="module")
def font_path() -> str:
    found = share_cards.find_font()
    require_system_part(found is not None, "a CJK font for share cards", share_cards.FONT_INSTALL_HINT)
    return str(found)


def test_every_character_of_a_forty_character_headline_is_drawn_inside_the_card(font_path):
    assert len(HEADLINE_40) == 40
    image, layout = render_card(CardContent(headline=HEADLINE_40, channel="青岛频道", section="要闻"), font_path)
    assert image.size == (WIDTH, HEIGHT)
    # Nothing dropped or shortened: the lines are the headline.
    assert "".join(layout.lines) == HEADLINE_40
    font = load_font(font_path, layout.size)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = TEXT_BOX
    for line, (x, y) in zip(layout.lines, layout.origins, strict=True):
        assert font.getlength(line) <= right - left, line
        for number, character in enumerate(line):
            # Where the renderer puts this character, with the stroke that gives the headline its weight.
            origin = (x + font.getlength(line[:number]), y)
            box = draw.textbbox(origin, character, font=font, stroke_width=1)
            inside_card = box[0] >= 0 and box[1] >= 0 and box[2] <= WIDTH and box[3] <= HEIGHT
            # Inside the headline's box too (a pixel of stroke aside).
            inside_box = box[0] >= left - 1 and box[1] >= top - 1 and box[2] <= right + 1 and box[3] <= bottom + 1
            assert inside_card and inside_box, (character, box)


def test_the_headline_is_drawn_in_white_only_inside_its_box(font_path):
    image, _ = render_card(CardContent(headline=HEADLINE_40, channel="青岛频道"), font_path)
    left, top, right, bottom = TEXT_BOX
    # Between the channel bar and the bottom rule, white is the headline's ink.
    band = (0, share_cards.BAR_HEIGHT + 1, WIDTH, HEIGHT - 41)

    def has_white(picture) -> bool:
        return any(colour == (255, 255, 255) for _, colour in picture.crop(band).getcolors(WIDTH * HEIGHT))

    assert has_white(image), "no headline drawn"
    ImageDraw.Draw(image).rectangle((left - 2, top - 2, right + 2, bottom + 2), fill=share_cards.BRAND)
    assert not has_white(image), "ink outside the headline's box"


def test_punctuation_that_may_not_start_a_line_takes_the_character_before_it_along(font_path):
    font = load_font(font_path, 40)
    ten = font.getlength("一") * 10
    assert wrap_headline("一二三四五六七八九十，十一", font, ten) == ["一二三四五六七八九", "十，十一"]
    # A closing quote then a full stop: both go down with the character they follow.
    assert wrap_headline("一二三四五六七八九”。好", font, ten) == ["一二三四五六七八", "九”。好"]


def test_an_opening_mark_never_ends_a_line(font_path):
    font = load_font(font_path, 40)
    ten = font.getlength("一") * 10
    assert wrap_headline("一二三四五六七八九《十》", font, ten) == ["一二三四五六七八九", "《十》"]


def test_latin_words_and_numbers_stay_whole(font_path):
    font = load_font(font_path, 40)
    lines = wrap_headline("青岛GDP突破1.5万亿元大关2020年同比增长3.7%领跑山东", font, font.getlength("一") * 10)
    assert "".join(lines) == "青岛GDP突破1.5万亿元大关2020年同比增长3.7%领跑山东"
    for word in ("GDP", "1.5", "2020", "3.7%"):
        assert any(word in line for line in lines), (word, lines)


@pytest.mark.parametrize("headline", [HEADLINE_40, "青岛" * 60, "短标题", "A" * 200])
def test_no_line_overflows_and_no_line_starts_or_ends_badly(font_path, headline):
    _, layout = render_card(CardContent(headline=headline, channel="青岛频道"), font_path)
    font = load_font(font_path, layout.size)
    left, _, right, bottom = TEXT_BOX
    assert layout.origins[-1][1] + layout.size <= bottom
    for line in layout.lines:
        assert font.getlength(line) <= right - left
    for line in layout.lines[1:]:
        assert line[0] not in NO_LINE_START, layout.lines
    for line in layout.lines[:-1]:
        assert line[-1] not in NO_LINE_END, layout.lines


def test_a_headline_too_long_for_the_card_ends_in_an_ellipsis(font_path):
    _, layout = render_card(CardContent(headline="青岛" * 200, channel="青岛频道"), font_path)
    assert layout.lines[-1].endswith("…")
    assert layout.size == min(share_cards.HEADLINE_SIZES)
