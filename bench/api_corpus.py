"""A synthetic channel for the API benchmarks: N published articles with bylines, bulk-written in seconds.

Pages are written the way the tree stores them (treebeard paths, the page row, then the
article row) in a few bulk statements (newsroom.importer.tree, shared with the importer),
instead of one Wagtail publish per page: 10,000 articles take seconds, not the better part
of an hour. Nothing here is used outside bench/.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from wagtail.models import Page

from bench.synthetic_edition import SURNAMES as ALL_SURNAMES
from bench.synthetic_edition import reporter_name
from newsroom.importer.tree import bulk_add_children as add_children_in_bulk
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

# The corpus has always drawn its reporters from the first 49 surnames: the same names for a seed as before.
SURNAMES = ALL_SURNAMES[:49]
SECTIONS = [
    ("yaowen", "要闻"),
    ("jingji", "经济"),
    ("shehui", "社会"),
    ("wenlv", "文旅"),
    ("xiangcun", "乡村振兴"),
    ("keji", "科技"),
    ("jiaoyu", "教育"),
    ("tiyu", "体育"),
    ("jiankang", "健康"),
    ("pinglun", "评论"),
]
ROLES = ["记者", "本报记者", "通讯员", "实习生"]
NEWEST = datetime(2020, 11, 30, 6, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def bulk_add_children(parent: Page, children: list[Page]) -> None:
    """Append `children` (unsaved pages of one model) under `parent`, live since their first publication."""
    for child in children:
        child.live = True
        child.last_published_at = child.first_published_at
    add_children_in_bulk(parent, children)


@transaction.atomic
def build_corpus(articles: int, *, reporters: int = 200, seed: int = 20201130) -> None:
    """`articles` live articles over ten sections, one minute apart, each with one to three bylines;
    every tenth with a kicker, a photo caption and a photo credit."""
    rng = random.Random(seed)
    home = ChannelHomePage.objects.get()
    sections = [SectionPage(title=title, slug=slug, first_published_at=NEWEST) for slug, title in SECTIONS]
    bulk_add_children(home, sections)
    names = sorted({reporter_name(rng, SURNAMES) for _ in range(reporters * 3)})[:reporters]
    people = [
        ReporterPage(
            title=name,
            slug=f"reporter-{i}",
            first_published_at=NEWEST,
            kind=ReporterKind.CORRESPONDENT if i % 5 == 0 else ReporterKind.STAFF,
        )
        for i, name in enumerate(names)
    ]
    bulk_add_children(ReporterIndexPage.objects.get(), people)

    by_section: dict[int, list[ArticlePage]] = {s.pk: [] for s in sections}
    for n in range(articles):
        section = sections[n % len(sections)]
        by_section[section.pk].append(
            ArticlePage(
                title=f"青岛新闻第{n}号:胶东经济圈一体化发展全面起势",
                slug=f"article-{n}",
                first_published_at=NEWEST - timedelta(minutes=n),
                kicker="打造中国经济新的增长极——" if n % 10 == 0 else "",
                summary="胶东五市一体化发展。",
                dateline_text=f"本报青岛讯 {11 - n % 11}月{1 + n % 28}日",
                dateline_source="本报",
                dateline_place="青岛",
                body=[("paragraph", "本报青岛讯 这是一段正文。")],
                lead_image_caption="图为青岛港。" if n % 10 == 0 else "",
                edition_date=(NEWEST - timedelta(minutes=n)).date(),
            )
        )
    for section in sections:
        bulk_add_children(section, by_section[section.pk])

    bylines, credits = [], []
    for pages in by_section.values():
        for article in pages:
            for order, person in enumerate(rng.sample(people, rng.choice((1, 1, 2, 3)))):
                bylines.append(
                    ArticleByline(page_id=article.pk, reporter_id=person.pk, role=rng.choice(ROLES), sort_order=order)
                )
            if article.lead_image_caption:
                credits.append(ArticlePhotoCredit(page_id=article.pk, reporter_id=rng.choice(people).pk, role="摄影"))
    ArticleByline.objects.bulk_create(bylines, batch_size=5000)
    ArticlePhotoCredit.objects.bulk_create(credits, batch_size=5000)


def analyze() -> None:
    """Fresh planner statistics, as autovacuum would gather after a bulk load (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
