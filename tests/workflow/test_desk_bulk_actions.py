"""The desk's bulk actions (提交审核, 发布, 取消发布, 添加标签), with the rights of the same action on one page."""

import pytest
from wagtail.models import WorkflowState

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def _bulk(client, action: str, *pages, **data):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"/admin/bulk/wagtailcore/page/{action}/?{ids}&next=/admin/articles/", data)


def _fresh(page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk)


def _draft(section, title: str) -> ArticlePage:
    return ArticlePageFactory(parent=section, title=title, live=False, first_published_at=None)


def _task(page) -> str:
    task = _fresh(page).current_workflow_task
    return task.name if task else ""


def test_the_desk_offers_submit_and_add_tags_with_a_checkbox_per_row(login, reporter, own_section):
    _draft(own_section, "一篇草稿")
    html = login(reporter).get("/admin/articles/").content.decode()
    for action in ("submit", "add_tags"):
        assert f"/admin/bulk/wagtailcore/page/{action}/" in html, action
    assert "data-bulk-action-checkbox" in html
    assert "提交审核" in html and "添加标签" in html


def test_a_reporter_submits_several_drafts_for_review_at_once(login, reporter, own_section, other_section):
    first, second = _draft(own_section, "第一篇"), _draft(other_section, "第二篇")
    response = _bulk(login(reporter), "submit", first, second)
    assert response.status_code == 302
    assert (_task(first), _task(second)) == ("编辑初审", "编辑初审")
    # As from the editor: the review is of a saved version, by the reporter.
    state = _fresh(first).current_workflow_state
    assert state.requested_by == reporter
    assert state.current_task_state.revision is not None


def test_a_story_sent_back_resumes_where_it_stopped_and_one_in_review_is_not_submitted_twice(
    login, reporter, editor, own_section
):
    for title, slug in (("退回的稿", "tuihui"), ("审核中的稿", "shenhe")):
        login(reporter).post(
            f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
            article_form(title=title, slug=slug, **{"action-submit": "1"}),
        )
    sent_back, in_review = ArticlePage.objects.get(slug="tuihui"), ArticlePage.objects.get(slug="shenhe")
    step = sent_back.current_workflow_task_state
    login(editor).post(f"/admin/pages/workflow/action/{sent_back.pk}/reject/{step.pk}/", {"comment": "请补充电头"})
    assert _fresh(sent_back).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    confirm = login(reporter).get(
        f"/admin/bulk/wagtailcore/page/submit/?id={sent_back.pk}&id={in_review.pk}&next=/admin/articles/"
    )
    # The one already in review is listed as one the reporter may not submit.
    assert "不能由您提交审核" in confirm.content.decode()
    _bulk(login(reporter), "submit", sent_back, in_review)
    assert _fresh(sent_back).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert _task(sent_back) == "编辑初审"
    assert WorkflowState.objects.filter(object_id=str(sent_back.pk)).count() == 1  # resumed, not restarted
    assert WorkflowState.objects.filter(object_id=str(in_review.pk)).count() == 1


def test_a_reporter_cannot_bulk_publish(login, reporter, own_section):
    draft = _draft(own_section, "记者的草稿")
    _bulk(login(reporter), "publish", draft)
    assert not _fresh(draft).live


def test_an_editor_bulk_publishes_in_their_section_only(login, editor, other_editor, own_section):
    mine, theirs = _draft(own_section, "要闻草稿"), _draft(own_section, "也是要闻草稿")
    _bulk(login(other_editor), "publish", theirs)
    assert not _fresh(theirs).live
    _bulk(login(editor), "publish", mine)
    assert _fresh(mine).live


def test_an_editor_bulk_unpublishes_in_their_section_only(login, editor, other_editor, own_section):
    article = ArticlePageFactory(parent=own_section, title="已发布的要闻")
    _bulk(login(other_editor), "unpublish", article)
    assert _fresh(article).live
    _bulk(login(editor), "unpublish", article)
    assert not _fresh(article).live


def test_tags_added_in_bulk_go_into_a_new_draft_of_each_article(login, editor, own_section):
    live = ArticlePageFactory(parent=own_section, title="已发布的稿")
    draft = _draft(own_section, "草稿")
    response = _bulk(login(editor), "add_tags", live, draft, tags="海洋经济,胶东经济圈")
    assert response.status_code == 302
    for article in (live, draft):
        latest = _fresh(article).get_latest_revision_as_object()
        assert sorted(tag.name for tag in latest.tags.all()) == ["海洋经济", "胶东经济圈"]
    # Readers see them once the new version is published, as after saving in the editor.
    assert not _fresh(live).tags.exists()
    assert _fresh(live).has_unpublished_changes


def test_add_tags_skips_what_the_user_could_not_save_alone(login, reporter, editor, own_section):
    # In 编辑初审 the reporter's story is locked for them (only the section's editors may change it).
    login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(title="审核中的稿", slug="shenhe", **{"action-submit": "1"}),
    )
    in_review = ArticlePage.objects.get(slug="shenhe")
    free = _draft(own_section, "可以改的草稿")
    confirm = login(reporter).get(
        f"/admin/bulk/wagtailcore/page/add_tags/?id={in_review.pk}&id={free.pk}&id={own_section.pk}&next=/admin/"
    )
    assert "不能由您添加标签" in confirm.content.decode()
    _bulk(login(reporter), "add_tags", in_review, free, own_section, tags="民生")
    assert not _fresh(in_review).get_latest_revision_as_object().tags.exists()
    assert [t.name for t in _fresh(free).get_latest_revision_as_object().tags.all()] == ["民生"]
    # The section's editor, who may change the story in review, may tag it.
    _bulk(login(editor), "add_tags", in_review, tags="民生")
    assert [t.name for t in _fresh(in_review).get_latest_revision_as_object().tags.all()] == ["民生"]


def test_add_tags_asks_for_a_tag(login, editor, own_section):
    article = _draft(own_section, "草稿")
    response = _bulk(login(editor), "add_tags", article, tags=" , ")
    assert response.status_code == 200
    assert "请填写标签" in response.content.decode()
    assert not _fresh(article).get_latest_revision()
