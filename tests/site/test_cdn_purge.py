"""Publishing purges the CDN: every address showing the page gets an HTTP PURGE, once per transaction."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import transaction
from wagtail.actions.move_page import MovePageAction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import PageViewRestriction

from newsroom.importer.loader import load_edition
from newsroom.importer.parser import parse_edition
from newsroom.importer.sections import load_sections
from newsroom.models import ArticlePage
from newsroom.readers.purge import purge_pending
from tests.factories import ArticleBylineFactory, ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_127d583f3f2c5906.txt"
SECTIONS, DEFAULT = load_sections((ROOT / "seeds" / "sections.toml").read_text(encoding="utf-8"))


class PurgeLog(BaseHTTPRequestHandler):
    received: list[tuple[str, str]]

    def do_PURGE(self) -> None:
        self.server.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def cdn(settings):
    """A CDN's purge endpoint on a free port, recording (Host, path) of each PURGE it is sent."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeLog)
    server.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.received
    server.shutdown()
    server.server_close()


def test_publishing_an_article_purges_every_address_that_shows_it(channel, cdn, django_capture_on_commit_callbacks):
    section = SectionPageFactory(slug="jingji")
    article = ArticlePageFactory(parent=section, live=False)
    byline = ArticleBylineFactory(page=article)
    article.tags.add("胶东")
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    paths = {path for _host, path in cdn}
    assert {host for host, _path in cdn} == {"localhost"}
    reporter = byline.reporter
    assert paths >= {
        article.url,
        "/jingji/",
        "/",
        reporter.url,
        "/feed/",
        "/feed/jingji/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/tags/" + quote("胶东") + "/",
    }
    assert len(cdn) == len(set(cdn)), "an address purged twice"


def test_an_import_purges_once_when_its_transaction_commits(channel, cdn, django_capture_on_commit_callbacks):
    edition = parse_edition(SEED.read_bytes(), SEED.name, sections=SECTIONS, default_section=DEFAULT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        load_edition(edition, sections=SECTIONS)
    assert cdn == [], "purged before the import committed"
    for callback in callbacks:
        callback()
    paths = [path for _host, path in cdn]
    assert len(paths) == len(set(paths)), "an address purged twice"
    assert {article.url for article in ArticlePage.objects.all()} <= set(paths)


def test_a_rolled_back_publish_purges_nothing(channel, cdn, django_capture_on_commit_callbacks):
    article = ArticlePageFactory(live=False)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        article.save_revision().publish()
        raise RuntimeError("the editor's request failed")
    assert cdn == []


def test_without_a_cdn_configured_only_the_reader_cache_is_purged(
    channel, settings, monkeypatch, django_capture_on_commit_callbacks
):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    sent = []
    monkeypatch.setattr(PurgeBatch, "purge", lambda batch, **kwargs: sent.append(batch.urls))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ArticlePageFactory(live=False).save_revision().publish()
    assert purge_pending in callbacks
    assert sent == []


def test_deleting_a_live_article_purges_its_address_and_the_pages_that_listed_it(
    channel, cdn, django_capture_on_commit_callbacks
):
    section = SectionPageFactory(slug="jingji")
    article = ArticlePageFactory(parent=section)
    address = article.url
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert {address, "/jingji/", "/", "/feed/jingji/"} <= {path for _host, path in cdn}


def test_making_a_section_private_purges_every_article_in_it(channel, cdn, django_capture_on_commit_callbacks):
    section = SectionPageFactory(slug="jingji")
    articles = [ArticlePageFactory(parent=section) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    assert {a.url for a in articles} | {"/jingji/"} <= {path for _host, path in cdn}


def test_moving_an_article_purges_its_old_and_new_addresses(channel, cdn, django_capture_on_commit_callbacks):
    jingji, minsheng = SectionPageFactory(slug="jingji"), SectionPageFactory(slug="minsheng")
    article = ArticlePageFactory(parent=jingji)
    old = article.url
    with django_capture_on_commit_callbacks(execute=True):
        MovePageAction(article, minsheng, pos="last-child").execute()
    article.refresh_from_db()
    assert {old, article.url, "/jingji/", "/minsheng/"} <= {path for _host, path in cdn}
    assert old != article.url
