"""Article page throughput: from the full-page cache and uncached, against a bare-view floor.

    .venv/bin/python bench/site_article.py [--requests 2000] [--sqlite]

Floor, in the same run: a Django view returning a fixed byte string through the same middleware
stack (the page cache passes it by, as it passes the admin). Each request goes through Django's
WSGI handler in process, so the figures are the application's cost, not a network's.
Targets (issue 7): cached >= 0.5x floor with 0 queries; uncached >= 1/25 of floor.
For scale, also measured: the least Wagtail itself does to show that page (find the site and
its root, the page by its address, check view restrictions, render its title): no reader site.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fresh_postgres, wsgi_environ  # noqa: E402 - after the path is set

BENCH_DB = "bench_site"

# The bench's URLconf: the floor view first, then the project's own URLs.
urlpatterns: list = []


# Apart from common.requests_per_second: times only the handler call, not environ or before_each; checks status after.
def _rate(handler, path: str, n: int, before_each=None, cookie: str = "") -> float:
    """Requests per second over n requests (only the handler call is timed)."""
    statuses = []
    spent = 0.0
    for _ in range(n):
        if before_each:
            before_each()
        environ = wsgi_environ(path, cookie)
        started = time.perf_counter()
        response = handler(environ, lambda status, headers: statuses.append(status))
        b"".join(response)
        response.close()
        spent += time.perf_counter() - started
    if set(statuses) != {"200 OK"}:
        raise SystemExit(f"{path}: {set(statuses)}")
    return n / spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file instead of PostgreSQL")
    args = parser.parse_args()

    if args.sqlite:
        database = Path(tempfile.gettempdir()) / "bench_site.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    else:
        os.environ["DATABASE_URL"] = fresh_postgres(BENCH_DB)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = __name__
    settings.READER_PAGE_CACHE_EXCLUDED_PATHS = (*settings.READER_PAGE_CACHE_EXCLUDED_PATHS, "/bench/")
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpResponse
    from django.template import Context, Template
    from django.test.utils import CaptureQueriesContext
    from django.urls import include, path
    from wagtail.models import Page, Site

    from newsroom.models import ArticlePage
    from newsroom.readers.cache import outline_key, purge_paths

    def floor(request):
        return HttpResponse(b"<!DOCTYPE html><title>floor</title>", content_type="text/html; charset=utf-8")

    minimal = Template("<!DOCTYPE html><title>{{ page.title }}</title><h1>{{ page.title }}</h1>")

    def bare_wagtail(request):
        site = Site.find_for_request(request)
        site.root_page.specific  # noqa: B018 - Wagtail's routing starts from the specific root
        page = Page.objects.get(url_path=bare_url_path).specific
        list(page.get_view_restrictions())
        return HttpResponse(minimal.render(Context({"page": page})))

    urlpatterns.extend(
        [path("bench/floor/", floor), path("bench/bare-wagtail/", bare_wagtail), path("", include("cms.urls"))]
    )

    call_command("migrate", verbosity=0)
    call_command("import_edition", str(ROOT / "seeds"), verbosity=0)
    article = ArticlePage.objects.get(title="以模式创新保持引领优势")
    url = article.url
    bare_url_path = article.url_path
    handler = WSGIHandler()

    # Warm-up: Wagtail's own caches (site root paths, content types) and the page cache.
    for target in ("/bench/floor/", "/bench/bare-wagtail/", url, url):
        _rate(handler, target, 1)

    site_id = Site.objects.get(is_default_site=True).pk

    def purge_the_article():
        # What a publish of the article does to its address; the reader's outline stays kept.
        purge_paths({unquote(url)}, hard=True)

    def purge_the_article_and_the_outline():
        # The first render after a change anywhere: the outline is read again too.
        purge_paths({unquote(url), outline_key(site_id)}, hard=True)

    floor_rates, cached_rates, rendered_rates, first_rates, bare_rates = [], [], [], [], []
    for _ in range(args.rounds):
        floor_rates.append(_rate(handler, "/bench/floor/", args.requests))
        bare_rates.append(_rate(handler, "/bench/bare-wagtail/", max(args.requests // 10, 50)))
        _rate(handler, url, 1)
        with CaptureQueriesContext(connection) as cached_queries:
            cached_rates.append(_rate(handler, url, args.requests))
        renders = max(args.requests // 10, 50)
        rendered_rates.append(_rate(handler, url, renders, before_each=purge_the_article))
        first_rates.append(_rate(handler, url, renders, before_each=purge_the_article_and_the_outline))
    with CaptureQueriesContext(connection) as rendered_queries:
        _rate(handler, url, 1, before_each=purge_the_article)
    with CaptureQueriesContext(connection) as first_queries:
        _rate(handler, url, 1, before_each=purge_the_article_and_the_outline)

    floor_rps = statistics.median(floor_rates)
    cached_rps = statistics.median(cached_rates)
    rendered_rps = statistics.median(rendered_rates)
    first_rps = statistics.median(first_rates)
    bare_rps = statistics.median(bare_rates)
    database = "SQLite" if args.sqlite else "PostgreSQL"
    print(f"article page {url} on {database}, {args.rounds} rounds, median req/s")
    print(f"  floor (bare view, same middleware)  {floor_rps:9.0f} req/s")
    print(
        f"  article from the page cache         {cached_rps:9.0f} req/s  {cached_rps / floor_rps:5.2f}x floor"
        f"  (target >= 0.5x), {len(cached_queries.captured_queries)} queries in {args.requests} requests"
    )
    print(
        f"  article rendered after a publish    {rendered_rps:9.0f} req/s  1/{floor_rps / rendered_rps:.1f} of floor"
        f"  (target >= 1/25), {len(rendered_queries.captured_queries)} queries per request"
    )
    print(
        f"  first page rendered after a publish {first_rps:9.0f} req/s  1/{floor_rps / first_rps:.1f} of floor"
        f"  (also reads the site and its outline: once per publish), {len(first_queries.captured_queries)} queries"
    )
    print(
        f"  for scale: bare Wagtail page        {bare_rps:9.0f} req/s  1/{floor_rps / bare_rps:.1f} of floor"
        f"  (site, root, page by address, view restrictions, title only; rendered = {rendered_rps / bare_rps:.2f}x it)"
    )
    met = {
        "cached": cached_rps >= 0.5 * floor_rps and not cached_queries.captured_queries,
        "rendered": rendered_rps >= floor_rps / 25,
        "first render": first_rps >= floor_rps / 25,
    }
    print("  " + ", ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in met.items()))


if __name__ == "__main__":
    main()
