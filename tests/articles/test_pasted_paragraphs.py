"""A story pasted whole into one 段落 is saved as one paragraph block per paragraph."""

import pytest
from wagtail.test.utils.form_data import streamfield

from newsroom.models import ArticlePage
from tests.factories import SectionPageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db

# As the app's API gives a story's text (and as a browser posts a textarea): CRLF, a blank line
# between paragraphs, the first line indented with full-width spaces as in a Word file.
PASTED = (
    "\u3000\u3000本报青岛讯 11月24日,22个央地合作项目进行现场签约。\r\n\r\n"
    "本次活动由青岛市政府主办。\r\n \r\n\r\n"
    "“央地青岛行”是招商引资平台。"
)
PARAGRAPHS = [
    "本报青岛讯 11月24日,22个央地合作项目进行现场签约。",
    "本次活动由青岛市政府主办。",
    "“央地青岛行”是招商引资平台。",
]


def _body(article: ArticlePage) -> list[tuple[str, str]]:
    return [(block.block_type, block.value) for block in article.body]


def test_a_story_pasted_into_one_paragraph_is_saved_as_a_paragraph_each(admin_client):
    section = SectionPageFactory(slug="yaowen")
    form = article_form(
        body=streamfield([("paragraph", PASTED), ("heading", "产业协同"), ("paragraph", "第二部分。")]),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", form)
    assert response.status_code == 302

    article = ArticlePage.objects.get(slug="jiaodong")
    expected = [*(("paragraph", text) for text in PARAGRAPHS), ("heading", "产业协同"), ("paragraph", "第二部分。")]
    assert _body(article) == expected
    assert len({block.id for block in article.body}) == 5  # each its own block, with its own id
    assert _body(article.get_latest_revision().as_object()) == expected

    html = admin_client.get(article.url).content.decode()
    assert "<br>" not in html.split('class="story-body"')[1].split("</div>")[0]
    for text in PARAGRAPHS[1:]:
        assert f"<p>{text}</p>" in html.replace("&ldquo;", "“").replace("&rdquo;", "”")

    body = admin_client.get(f"/api/v1/articles/{article.pk}").json()["body"]
    assert [block["text"] for block in body if block["type"] == "paragraph"] == [*PARAGRAPHS, "第二部分。"]


def test_splitting_keeps_the_pasted_blocks_id_on_its_first_paragraph(admin_client):
    section = SectionPageFactory()
    admin_client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", article_form())
    article = ArticlePage.objects.get(slug="jiaodong")
    first_id = article.body[0].id

    form = article_form(article, body=streamfield([("paragraph", PASTED)]))
    # The id the editor's form posts for the block (the paragraph it pasted into).
    form["body-0-id"] = first_id
    assert admin_client.post(f"/admin/pages/{article.pk}/edit/", form).status_code == 302

    article.refresh_from_db()
    draft = article.get_latest_revision().as_object()
    assert [block.value for block in draft.body] == PARAGRAPHS
    assert draft.body[0].id == first_id


def test_a_single_line_break_stays_inside_its_paragraph(admin_client):
    section = SectionPageFactory()
    poem = "海风吹过栈桥,\r\n浪花拍打礁石。"
    form = article_form(body=streamfield([("paragraph", poem)]))
    admin_client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", form)
    draft = ArticlePage.objects.get(slug="jiaodong").get_latest_revision().as_object()
    assert [block.value for block in draft.body] == [poem]


def test_a_quote_with_blank_lines_is_left_as_typed(admin_client):
    section = SectionPageFactory()
    quote = {"text": "第一句。\r\n\r\n第二句。", "attribution": "市长"}
    form = article_form(body=streamfield([("quote", quote)]))
    admin_client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", form)
    draft = ArticlePage.objects.get(slug="jiaodong").get_latest_revision().as_object()
    assert [block.block_type for block in draft.body] == ["quote"]
    assert draft.body[0].value["text"] == "第一句。\r\n\r\n第二句。"
