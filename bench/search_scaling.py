"""Chinese search on PostgreSQL as the archive grows: 1,000 → 10,000 → 100,000 articles.

    .venv/bin/python bench/search_scaling.py [--sizes 1000,10000,100000]

Articles are bulk-written (bench/api_corpus.bulk_add_children) from the seed's own sentences
mixed with people, places and companies drawn from pools, then indexed by Wagtail's backend
(`add_bulk`, the path `update_index` takes) through our segmented search fields. At each size
the same 20 queries run through `article_search_live` (what the site and the API call); the
baseline is the median latency at the smallest size, measured in the same run.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres  # noqa: E402 - after the path is set

BENCH_DB = "bench_search"
NEWEST = datetime(2020, 11, 30, 6, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PLACES = [
    "市南区",
    "市北区",
    "李沧区",
    "崂山区",
    "城阳区",
    "黄岛区",
    "即墨区",
    "胶州",
    "平度",
    "莱西",
    "西海岸新区",
    "宝山镇",
]
COMPANY_HEADS = [
    "海晟",
    "瑞丰",
    "蓝谷",
    "鲁信",
    "港联",
    "汇通",
    "明珠",
    "嘉禾",
    "正阳",
    "华瀚",
    "东方红",
    "海之韵",
    "启航",
    "恒信",
    "金沙滩",
    "北斗",
    "天泰",
    "德源",
    "海纳",
    "星河",
]
COMPANY_TAILS = ["科技有限公司", "海洋生物公司", "智能装备公司", "文旅集团", "物流公司", "食品公司"]
QUERIES = [
    "卡奥斯", "工业互联网", "海洋牧场", "胶东经济圈", "宝山镇", "蓝莓", "丝绸之路", "申遗", "人工智能", "自贸试验区",
    "跨域通办", "中国中车", "轨道交通", "帆船之都", "青岛 企业", "海晟科技有限公司", "启航物流公司",
    "李沧区 蓝谷", "一村一品", "崂山",
]  # fmt: skip


def _sentences() -> list[str]:
    from bench.synthetic_edition import seed_paragraphs

    return [s + "。" for p in seed_paragraphs() for s in re.split(r"。", p) if len(s) > 8]


def _article(n: int, rng: random.Random, sentences: list[str]):
    from newsroom.models import ArticlePage

    place = rng.choice(PLACES)
    company = rng.choice(COMPANY_HEADS) + rng.choice(COMPANY_TAILS)
    body = [f"{place}{company}{rng.choice(sentences)}", *rng.sample(sentences, 5)]
    when = NEWEST - timedelta(minutes=n)
    return ArticlePage(
        title=f"{place}{rng.choice(sentences)[:10]}",
        slug=f"search-{n}",
        first_published_at=when,
        body=[("paragraph", text) for text in body],
        lead_image_caption=rng.choice(sentences)[:30] if n % 10 == 0 else "",
        edition_date=when.date(),
    )


def _grow(sections, start: int, stop: int, rng: random.Random, sentences: list[str]) -> float:
    """Add articles [start, stop) and index them; returns indexing seconds."""
    from django.db import transaction
    from modelsearch.backends import get_search_backend

    from bench.api_corpus import bulk_add_children
    from newsroom.models import ArticlePage

    with transaction.atomic():
        new = [_article(n, rng, sentences) for n in range(start, stop)]
        for i, section in enumerate(sections):
            section.refresh_from_db()
            bulk_add_children(section, new[i :: len(sections)])
    backend = get_search_backend()
    ids = [page.pk for page in new]
    started = time.perf_counter()
    for chunk in range(0, len(ids), 1000):
        pages = ArticlePage.objects.filter(pk__in=ids[chunk : chunk + 1000]).prefetch_related(
            "bylines__reporter", "photo_credits__reporter"
        )
        backend.add_bulk(ArticlePage, list(pages))
    return time.perf_counter() - started


def _latencies() -> tuple[float, float, dict[str, int]]:
    from newsroom.articles.selectors import article_search_live

    per_query, found = [], {}
    for query in QUERIES:
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            results = article_search_live(query)
            runs.append(time.perf_counter() - started)
        found[query] = len(results)
        per_query.append(statistics.median(runs))
    return statistics.median(per_query), max(per_query), found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]

    os.environ["DATABASE_URL"] = fresh_postgres(BENCH_DB)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.api_corpus import bulk_add_children
    from newsroom.models import ChannelHomePage, SectionPage

    call_command("migrate", verbosity=0)
    sections = [SectionPage(title=f"栏目{i}", slug=f"s{i}", first_published_at=NEWEST) for i in range(10)]
    bulk_add_children(ChannelHomePage.objects.get(), sections)
    rng, sentences = random.Random(20201130), _sentences()

    print(f"PostgreSQL {BENCH_DB}; {len(QUERIES)} queries through newsroom.selectors.article_search_live")
    baseline, have = None, 0
    for size in sizes:
        added = size - have
        index_seconds = _grow(sections, have, size, rng, sentences)
        have = size
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        median, worst, found = _latencies()
        baseline = baseline or median
        print(
            f"  {size:>7} articles: median {median * 1000:7.1f} ms, slowest {worst * 1000:7.1f} ms, "
            f"{median / baseline:4.2f}x the {sizes[0]}-article median; "
            f"indexed {added} articles at {added / index_seconds:,.0f} articles/s"
        )
        print("           results per query:", " ".join(f"{q}={n}" for q, n in found.items()))


if __name__ == "__main__":
    main()
