"""The word check through the admin's own views: the 字词检查 panel, and 禁用/慎用 on every publishing path."""

import pytest
from django.contrib.messages import get_messages
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import streamfield

from newsroom.models import ArticlePage, WordListEntry
from newsroom.review_actions import REVIEW_STEP_FIELD
from newsroom.wordcheck.rules import CONFIRM_FIELD, OVERRIDE_FIELD, OVERRIDE_LOG_ACTION
from tests.factories import ArticlePageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db

BANNED_TEXT = "本报青岛讯 市里为聋子学校新建了教学楼。"


def paragraphs(*texts: str) -> list:
    """A body of 段落 as the editor's form posts it."""
    return streamfield([("paragraph", text) for text in texts])


def _messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def _edit(client, article: ArticlePage, **changes):
    return client.post(f"/admin/pages/{article.pk}/edit/", article_form(article, **changes))


def _publish(client, article: ArticlePage, **changes):
    return _edit(client, article, **{"action-publish": "1", **changes})


def _live(article: ArticlePage) -> bool:
    article.refresh_from_db()
    return article.live


@pytest.fixture
def draft(own_section) -> ArticlePage:
    """A never-published article in the editor's section."""
    article = ArticlePageFactory(parent=own_section, title="胶东五市携手推进一体化", live=False)
    article.save_revision()
    return article


def test_saving_shows_every_hit_in_the_word_check_panel_with_its_replacement(login, editor, draft, word_list):
    response = _edit(
        login(editor),
        draft,
        kicker="既使下雨——",
        title="首次在青岛举办",
        body=paragraphs("第一段没有问题。", BANNED_TEXT),
        lead_image_caption="既使在夜里，工地也灯火通明。",
    )
    assert "字词检查发现 4 处" in _messages(response)
    html = login(editor).get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    panel = html[html.index("data-word-check") :]
    for place in ("引题", "主题", "正文第2块（段落）", "题图说明"):
        assert place in panel
    assert "【既使】下雨——" in panel and "建议改为「<strong>即使</strong>」" in panel
    assert "【聋子】" in panel and "聋人" in panel
    assert f'name="{CONFIRM_FIELD}" value="首次"' in panel
    # The 编辑 cannot let a 禁用 term through: no reason field for them.
    assert OVERRIDE_FIELD not in panel


def test_a_banned_word_blocks_publishing_in_the_editor_and_names_the_word(login, editor, draft, word_list):
    response = _publish(login(editor), draft, body=paragraphs(BANNED_TEXT))
    assert response.status_code == 302
    assert response.url == f"/admin/pages/{draft.pk}/edit/"
    assert "稿件含禁用词「聋子」，不能发布" in _messages(response)
    assert not _live(draft)
    # The edit is kept as a draft.
    assert "聋子" in draft.get_latest_revision_as_object().body_text[0]


def test_a_banned_word_blocks_publishing_a_new_article(login, editor, own_section, word_list):
    response = login(editor).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(body=paragraphs(BANNED_TEXT), **{"action-publish": "1"}),
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    assert response.url == f"/admin/pages/{article.pk}/edit/"
    assert "「聋子」" in _messages(response)
    assert not article.live


def test_a_banned_word_in_traditional_form_blocks_too(login, editor, draft, word_list):
    response = _publish(login(editor), draft, subtitle="——記者走進聾子學校")
    assert "「聋子」" in _messages(response)
    assert not _live(draft)


def test_a_caution_word_is_published_only_once_confirmed(login, editor, draft, word_list):
    response = _publish(login(editor), draft, title="青岛首次举办国际帆船赛")
    assert "慎用词「首次」" in _messages(response)
    assert not _live(draft)

    _publish(login(editor), draft, title="青岛首次举办国际帆船赛", **{CONFIRM_FIELD: "首次"})
    assert _live(draft)


def test_a_misspelling_never_blocks_publishing(login, editor, draft, word_list):
    _publish(login(editor), draft, title="既使下雨也开工")
    assert _live(draft)


def test_the_chief_publishes_past_a_banned_word_with_a_reason_that_the_history_shows(login, chief, draft, word_list):
    reason = "引用法院判决书原文，不作改动"
    _publish(login(chief), draft, body=paragraphs(BANNED_TEXT), **{OVERRIDE_FIELD: reason})
    assert _live(draft)
    entry = PageLogEntry.objects.get(page=draft, action=OVERRIDE_LOG_ACTION)
    assert (entry.user, entry.data["terms"], entry.data["reason"]) == (chief, ["聋子"], reason)
    history = login(chief).get(f"/admin/pages/{draft.pk}/history/").content.decode()
    assert "发布时放行禁用词「聋子」" in history and reason in history


def test_the_chief_without_a_reason_is_refused_and_offered_the_reason_field(login, chief, draft, word_list):
    response = _publish(login(chief), draft, body=paragraphs(BANNED_TEXT), **{OVERRIDE_FIELD: "  "})
    assert "填写放行理由" in _messages(response)
    assert not _live(draft)
    assert not PageLogEntry.objects.filter(action=OVERRIDE_LOG_ACTION).exists()
    html = login(chief).get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert f'name="{OVERRIDE_FIELD}"' in html


def test_an_editor_giving_a_reason_does_not_get_past_a_banned_word(login, editor, draft, word_list):
    response = _publish(login(editor), draft, body=paragraphs(BANNED_TEXT), **{OVERRIDE_FIELD: "我觉得可以"})
    assert "请主编审核放行" in _messages(response)
    assert not _live(draft)
    assert not PageLogEntry.objects.filter(action=OVERRIDE_LOG_ACTION).exists()


def _bulk_publish(client, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"/admin/bulk/wagtailcore/page/publish/?{ids}&next=/admin/articles/")


def test_the_bulk_publish_action_refuses_a_page_with_a_banned_word_and_publishes_nothing(
    login, editor, draft, own_section, word_list
):
    clean = ArticlePageFactory(parent=own_section, title="干净的稿件", live=False)
    clean.save_revision()
    draft.body = [("paragraph", BANNED_TEXT)]
    draft.save_revision()
    response = _bulk_publish(login(editor), draft, clean)
    assert response.url == "/admin/articles/"
    message = _messages(response)
    assert "没有发布任何页面" in message and "《胶东五市携手推进一体化》" in message and "「聋子」" in message
    assert not _live(draft) and not _live(clean)

    # Without it, the clean page goes out.
    _bulk_publish(login(editor), clean)
    assert _live(clean)


def test_the_bulk_publish_action_sends_caution_words_to_the_editor_to_confirm(login, editor, draft, word_list):
    draft.title = "首次举办"
    draft.save_revision()
    response = _bulk_publish(login(editor), draft)
    assert "慎用词「首次」" in _messages(response)
    assert not _live(draft)


def test_an_edit_to_the_word_list_counts_at_the_next_check(login, editor, draft, word_list):
    _publish(login(editor), draft, title="青岛港吞吐量创新高")
    assert _live(draft)
    WordListEntry.objects.create(term="吞吐量", kind="banned")
    response = _publish(login(editor), draft, title="青岛港吞吐量创新高")
    assert "「吞吐量」" in _messages(response)
    WordListEntry.objects.filter(term="吞吐量").delete()
    _publish(login(editor), draft, title="青岛港吞吐量再创新高")
    assert ArticlePage.objects.get(pk=draft.pk).title == "青岛港吞吐量再创新高"


# Review: 编辑初审 → 主编终审; approving is refused by the same rule.


@pytest.fixture
def submitted(login, reporter, own_section, word_list) -> ArticlePage:
    """A reporter's article with a 禁用 term, submitted for review."""
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(body=paragraphs(BANNED_TEXT), **{"action-submit": "1"}),
    )
    return ArticlePage.objects.get(slug="jiaodong")


def _step(article: ArticlePage) -> str:
    article.refresh_from_db()
    return article.current_workflow_task.name if article.current_workflow_task else ""


def _approve_in_editor(client, article: ArticlePage, **changes):
    article.refresh_from_db()
    data = {
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": '{"comment": ""}',
        REVIEW_STEP_FIELD: str(article.current_workflow_task_state.pk),
        "body": paragraphs(BANNED_TEXT),
        **changes,
    }
    return client.post(f"/admin/pages/{article.pk}/edit/", article_form(article, **data))


def _approve_at_address(client, article: ArticlePage):
    step = article.current_workflow_task_state
    return client.post(f"/admin/pages/workflow/action/{article.pk}/approve/{step.pk}/", {"comment": ""})


def test_a_banned_word_blocks_approval_at_the_action_address(login, editor, submitted):
    response = _approve_at_address(login(editor), submitted)
    assert "稿件含禁用词「聋子」，不能批准" in _messages(response)
    assert _step(submitted) == "编辑初审"


def test_a_banned_word_blocks_approval_in_the_editor_and_keeps_the_edit(login, editor, submitted):
    response = _approve_in_editor(login(editor), submitted, title="改过的标题")
    assert "不能批准" in _messages(response)
    assert _step(submitted) == "编辑初审"
    assert submitted.get_latest_revision_as_object().title == "改过的标题"


def test_approval_goes_on_once_the_word_is_fixed(login, editor, submitted):
    _approve_in_editor(login(editor), submitted, body=paragraphs("本报青岛讯 市里为聋人学校新建了教学楼。"))
    assert _step(submitted) == "主编终审"


def test_the_chief_approves_past_a_banned_word_with_a_reason_and_the_final_approval_publishes(login, chief, submitted):
    # Only in the editor, where the 字词检查 panel takes the reason; the dashboard's button is refused.
    _approve_at_address(login(chief), submitted)
    assert _step(submitted) == "编辑初审"
    _approve_in_editor(login(chief), submitted, **{OVERRIDE_FIELD: "人物原话，保留"})
    assert _step(submitted) == "主编终审"
    _approve_in_editor(login(chief), submitted, **{OVERRIDE_FIELD: "人物原话，保留"})
    assert _live(submitted)
    entries = PageLogEntry.objects.filter(page=submitted, action=OVERRIDE_LOG_ACTION).order_by("pk")
    assert [(entry.data["action"], entry.data["reason"]) for entry in entries] == [("批准", "人物原话，保留")] * 2


def test_a_caution_word_needs_confirmation_before_approval(login, editor, reporter, own_section, word_list):
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(title="首次举办", **{"action-submit": "1"}),
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    response = _approve_at_address(login(editor), article)
    assert "慎用词「首次」" in _messages(response)
    _approve_in_editor(login(editor), article, title="首次举办", body=paragraphs("正文。"))
    assert _step(article) == "编辑初审"
    _approve_in_editor(login(editor), article, title="首次举办", body=paragraphs("正文。"), **{CONFIRM_FIELD: "首次"})
    assert _step(article) == "主编终审"


def test_editors_keep_the_word_list_and_reporters_do_not(login, editor, reporter, word_list):
    client = login(editor)
    found = client.get("/admin/snippets/newsroom/wordlistentry/", {"q": "既使"}).content.decode()
    assert "既使" in found and "首次" not in found
    response = client.post(
        "/admin/snippets/newsroom/wordlistentry/add/", {"term": "按装", "kind": "typo", "replacement": "", "note": ""}
    )
    assert "错别字请填写正确的写法" in response.content.decode()
    client.post(
        "/admin/snippets/newsroom/wordlistentry/add/",
        {"term": "按装", "kind": "typo", "replacement": "安装", "note": ""},
    )
    assert WordListEntry.objects.get(term="按装").replacement == "安装"
    # Only the chief removes an entry.
    entry = WordListEntry.objects.get(term="聋子")
    client.post(f"/admin/snippets/newsroom/wordlistentry/delete/{entry.pk}/")
    assert WordListEntry.objects.filter(pk=entry.pk).exists()
    assert login(reporter).get("/admin/snippets/newsroom/wordlistentry/").status_code == 302
