"""The admin finds Chinese words as the site's search does: the article desk, the page explorer and
its search, the page chooser (related articles, internal links) and the reporter chooser (bylines)."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection
from wagtail_factories import ImageFactory

from newsroom.models import ArticlePage, ChannelHomePage, ReporterPage
from tests.factories import ArticleBylineFactory, ArticlePageFactory, ReporterPageFactory
from tests.search.relevance_cases import CASES, SECOND_EDITION, SECOND_EDITION_NAME

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

# Where each admin view answers a query; {home} is the channel's home page in the explorer.
ARTICLE_VIEWS = {
    "article desk": "/admin/articles/?q={q}",
    "page search": "/admin/pages/search/?q={q}",
    "explorer listing": "/admin/pages/{home}/?q={q}",
    "page chooser": "/admin/choose-page/search/?q={q}",
    "related-article chooser": "/admin/choose-page/search/?q={q}&page_type=newsroom.articlepage",
}
# The byline's reporter field: a page chooser limited to reporters, several at once (MultipleChooserPanel).
REPORTER_CHOOSER = "/admin/choose-page/search/?q={q}&page_type=newsroom.reporterpage&multiple=1"

# A listing row's title links to the page's editor; a chooser row carries the page's id.
_LISTED = re.compile(r'data-listing-page-title>.*?href="/admin/pages/(\d+)/edit/"', re.S)
_CHOOSABLE = re.compile(r'class="choose-page"[^>]*data-id="(\d+)"|data-multiple-choice-select name="id" value="(\d+)"')


@pytest.fixture
def two_editions(tmp_path):
    """The seed edition and the relevance suite's second one, imported as `make run` does."""
    second = tmp_path / SECOND_EDITION_NAME
    second.write_text(SECOND_EDITION, encoding="utf-8")
    call_command("import_edition", str(ROOT / "seeds"), str(second))


def _found(client, url: str, query: str) -> list[int]:
    """Ids of the pages a view shows for `query`, in its order."""
    response = client.get(url.format(q=quote(query), home=ChannelHomePage.objects.get().pk))
    assert response.status_code == 200, url
    html = response.content.decode()
    return [int(page_id) for page_id in _LISTED.findall(html)] or [
        int(single or multiple) for single, multiple in _CHOOSABLE.findall(html)
    ]


def _article(title_part: str) -> int:
    return ArticlePage.objects.get(title__contains=title_part).pk


@pytest.mark.parametrize(
    ("view", "role"),
    [
        ("article desk", "chief"),
        ("page search", "chief"),
        ("explorer listing", "chief"),
        ("page chooser", "chief"),
        ("page chooser", "reporter"),
        ("related-article chooser", "chief"),
        ("related-article chooser", "reporter"),
    ],
)
def test_every_relevance_query_finds_its_article_in_the_admin_view(view, role, two_editions, login, request):
    client = login(request.getfixturevalue(role))
    failures = []
    for case in CASES:
        found = _found(client, ARTICLE_VIEWS[view], case.query)
        if _article(case.expected) not in found:
            titles = list(ArticlePage.objects.filter(pk__in=found).values_list("title", flat=True))
            failures.append(f"{case.query!r}: wanted {case.expected!r}, got {titles}")
    assert failures == [], "\n".join(failures)


# The queries of the report: a term, part of it, a byline, a name inside a kicker and in a body,
# a traditional form and full-width letters.
ISSUE_CASES = [
    ("海洋牧场", ["青岛推进海洋牧场"]),
    ("牧场", ["青岛推进海洋牧场"]),
    ("宋孜", ["以模式创新保持引领优势"]),
    ("卡奥斯", ["以模式创新保持引领优势", "胶东经济圈一体化发展全面起势"]),
    ("海洋牧場", ["青岛推进海洋牧场"]),
    ("５Ｇ基站", ["全市新建5G基站"]),
]


@pytest.mark.parametrize("view", ARTICLE_VIEWS)
def test_a_word_inside_a_headline_text_or_byline_is_found(view, two_editions, login, chief):
    client = login(chief)
    for query, titles in ISSUE_CASES:
        found = _found(client, ARTICLE_VIEWS[view], query)
        assert {_article(title) for title in titles} <= set(found), query


def test_the_desk_lists_only_articles_holding_every_word(two_editions, login, chief):
    client = login(chief)
    for query, titles in ISSUE_CASES:
        assert sorted(_found(client, ARTICLE_VIEWS["article desk"], query)) == sorted(map(_article, titles)), query
    # Many articles hold 青岛; two also hold 地铁 (the subway line, and the mountain's bus link).
    assert len(_found(client, ARTICLE_VIEWS["article desk"], "青岛")) > 10
    assert set(_found(client, ARTICLE_VIEWS["article desk"], "青岛 地铁")) == {_article("地铁6号线"), _article("崂山")}
    assert _found(client, ARTICLE_VIEWS["article desk"], "地铁 卡奥斯") == []


@pytest.mark.parametrize("role", ["chief", "reporter"])
def test_the_reporter_chooser_finds_each_credited_person_by_name(role, two_editions, login, request):
    client = login(request.getfixturevalue(role))
    people = [case.query for case in CASES if case.kind == "person"]
    # 紀粹琳 is the traditional form of 纪粹琳, as a name may be typed from a wire copy.
    for query, name in [*zip(people, people, strict=True), ("紀粹琳", "纪粹琳")]:
        assert _found(client, REPORTER_CHOOSER, query) == [ReporterPage.objects.get(title=name).pk], query


def test_the_reporter_chooser_lists_no_articles(two_editions, login, reporter):
    assert _found(login(reporter), REPORTER_CHOOSER, "海洋牧场") == []


@pytest.mark.parametrize("view", [*ARTICLE_VIEWS.values(), REPORTER_CHOOSER])
@pytest.mark.parametrize("query", ["的", ",。", "牧"])
def test_a_query_without_an_indexed_word_finds_nothing(view, query, two_editions, login, chief):
    assert _found(login(chief), view, query) == []


def test_the_page_search_header_counts_pages_not_none(two_editions, login, chief):
    html = login(chief).get("/admin/pages/search/?q=海洋牧场").content.decode()
    header = re.search(r'<th class="title">(.*?)</th>', html, re.S).group(1)
    count = " ".join(re.sub(r"<[^>]+>", " ", header).split()).removeprefix("标题 ")
    assert "None" not in count
    assert "1" in count
    assert "页面" in count


def test_searching_the_desk_reads_bylines_in_a_fixed_number_of_queries(
    login, chief, own_section, django_assert_num_queries
):
    client = login(chief)

    def add_articles(count: int) -> None:
        for _ in range(count):
            article = ArticlePageFactory(parent=own_section, title=f"海洋牧场建设新进展{ArticlePage.objects.count()}")
            ArticleBylineFactory(page=article, reporter=ReporterPageFactory())

    add_articles(3)
    _found(client, ARTICLE_VIEWS["article desk"], "牧场")  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        assert len(_found(client, ARTICLE_VIEWS["article desk"], "牧场")) == 3
    add_articles(9)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(_found(client, ARTICLE_VIEWS["article desk"], "牧场")) == 12


def test_the_image_chooser_still_finds_a_title_by_its_beginning(login, chief):
    # Images index their raw title only, so they keep Wagtail's prefix search.
    ImageFactory(title="崂山观景台游人如织", collection=Collection.get_first_root_node())
    html = login(chief).get("/admin/images/chooser/results/?q=崂山观景").content.decode()
    assert "崂山观景台游人如织" in html
