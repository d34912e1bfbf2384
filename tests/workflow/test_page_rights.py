"""Page rights per role, action and page type (newsroom/page_rights.py), tried through Wagtail's own views.

Each case posts what a browser would post, as 记者, the 编辑 of the page's section, an 编辑 of another
section and the 主编, then reads the database: an allowed action happened, a refused one changed
nothing and was answered with the admin's Chinese refusal. The rule is the "may / may not" list
in docs/operations.md ("Roles").
"""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from newsroom.models import ArticlePage, SectionPage
from newsroom.page_rights import NewsroomPageRights
from tests.factories import ArticlePageFactory, ReporterPageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db

ROLES = ("reporter", "desk_editor", "other_editor", "chief")
EVERYONE = set(ROLES)
DESK = {"desk_editor", "chief"}
CHIEF = {"chief"}

# Who may do what to a live article in the 要闻 section; every other page type is the chief's alone.
MAY_ON_ARTICLE = {
    "edit": EVERYONE,
    "publish": DESK,
    "unpublish": DESK,
    "delete": CHIEF,
    "move": CHIEF,
    "copy": EVERYONE,
    "bulk_delete": CHIEF,
    "bulk_unpublish": DESK,
    "bulk_publish": DESK,
    "lock": DESK,
}
# Moving needs a second parent of the right type, copying a page type that allows a second one.
ACTIONS_ON = {
    "article": tuple(MAY_ON_ARTICLE),
    "section": tuple(a for a in MAY_ON_ARTICLE if a != "move"),
    "home": tuple(a for a in MAY_ON_ARTICLE if a not in ("move", "copy")),
    "reporter_page": tuple(a for a in MAY_ON_ARTICLE if a != "move"),
}


def may(role: str, action: str, page_type: str) -> bool:
    return role in (MAY_ON_ARTICLE[action] if page_type == "article" else CHIEF)


# --- who acts, on what ---


@pytest.fixture
def desk_editor(editor):
    """The 编辑 of 要闻, the section every page under test is in (or is)."""
    return editor


@pytest.fixture
def article(own_section):
    return ArticlePageFactory(parent=own_section, title="要闻稿件", slug="yaowen-gaojian")


@pytest.fixture
def section(own_section, article):
    """要闻, with a live article in it (unpublishing "with its descendants" would take it too)."""
    return own_section


@pytest.fixture
def home(channel, section):
    return channel


@pytest.fixture
def reporter_page(db):
    return ReporterPageFactory(title="肖芳", slug="xiaofang")


# --- the actions, as Wagtail's views receive them ---


def _edit_form(page: Page, **changes) -> dict:
    """The page editor's form for any of the page types under test, with some values changed."""
    page = page.specific
    if isinstance(page, ArticlePage):
        return article_form(page, **changes)
    data = {"title": page.title, "slug": page.slug, "go_live_at": "", "expire_at": "", "comments": inline_formset([])}
    data.update({"intro": page.intro} if hasattr(page, "intro") else {"kind": page.kind, "bio": page.bio})
    data.update(changes)
    return nested_form_data(data)


def _bulk(client: Client, action: str, page: Page, **data):
    return client.post(f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}&next=/admin/", data)


def _live_title(page: Page) -> str:
    return Page.objects.get(pk=page.pk).title


def _do(client: Client, action: str, page: Page, *, other_section: SectionPage):
    """Post the action; return the response and a check that says whether it took effect."""
    pk, slug, parent = page.pk, page.slug, page.get_parent()
    exists = Page.objects.filter(pk=pk).exists
    if action == "edit":
        response = client.post(f"/admin/pages/{pk}/edit/", _edit_form(page, title="改过的标题"))
        return response, lambda: Page.objects.get(pk=pk).specific.get_latest_revision_as_object().title == "改过的标题"
    if action == "publish":
        # A new address too: publishing a section's new slug would move every article's address.
        form = _edit_form(page, title="改过的标题", slug=f"{slug}-x", **{"action-publish": "1"})
        response = client.post(f"/admin/pages/{pk}/edit/", form)
        return response, lambda: Page.objects.filter(pk=pk, title="改过的标题", slug=f"{slug}-x").exists()
    if action == "unpublish":
        response = client.post(f"/admin/pages/{pk}/unpublish/", {"include_descendants": "on"})
        return response, lambda: not Page.objects.get(pk=pk).live
    if action == "delete":
        return client.post(f"/admin/pages/{pk}/delete/"), lambda: not exists()
    if action == "move":
        response = client.post(f"/admin/pages/{pk}/move/{other_section.pk}/confirm/")
        return response, lambda: Page.objects.get(pk=pk).get_parent().pk == other_section.pk
    if action == "copy":
        form = {"new_title": "副本", "new_slug": f"{slug}-copy", "new_parent_page": parent.pk}
        response = client.post(f"/admin/pages/{pk}/copy/", form)
        return response, lambda: Page.objects.filter(slug=f"{slug}-copy").exists()
    if action == "bulk_delete":
        return _bulk(client, "delete", page), lambda: not exists()
    if action == "bulk_unpublish":
        response = _bulk(client, "unpublish", page, include_descendants="on")
        return response, lambda: not Page.objects.get(pk=pk).live
    if action == "bulk_publish":
        return _bulk(client, "publish", page), lambda: _live_title(page) == "草稿里的新标题"
    if action == "lock":
        return client.post(f"/admin/pages/{pk}/lock/"), lambda: Page.objects.get(pk=pk).locked
    raise ValueError(action)


def _tree() -> list[tuple]:
    """Everything an action could have changed, page by page."""
    pages = Page.objects.order_by("path").values_list(
        "pk", "path", "slug", "title", "live", "locked", "latest_revision_id", "live_revision_id"
    )
    return [*pages, Revision.objects.count()]


def _refusal(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


CASES = [(page_type, action, role) for page_type, actions in ACTIONS_ON.items() for action in actions for role in ROLES]


@pytest.mark.parametrize(("page_type", "action", "role"), CASES)
def test_a_role_does_to_a_page_exactly_what_the_rule_allows(page_type, action, role, request, login, other_section):
    user = request.getfixturevalue(role)
    page = request.getfixturevalue(page_type)
    if action == "bulk_publish":
        # Something to publish: a newer revision than the one readers see.
        draft = page.specific
        draft.title = "草稿里的新标题"
        draft.save_revision()
    before = _tree()

    response, happened = _do(login(user), action, page, other_section=other_section)

    allowed = may(role, action, page_type)
    assert happened() is allowed, (role, action, page_type, response.status_code)
    if allowed or (page_type, action) == ("article", "publish"):
        # A writer's "publish" on an article is Wagtail's: it saves a draft for review (test_roles.py).
        return
    assert _tree() == before
    if not action.startswith("bulk_"):
        # Bulk actions list what they leave out on their confirmation page instead.
        assert (response.status_code, response.url) == (302, "/admin/")
        assert "没有权限" in _refusal(response)


# --- drafts: the only pages below the chief that anyone deletes ---


@pytest.mark.parametrize(
    ("whose", "deleters"),
    [
        ("own draft", EVERYONE),
        ("colleague's draft", DESK),
        ("own article taken offline", CHIEF),
    ],
)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["delete", "move"])
def test_below_the_chief_only_never_published_drafts_are_deleted_or_moved(
    action, role, whose, deleters, request, login, own_section, other_section, make_user
):
    user = request.getfixturevalue(role)
    owner = make_user("colleague") if whose == "colleague's draft" else user
    page = ArticlePageFactory(parent=own_section, live=False, owner=owner, first_published_at=None)
    if whose == "own article taken offline":
        page.save_revision().publish()
        page.unpublish()

    _, happened = _do(login(user), action, page, other_section=other_section)

    assert happened() is (role in deleters)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_adds_articles_to_any_section_and_only_the_chief_adds_sections(role, request, login, channel):
    user = request.getfixturevalue(role)
    other = request.getfixturevalue("other_section")
    client = login(user)

    client.post(f"/admin/pages/add/newsroom/articlepage/{other.pk}/", article_form(slug="xin-gao"))
    client.post(
        f"/admin/pages/add/newsroom/sectionpage/{channel.pk}/",
        nested_form_data({"title": "新栏目", "slug": "xin", "intro": "", "comments": inline_formset([])}),
    )

    assert ArticlePage.objects.child_of(other).filter(slug="xin-gao").exists()
    assert SectionPage.objects.filter(slug="xin").exists() is (role == "chief")


def test_every_newsroom_page_type_answers_to_the_newsrooms_rules(chief):
    page_types = [model for model in apps.get_app_config("newsroom").get_models() if issubclass(model, Page)]
    assert len(page_types) == 5
    for model in page_types:
        assert isinstance(model().permissions_for_user(chief), NewsroomPageRights), model


# --- what the admin shows: no button for what it would refuse ---


def _links(html: str, page: Page) -> set[str]:
    """Which of the page's admin actions the HTML links to."""
    actions = ("edit", "delete", "unpublish", "move", "copy", "lock")
    found = {action for action in actions if f"/admin/pages/{page.pk}/{action}/" in html}
    if f"/admin/pages/add/newsroom/articlepage/{page.pk}/" in html or f"/admin/pages/{page.pk}/add_subpage/" in html:
        found.add("add")
    return found


def test_the_explorer_offers_a_section_editor_only_adding_articles_to_their_section(
    login, desk_editor, chief, home, other_section
):
    # With two sections the editor's explorer starts at the channel home, listing both.
    section = SectionPage.objects.get(slug="yaowen")
    editor_sees = _links(login(desk_editor).get(f"/admin/pages/{home.pk}/").content.decode(), section)
    chief_sees = _links(login(chief).get(f"/admin/pages/{home.pk}/").content.decode(), section)
    assert editor_sees == {"add"}
    assert chief_sees >= {"add", "edit", "delete", "unpublish", "copy"}


def test_the_explorer_and_the_desk_offer_the_editor_no_delete_for_a_live_article(
    login, desk_editor, article, own_section, make_user
):
    draft = ArticlePageFactory(parent=own_section, live=False, first_published_at=None, owner=make_user("colleague"))
    client = login(desk_editor)
    for listing in (f"/admin/pages/{own_section.pk}/", "/admin/articles/"):
        html = client.get(listing).content.decode()
        assert "delete" not in _links(html, article), listing
        assert "unpublish" in _links(html, article), listing
        assert "delete" in _links(html, draft), listing


def test_the_article_editor_offers_the_section_editor_unpublish_but_not_delete(login, desk_editor, article):
    html = login(desk_editor).get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert _links(html, article) >= {"unpublish"}
    assert "delete" not in _links(html, article)


@pytest.mark.parametrize(
    ("role", "buttons"), [("reporter", {"delete", "move"}), ("desk_editor", {"publish", "unpublish", "delete", "move"})]
)
def test_bulk_action_buttons_are_those_the_role_can_use(role, buttons, request, login, article):
    client = login(request.getfixturevalue(role))
    for listing in (f"/admin/pages/{article.get_parent().pk}/", "/admin/articles/"):
        html = client.get(listing).content.decode()
        offered = {
            action
            for action in ("publish", "unpublish", "delete", "move")
            if f"/admin/bulk/wagtailcore/page/{action}/" in html
        }
        assert offered == buttons, listing


# --- a held article past its go-live time: readers see it, so the chief can take it down ---


def test_the_chief_takes_down_at_once_a_scheduled_article_readers_see_before_the_scheduler_has_run(
    login, desk_editor, chief, own_section
):
    go_live_at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)
    login(desk_editor).post(
        f"/admin/pages/add/newsroom/articlepage/{own_section.pk}/",
        article_form(go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"}),
    )
    article = ArticlePage.objects.get(slug="jiaodong")
    reader = Client()

    with time_machine.travel(go_live_at + timedelta(minutes=5)):
        assert reader.get(article.url).status_code == 200
        assert article.status_string == "已发布"

        response = login(chief).post(f"/admin/pages/{article.pk}/unpublish/")

        assert response.status_code == 302
        assert "没有权限" not in _refusal(response)
        article.refresh_from_db()
        assert not article.live
        assert reader.get(article.url).status_code == 404
        # The scheduler's late run must not put it back.
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live
