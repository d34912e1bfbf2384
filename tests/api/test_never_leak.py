"""Only live, public, in-schedule pages of this site ever appear: each hiding case on every endpoint.

Every hidden page carries the word LEAK in its title (and "harbour", so the search finds it
in its index); a response leaks if it names a hidden id or contains that word anywhere.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from newsroom.models import ArticleByline, ArticleCorrection, ArticlePage, ArticleRelatedLink, ReporterKind
from tests.api.conftest import EDITION, Desk, add_article, add_reporter, add_section, publish

pytestmark = pytest.mark.django_db

MARK = "LEAK"


@dataclass
class Hidden:
    """What one case hid: article ids, section slugs, reporter slugs, and headers to send."""

    articles: set[int] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    reporters: set[str] = field(default_factory=set)
    headers: dict[str, str] = field(default_factory=dict)


def _hidden_article(desk: Desk, section=None, **kwargs) -> ArticlePage:
    """An article crediting 肖芳, picked as related by the lead story, newer than everything else."""
    article = add_article(
        section or desk.yaowen,
        f"{MARK} harbour 不该出现的稿件",
        published_at=EDITION + timedelta(hours=1),
        bylines=[("记者", desk.xiao)],
        **kwargs,
    )
    lead = desk.articles[0]
    lead.related_links = [ArticleRelatedLink(related=article, sort_order=0)]
    publish(lead)
    return article


def draft(desk: Desk) -> Hidden:
    return Hidden(articles={_hidden_article(desk, live=False).pk})


def unpublished(desk: Desk) -> Hidden:
    article = _hidden_article(desk)
    article.unpublish()
    return Hidden(articles={article.pk})


def unpublished_changes(desk: Desk) -> Hidden:
    # The page stays live; only its draft says LEAK, in every field an editor may change.
    article = ArticlePage.objects.get(pk=desk.articles[1].pk)
    article.title = f"{MARK} 草稿标题"
    article.kicker = f"{MARK} 草稿引题"
    article.summary = f"{MARK} 草稿摘要"
    article.body = [("paragraph", f"{MARK} 草稿正文")]
    article.bylines = [ArticleByline(role="记者", reporter=desk.intern, sort_order=0)]
    article.corrections = [ArticleCorrection(date=EDITION.date(), text=f"{MARK} 草稿更正")]
    article.save_revision()
    return Hidden()


def private(desk: Desk) -> Hidden:
    article = _hidden_article(desk)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    return Hidden(articles={article.pk})


def password(desk: Desk) -> Hidden:
    article = _hidden_article(desk)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return Hidden(articles={article.pk})


def in_private_section(desk: Desk) -> Hidden:
    section = add_section(f"{MARK} 内部栏目", "leak-private")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    return Hidden(articles={_hidden_article(desk, section).pk}, sections={"leak-private"})


def in_unpublished_section(desk: Desk) -> Hidden:
    section = add_section(f"{MARK} 停用栏目", "leak-unpublished")
    article = _hidden_article(desk, section)
    section.unpublish()
    return Hidden(articles={article.pk}, sections={"leak-unpublished"})


def in_expired_section(desk: Desk) -> Hidden:
    section = add_section(f"{MARK} 过期栏目", "leak-expired")
    article = _hidden_article(desk, section)
    Page.objects.filter(pk=section.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    return Hidden(articles={article.pk}, sections={"leak-expired"})


def go_live_ahead(desk: Desk) -> Hidden:
    article = _hidden_article(desk)
    # A live row whose go-live time is still ahead: it must wait, whatever the row says.
    Page.objects.filter(pk=article.pk).update(go_live_at=timezone.now() + timedelta(days=1))
    return Hidden(articles={article.pk})


def expired(desk: Desk) -> Hidden:
    article = _hidden_article(desk)
    # Expired a minute ago and the scheduler has not run: the row still says live.
    Page.objects.filter(pk=article.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    return Hidden(articles={article.pk})


def other_site(desk: Desk) -> Hidden:
    root = Page.get_first_root_node().add_child(instance=Page(title=f"{MARK} 另一个站点", slug="other"))
    Site.objects.create(hostname="other.example", port=80, root_page=root, site_name=f"{MARK} 站点")
    section = add_section(f"{MARK} 另一个站点的栏目", "leak-other", parent=root)
    article = _hidden_article(desk, section)
    # Even asked through the other site's own host name, the API serves only the channel.
    return Hidden(articles={article.pk}, sections={"leak-other"}, headers={"HTTP_HOST": "other.example"})


def hidden_reporters(desk: Desk) -> Hidden:
    # People whose pages readers may not see: named on the article as printed, never linked.
    draft_person = add_reporter(f"{MARK}草稿记者", live=False)
    private_person = add_reporter(f"{MARK}内部记者")
    PageViewRestriction.objects.create(page=private_person, restriction_type=PageViewRestriction.LOGIN)
    expired_person = add_reporter(f"{MARK}离职记者", ReporterKind.CORRESPONDENT)
    Page.objects.filter(pk=expired_person.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    return Hidden(reporters={draft_person.slug, private_person.slug, expired_person.slug})


CASES: dict[str, Callable[[Desk], Hidden]] = {
    "draft": draft,
    "unpublished": unpublished,
    "unpublished_changes": unpublished_changes,
    "private": private,
    "password": password,
    "in_private_section": in_private_section,
    "in_unpublished_section": in_unpublished_section,
    "in_expired_section": in_expired_section,
    "go_live_ahead": go_live_ahead,
    "expired": expired,
    "other_site": other_site,
    "hidden_reporters": hidden_reporters,
}


def _article_ids(data: object) -> set[int]:
    """Every id of an article object anywhere in a response."""
    found: set[int] = set()
    if isinstance(data, dict):
        if "published_at" in data:
            found.add(data["id"])
        for value in data.values():
            found |= _article_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= _article_ids(value)
    return found


@pytest.fixture
def read(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]

    def get(path: str, hidden: Hidden, status: int = 200) -> object:
        response = client.get(path, **hidden.headers)
        text = response.content.decode()
        assert response.status_code == status, text
        assert MARK not in text
        data = response.json()
        assert not _article_ids(data) & hidden.articles
        return data

    return get


@pytest.fixture(params=CASES)
def hidden(request, desk) -> Hidden:
    return CASES[request.param](desk)


def test_articles_list(read, hidden, desk):
    data = read("/api/v1/articles?limit=100", hidden)
    assert [item["id"] for item in data["items"]] == [a.pk for a in desk.newest_first()]
    assert read("/api/v1/articles?limit=100&q=harbour", hidden)["items"]


def test_articles_detail(read, hidden, desk):
    for article_id in hidden.articles:
        read(f"/api/v1/articles/{article_id}", hidden, status=404)
    lead = read(f"/api/v1/articles/{desk.articles[0].pk}", hidden)
    assert lead["related"], "the lead keeps its other related articles"
    for article in desk.articles:
        read(f"/api/v1/articles/{article.pk}", hidden)


def test_reporters(read, hidden, desk):
    people = read("/api/v1/reporters", hidden)
    assert {person["slug"] for person in people} == {"肖芳", "纪粹琳", "王小雨", "张摄影"}
    xiao = read("/api/v1/reporters/肖芳?limit=100", hidden)
    credited = [a.pk for a in desk.newest_first() if any(b.reporter_id == desk.xiao.pk for b in a.bylines.all())]
    assert [item["id"] for item in xiao["articles"]["items"]] == credited
    assert xiao["article_count"] == len(credited)
    assert next(p for p in people if p["slug"] == "肖芳")["article_count"] == len(credited)
    for slug in hidden.reporters:
        read(f"/api/v1/reporters/{slug}", hidden, status=404)


def test_sections(read, hidden, desk):
    sections = read("/api/v1/sections", hidden)
    assert [(s["slug"], s["article_count"]) for s in sections] == [("yaowen", 4), ("jingji", 4)]
    assert read("/api/v1/sections/yaowen", hidden)["article_count"] == 4
    for slug in hidden.sections:
        read(f"/api/v1/sections/{slug}", hidden, status=404)
        assert read(f"/api/v1/articles?section={slug}", hidden)["items"] == []


def test_search(read, hidden, desk):
    data = read("/api/v1/search?q=harbour", hidden)
    assert [item["id"] for item in data["items"]] == [desk.articles[1].pk]
    # Not even a match on hidden words, a draft's included, may surface a page.
    assert read(f"/api/v1/search?q={MARK}", hidden)["items"] == []


def test_home(read, hidden, desk):
    data = read("/api/v1/home?limit=100", hidden)
    assert data["lead"]["id"] == desk.articles[0].pk
    assert [len(s["articles"]) for s in data["sections"]] == [4, 4]


def test_unpublished_byline_changes_never_show(api, desk):
    unpublished_changes(desk)
    article = api(f"/api/v1/articles/{desk.articles[1].pk}")
    assert article["title"] == "22个央地合作项目在青签约 harbour"
    assert [b["name"] for b in article["bylines"]] == ["肖芳"]
    intern = api("/api/v1/reporters/王小雨")
    assert desk.articles[1].pk not in [item["id"] for item in intern["articles"]["items"]]


def test_a_hidden_reporter_is_named_but_never_linked(api, desk):
    person = add_reporter("不公开的记者")
    add_article(desk.yaowen, "署名不公开记者的稿件", published_at=EDITION, bylines=[("记者", person)])
    PageViewRestriction.objects.create(page=person, restriction_type=PageViewRestriction.LOGIN)
    item = api("/api/v1/articles", {"limit": 1})["items"][0]
    assert item["bylines"] == [{"role": "记者", "name": "不公开的记者", "reporter": None}]


def test_neither_the_tree_root_nor_the_channel_home_is_a_section_or_reporter(api, desk, channel):
    for slug in ("home", "root", "reporters", channel.get_parent().slug):
        api(f"/api/v1/sections/{slug}", status=404)
        api(f"/api/v1/reporters/{slug}", status=404)
    assert "home" not in {s["slug"] for s in api("/api/v1/sections")}
