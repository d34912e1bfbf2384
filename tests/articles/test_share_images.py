"""What a shared link shows: og:image and JSON-LD name the article's share picture (lead photo > first
body photo > headline card), the card is served and redrawn when the headline changes, and the
推广 tab previews it."""

import json
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from wagtail_factories import ImageFactory

from newsroom.articles import share_cards
from newsroom.articles.share_images import CARD_FOLDER, check_card_font
from tests.conftest import require_system_part
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

HEADLINE = "胶东经济圈一体化发展全面起势，青岛都市圈建设提速"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    require_system_part(share_cards.find_font() is not None, "a CJK font", share_cards.FONT_INSTALL_HINT)
    return tmp_path


@pytest.fixture
def section(db):
    return SectionPageFactory(title="要闻", slug="yaowen")


def _page(client, article) -> BeautifulSoup:
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _meta(page: BeautifulSoup, **attrs: str) -> str:
    return page.find("meta", attrs=attrs)["content"]


def _path(url: str) -> str:
    assert url.startswith("http://localhost/"), url
    return url.removeprefix("http://localhost")


def _png(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return Image.open(BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def test_an_article_without_photos_shares_its_headline_card(client, section):
    article = ArticlePageFactory(parent=section, title=HEADLINE)
    page = _page(client, article)
    og_image = _meta(page, property="og:image")
    assert _path(og_image).startswith(f"/share/{article.pk}.png?v=")
    assert (_meta(page, property="og:image:width"), _meta(page, property="og:image:height")) == ("1200", "630")
    assert _meta(page, name="twitter:card") == "summary_large_image"
    assert _meta(page, name="twitter:image") == og_image
    assert json.loads(page.find("script", type="application/ld+json").string)["image"] == [og_image]
    # The address answers with the card itself, drawn at the size the tags state.
    card = _png(client.get(_path(og_image)))
    assert card.size == (1200, 630)
    # WeChat's crawler takes the page's first large picture: the card is the first <img> (linked
    # from the page's own origin, which its CSP allows whatever host name it is read on).
    first = page.find("img")
    assert first["src"] == _path(og_image)
    assert int(first["width"]) >= 300 and int(first["height"]) >= 300


def test_the_lead_photo_comes_before_a_body_photo_and_the_card(client, section, media):
    lead = ImageFactory(title="青岛港", file__width=1600, file__height=900)
    inline = ImageFactory(title="码头", file__width=800, file__height=600)
    body = [("paragraph", "第一段。"), ("image", {"image": inline, "caption": "码头一角", "credit": ""})]
    with_lead = ArticlePageFactory(parent=section, title="有题图", lead_image=lead, body=body)
    body_only = ArticlePageFactory(parent=section, title="只有正文图", body=body)
    neither = ArticlePageFactory(parent=section, title="没有图")

    shared = {}
    for article in (with_lead, body_only, neither):
        page = _page(client, article)
        url = _meta(page, property="og:image")
        size = (int(_meta(page, property="og:image:width")), int(_meta(page, property="og:image:height")))
        shared[article.title] = (_path(url), size)
        # The picture is there, at the size the tags give.
        if "/share/" in url:
            picture = _png(client.get(_path(url)))
        else:
            picture = Image.open(media / _path(url).removeprefix("/media/"))
        assert picture.size == size, article.title

    assert shared["有题图"] == (lead.get_rendition("width-1200").url, (1200, 675))
    assert shared["只有正文图"] == (inline.get_rendition("width-1200").url, (800, 600))
    assert shared["没有图"][0].startswith(f"/share/{neither.pk}.png?v=")


def test_a_changed_headline_gets_a_new_card_and_the_old_one_is_removed(
    client, section, media, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=section, title="第一个标题")
    first_url = _path(_meta(_page(client, article), property="og:image"))
    first_card = client.get(first_url).content
    assert client.get(first_url).content == first_card
    stored = list((media / CARD_FOLDER / str(article.pk)).iterdir())
    assert len(stored) == 1

    article.title = "改过的新标题"
    with django_capture_on_commit_callbacks(execute=True):  # the publish purges the reader cache
        article.save_revision().publish()
    second_url = _path(_meta(_page(client, article), property="og:image"))
    assert second_url != first_url
    second_card = client.get(second_url).content
    assert second_card != first_card
    assert [path.name for path in (media / CARD_FOLDER / str(article.pk)).iterdir()] != [p.name for p in stored]
    assert len(list((media / CARD_FOLDER / str(article.pk)).iterdir())) == 1


def test_a_card_is_only_drawn_for_an_article_readers_may_see(client, section):
    draft = ArticlePageFactory(parent=section, title="还没发布的稿件", live=False)
    assert client.get(f"/share/{draft.pk}.png").status_code == 404
    assert client.get(f"/share/{section.pk}.png").status_code == 404


def test_the_promote_tab_previews_the_share_card_to_those_who_may_edit(admin_client, client, section):
    article = ArticlePageFactory(parent=section, title=HEADLINE, summary="胶东五市携手推进一体化。")
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    preview = BeautifulSoup(html, "html.parser").select_one("[data-share-preview]")
    assert preview is not None
    assert HEADLINE in preview.select_one("[data-share-title]").text
    assert "胶东五市携手推进一体化。" in preview.select_one("[data-share-description]").text
    image = preview.select_one("[data-share-image]")
    assert image["data-share-image"] == "card"
    assert image["src"].startswith(f"/admin/share-card/{article.pk}.png?v=")
    assert _png(admin_client.get(image["src"])).size == (1200, 630)
    # Not for readers: the admin's card shows versions that may not be public yet.
    assert client.get(image["src"]).status_code == 302


def test_without_a_cjk_font_no_card_is_advertised_and_the_deploy_check_says_so(client, section, monkeypatch):
    # A machine with neither Debian's font nor Noto's.
    monkeypatch.setattr(share_cards, "SYSTEM_FONTS", ("/nonexistent/font.ttc",))
    article = ArticlePageFactory(parent=section, title=HEADLINE)
    page = _page(client, article)
    assert page.find("meta", property="og:image") is None
    assert _meta(page, name="twitter:card") == "summary"
    assert client.get(f"/share/{article.pk}.png").status_code == 404
    warnings = [message for message in check_card_font() if message.id == "newsroom.W020"]
    assert warnings and "没有中文字体" in warnings[0].msg
