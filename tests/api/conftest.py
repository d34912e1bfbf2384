"""A small newsroom published the way editors and the importer publish (revisions), and a JSON client."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import Client
from django.utils.text import slugify
from wagtail.models import Page

from newsroom.models import (
    ArticleByline,
    ArticlePage,
    ArticlePhotoCredit,
    ChannelHomePage,
    ReporterIndexPage,
    ReporterKind,
    ReporterPage,
    SectionPage,
)

BEIJING = ZoneInfo("Asia/Shanghai")
EDITION = datetime(2020, 11, 30, 6, 0, tzinfo=BEIJING)
_serial = itertools.count(1)

Byline = tuple[str, ReporterPage]


def publish(page):
    """Publish the page's current state as a revision, as the admin and the importer do."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_section(title: str, slug: str, *, live: bool = True, parent=None) -> SectionPage:
    section = SectionPage(title=title, slug=slug, live=live)
    (parent or ChannelHomePage.objects.get()).add_child(instance=section)
    return publish(section) if live else section


def add_reporter(name: str, kind: str = ReporterKind.STAFF, *, live: bool = True) -> ReporterPage:
    reporter = ReporterPage(title=name, slug=slugify(name, allow_unicode=True), kind=kind, live=live)
    ReporterIndexPage.objects.get().add_child(instance=reporter)
    return publish(reporter) if live else reporter


def add_article(
    section,
    title: str,
    *,
    published_at: datetime | None = None,
    bylines: Sequence[Byline] = (),
    photo_credits: Sequence[Byline] = (),
    live: bool = True,
    **fields: Any,
) -> ArticlePage:
    """An article in `section`, published through a revision unless `live=False` (a draft)."""
    article = ArticlePage(
        title=title,
        slug=f"article-{next(_serial)}",
        live=live,
        first_published_at=published_at if live else None,
        **fields,
    )
    article.bylines = [ArticleByline(role=role, reporter=r, sort_order=i) for i, (role, r) in enumerate(bylines)]
    article.photo_credits = [
        ArticlePhotoCredit(role=role, reporter=r, sort_order=i) for i, (role, r) in enumerate(photo_credits)
    ]
    section.add_child(instance=article)
    if live:
        return publish(article)
    article.save_revision()
    return article


@dataclass
class Desk:
    """The newsroom the API tests read: two sections, four kinds of people, eight articles."""

    yaowen: SectionPage
    jingji: SectionPage
    xiao: ReporterPage
    ji: ReporterPage
    intern: ReporterPage
    photographer: ReporterPage
    articles: list[ArticlePage] = field(default_factory=list)

    def newest_first(self) -> list[ArticlePage]:
        return sorted(self.articles, key=lambda a: (a.first_published_at, a.pk), reverse=True)

    def add(self, section: SectionPage, title: str, minutes_ago: int, **kwargs: Any) -> ArticlePage:
        article = add_article(section, title, published_at=EDITION - timedelta(minutes=minutes_ago), **kwargs)
        self.articles.append(article)
        return article

    def fresh(self) -> Desk:
        """The same desk read anew, so that what one test did to its objects never reaches another."""
        pages = Page.objects.specific().in_bulk(
            [self.yaowen.pk, self.jingji.pk, self.xiao.pk, self.ji.pk, self.intern.pk, self.photographer.pk]
        )
        articles = ArticlePage.objects.in_bulk([a.pk for a in self.articles])
        return Desk(
            yaowen=pages[self.yaowen.pk],
            jingji=pages[self.jingji.pk],
            xiao=pages[self.xiao.pk],
            ji=pages[self.ji.pk],
            intern=pages[self.intern.pk],
            photographer=pages[self.photographer.pk],
            articles=[articles[a.pk] for a in self.articles],
        )


def build_desk() -> Desk:
    desk = Desk(
        yaowen=add_section("要闻", "yaowen"),
        jingji=add_section("经济", "jingji"),
        xiao=add_reporter("肖芳"),
        ji=add_reporter("纪粹琳", ReporterKind.CORRESPONDENT),
        intern=add_reporter("王小雨", ReporterKind.INTERN),
        photographer=add_reporter("张摄影", ReporterKind.PHOTOGRAPHER),
    )
    desk.add(
        desk.yaowen,
        "胶东经济圈一体化发展全面起势",
        0,
        kicker="打造中国经济新的增长极——",
        subtitle="——五市协同共进",
        summary="胶东五市一体化发展。",
        bylines=[("本报记者", desk.xiao), ("通讯员", desk.ji)],
        photo_credits=[("摄影", desk.photographer)],
        lead_image_caption="图为青岛港。",
        dateline_text="本报青岛讯 11月24日",
        dateline_source="本报",
        dateline_place="青岛",
        dateline_date=datetime(2020, 11, 24).date(),
        body=[("paragraph", "第一段。"), ("heading", "产业创新协同共进"), ("paragraph", "第二段。")],
        edition_date=EDITION.date(),
        print_page="A01",
    )
    desk.add(desk.yaowen, "22个央地合作项目在青签约 harbour", 1, bylines=[("记者", desk.xiao)])
    desk.add(desk.jingji, "“科创中国”科技服务团服务青岛", 2, bylines=[("记者", desk.xiao), ("实习生", desk.intern)])
    desk.add(desk.jingji, "青岛港货物吞吐量创新高", 3, bylines=[("记者", desk.ji)])
    for minutes in range(4, 8):
        section = desk.yaowen if minutes % 2 else desk.jingji
        desk.add(section, f"青岛新闻{minutes}", minutes, bylines=[("记者", desk.xiao)])
    return desk


@pytest.fixture(scope="module")
def module_desk(django_db_setup, django_db_blocker):
    """The desk, built once per test module inside a transaction rolled back at the module's end.

    Each test runs in a savepoint inside it (pytest-django's `db`), as Django's setUpTestData does.
    Once built, every later test of the module sees it: a test of an empty channel needs a module
    of its own.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_desk()
        transaction.set_rollback(True)


@pytest.fixture
def desk(module_desk: Desk, db) -> Desk:
    return module_desk.fresh()


@pytest.fixture
def api(client: Client) -> Callable[..., Any]:
    """GET an API path and return the parsed JSON, checking that every answer is JSON."""

    def get(path: str, params: dict[str, Any] | None = None, *, status: int = 200, **headers: Any) -> Any:
        response = client.get(path, params or {}, **headers)
        assert response.status_code == status, response.content.decode()
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return response.json()

    return get
