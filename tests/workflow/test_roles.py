"""What each role may do to articles in and out of their sections, tried through the admin's own views."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow

from newsroom.models import ArticlePage, ChannelHomePage, SectionReviewTask
from newsroom.roles import CHIEF_EDITORS, EDITORS, REPORTERS
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


def _rights(group_name: str, page) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_every_install_has_the_three_roles_and_the_two_step_review_on_the_channel(channel):
    assert set(Group.objects.values_list("name", flat=True)) >= {REPORTERS, EDITORS, CHIEF_EDITORS}
    workflow = Workflow.objects.get(name="稿件审核")
    assert channel.get_workflow() == workflow
    first, final = [task.specific for task in workflow.tasks]
    assert (type(first), first.name) == (SectionReviewTask, "编辑初审")
    assert isinstance(first, GroupApprovalTask)
    assert set(first.groups.values_list("name", flat=True)) == {EDITORS, CHIEF_EDITORS}
    assert (type(final), final.name) == (GroupApprovalTask, "主编终审")
    assert set(final.groups.values_list("name", flat=True)) == {CHIEF_EDITORS}
    assert _rights(CHIEF_EDITORS, channel) == {
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    }
    # Wagtail's starter groups would edit the whole tree around the roles.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_a_new_section_gets_its_own_editors_desk_and_is_open_to_every_writer():
    section = SectionPageFactory(slug="wenlv", title="文旅")
    assert _rights("编辑-wenlv", section) == {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    assert _rights(REPORTERS, section) == {"add_page", "change_page"}
    assert _rights(EDITORS, section) == {"add_page", "change_page"}
    assert not GroupPagePermission.objects.filter(group__name="编辑-wenlv").exclude(page=section).exists()


def test_a_reporter_writes_an_article_and_pressing_publish_only_saves_a_draft(login, reporter, own_section):
    response = login(reporter).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/", article_form(**{"action-publish": "publish"})
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="jiaodong")
    assert not article.live
    assert article.owner == reporter


def test_a_reporter_cannot_publish_a_draft_through_the_editor(login, reporter, own_section):
    draft = ArticlePageFactory(parent=own_section, live=False)
    login(reporter).post(f"/admin/pages/{draft.pk}/edit/", article_form(draft, **{"action-publish": "publish"}))
    draft.refresh_from_db()
    assert not draft.live
    assert draft.has_unpublished_changes


def test_a_reporter_edits_a_published_article_without_changing_what_readers_see(login, reporter, own_section):
    article = ArticlePageFactory(parent=own_section, title="原标题")
    response = login(reporter).post(
        f"/admin/pages/{article.pk}/edit/", article_form(article, title="改过的标题", **{"action-publish": "publish"})
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.live, article.has_unpublished_changes) == ("原标题", True, True)
    assert article.get_latest_revision_as_object().title == "改过的标题"


def test_a_reporter_can_neither_unpublish_nor_delete_a_published_article(login, reporter, own_section):
    article = ArticlePageFactory(parent=own_section)
    client = login(reporter)
    client.post(f"/admin/pages/{article.pk}/unpublish/")
    client.post(f"/admin/pages/{article.pk}/delete/")
    article.refresh_from_db()
    assert article.live
    assert not article.permissions_for_user(reporter).can_delete()


def test_a_reporter_may_throw_away_their_own_unpublished_draft(login, reporter, own_section):
    draft = ArticlePageFactory(parent=own_section, live=False, owner=reporter)
    login(reporter).post(f"/admin/pages/{draft.pk}/delete/")
    assert not ArticlePage.objects.filter(pk=draft.pk).exists()


def test_a_reporter_cannot_create_sections_or_edit_the_channel_home(login, reporter, channel):
    client = login(reporter)
    response = client.post(
        f"/admin/pages/add/newsroom/sectionpage/{channel.pk}/",
        {"title": "新栏目", "slug": "xin", "intro": "", "action-publish": "publish"},
    )
    assert response.status_code in (302, 403)
    assert not ChannelHomePage.objects.get().get_children().filter(slug="xin").exists()
    assert not channel.permissions_for_user(reporter).can_edit()


def test_an_editor_publishes_unpublishes_and_schedules_in_their_own_section(login, editor, own_section):
    client = login(editor)
    client.post(f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/", article_form(**{"action-publish": "1"}))
    article = ArticlePage.objects.get(slug="jiaodong")
    assert article.live

    client.post(f"/admin/pages/{article.pk}/unpublish/")
    article.refresh_from_db()
    assert not article.live

    client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(article, go_live_at="2099-01-01 08:00", **{"action-publish": "1"}),
    )
    article.refresh_from_db()
    assert article.go_live_at.year == 2099
    assert article.status_string == "已定时"


def test_an_editor_writes_in_another_section_but_cannot_publish_there(login, editor, other_section):
    client = login(editor)
    client.post(f"/admin/pages/add/newsroom/articlepage/{other_section.pk}/", article_form(**{"action-publish": "1"}))
    article = ArticlePage.objects.get(slug="jiaodong")
    assert not article.live

    published = ArticlePageFactory(parent=other_section)
    client.post(f"/admin/pages/{published.pk}/unpublish/")
    published.refresh_from_db()
    assert published.live


def test_the_chief_editor_publishes_and_deletes_in_any_section(login, chief, own_section, other_section):
    client = login(chief)
    for section in (own_section, other_section):
        client.post(
            f"/admin/pages/add/newsroom/articlepage/{section.pk}/",
            article_form(slug=f"a-{section.slug}", **{"action-publish": "1"}),
        )
        article = ArticlePage.objects.get(slug=f"a-{section.slug}")
        assert article.live
        client.post(f"/admin/pages/{article.pk}/delete/")
        assert not ArticlePage.objects.filter(pk=article.pk).exists()


def test_only_the_chief_editor_reaches_the_site_settings(login, chief, editor, reporter):
    for user, allowed in ((chief, True), (editor, False), (reporter, False)):
        client = login(user)
        for url in ("/admin/sites/", "/admin/redirects/"):
            response = client.get(url)
            assert (response.status_code == 200) is allowed, (user.username, url, response.status_code)
