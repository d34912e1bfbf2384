"""The admin's article desk (/admin/articles/) against Wagtail's own page explorer, in one process.

    .venv/bin/python bench/article_desk.py [--articles 600] [--requests 40] [--rounds 3] [--sqlite]

A synthetic edition of N articles (bylines, several sections) is imported into a fresh database;
the chief editor (主编) then asks, through Django's test client, for the desk unfiltered and with
each filter, and for the explorer listing of the biggest section (the baseline: what Wagtail's
own listing of the same articles costs, 50 rows a page like the desk). Figures are requests per
second (median of the rounds) and the ratio to the baseline; queries per request are counted once.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres, requests_per_second  # noqa: E402 - after the path is set

BENCH_DB = "bench_desk"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file instead of PostgreSQL")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-desk-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}" if args.sqlite else fresh_postgres(BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.synthetic_edition import synthetic_edition
    from newsroom.models import ReporterPage, SectionPage
    from newsroom.roles import CHIEF_EDITORS

    call_command("migrate", verbosity=0)
    edition = folder / "bench_2020-11-30.txt"
    edition.write_text(synthetic_edition(args.articles), encoding="utf-8")
    call_command("import_edition", str(edition), verbosity=0, stdout=io.StringIO())

    chief = get_user_model().objects.create_user("bench-chief", password="x")  # noqa: S106
    chief.groups.add(Group.objects.get(name=CHIEF_EDITORS))
    client = Client()
    client.force_login(chief)
    biggest = max(SectionPage.objects.all(), key=lambda section: section.get_children().count())
    reporter = ReporterPage.objects.annotate(n=Count("bylines")).order_by("-n").first()
    paths = {
        "baseline: Wagtail explorer, biggest section": f"/admin/pages/{biggest.pk}/",
        "desk, all articles": "/admin/articles/",
        "desk, one section": f"/admin/articles/?section={biggest.pk}",
        "desk, one reporter": f"/admin/articles/?reporter={reporter.pk}",
        "desk, status 已发布": "/admin/articles/?status=live",
        "desk, edition date range": "/admin/articles/?edition_date_from=2020-11-01&edition_date_to=2020-11-30",
    }
    queries = {}
    for name, path in paths.items():
        client.get(path)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries[name] = len(captured.captured_queries)

    def status_of(path: str) -> int:
        return client.get(path).status_code

    rates = {name: [] for name in paths}
    for _ in range(args.rounds):
        for name, path in paths.items():
            rates[name].append(requests_per_second(status_of, path, args.requests))

    engine = "SQLite" if args.sqlite else "PostgreSQL"
    print(f"{args.articles} articles, {biggest.get_children().count()} in the biggest section; {engine}")
    baseline = statistics.median(rates[next(iter(paths))])
    for name in paths:
        rate = statistics.median(rates[name])
        print(f"{name:46s} {rate:7.1f} req/s  {rate / baseline:5.2f}x baseline  {queries[name]:3d} queries")


if __name__ == "__main__":
    main()
