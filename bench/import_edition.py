"""Importer throughput on PostgreSQL: a synthetic 1,000-article edition into an empty database.

    .venv/bin/python bench/import_edition.py [--articles 1000]

Baseline, in the same run: the bare Wagtail cost of creating and publishing the same pages
(add_child + save_revision().publish(), title and body only), rolled back afterwards.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres  # noqa: E402 - after the path is set

BENCH_DB = "bench_import"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = fresh_postgres(BENCH_DB)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from bench.synthetic_edition import synthetic_edition
    from newsroom.importer.loader import load_edition
    from newsroom.importer.parser import parse_edition
    from newsroom.importer.sections import load_sections
    from newsroom.models import ArticlePage, SectionPage
    from newsroom.sections.selectors import channel_home

    call_command("migrate", verbosity=0)
    sections, default = load_sections(Path(settings.NEWSROOM_SECTIONS_FILE).read_text(encoding="utf-8"))
    data = synthetic_edition(args.articles).encode()
    started = time.perf_counter()
    edition = parse_edition(data, "bench-2020-11-30.txt", sections=sections, default_section=default)
    parse_seconds = time.perf_counter() - started
    n = len(edition.articles)

    # Baseline: what Wagtail itself costs to create and publish these pages, then undone.
    started = time.perf_counter()
    with transaction.atomic():
        section = SectionPage(title="基线", slug="baseline")
        channel_home().add_child(instance=section)
        for article in edition.articles:
            page = ArticlePage(title=article.title, body=[(b.type, b.text) for b in article.body])
            section.add_child(instance=page)
            page.save_revision().publish()
        baseline_seconds = time.perf_counter() - started
        transaction.set_rollback(True)

    # Peak memory is the process's own high-water mark: tracing allocations would slow the import itself.
    started = time.perf_counter()
    report = load_edition(edition, sections=sections)
    import_seconds = time.perf_counter() - started
    assert len(report.created) == n, report.summary()

    started = time.perf_counter()
    again = load_edition(edition, sections=sections)
    reimport_seconds = time.perf_counter() - started
    assert len(again.unchanged) == n, again.summary()

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("parse only", n / parse_seconds),
        ("baseline: bare Wagtail create+publish", n / baseline_seconds),
        ("import into empty database", n / import_seconds),
        ("re-import unchanged", n / reimport_seconds),
    ]
    print(f"{n} articles, {len(data) / 1e6:.1f} MB source, PostgreSQL {BENCH_DB}")
    for label, rate in rows:
        print(f"  {label:40s} {rate:10.1f} articles/s")
    print(f"  import vs bare Wagtail baseline: {baseline_seconds / import_seconds:.2f}x")
    print(f"  re-import vs first import:       {import_seconds / reimport_seconds:.2f}x")
    print(f"  peak memory: {rss_mb:.0f} MB process RSS (parse, baseline, import and re-import together)")


if __name__ == "__main__":
    main()
