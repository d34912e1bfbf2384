"""Do once, at startup, what a server process's first request would otherwise do on its own.

gunicorn loads the application in its master process (`preload_app`, deploy/gunicorn.conf.py) and
forks the workers from it, so what is imported, compiled or loaded here is in every worker from its
first request on, and in every worker started later (`max_requests`). Only the WSGI entry point
(cms/wsgi.py) calls `warm_up()`: management commands and tests are not slowed by it.

Nothing here opens a database or cache connection: a connection made before the fork would be
shared by every worker, one socket answering several processes' queries.
"""

import codecs
import logging
import time
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import formats, translation
from django.utils.module_loading import import_string

logger = logging.getLogger("cms.warmup")

# Addresses of every kind readers, the app and editors ask for: resolving them imports each part
# of the URLconf (Wagtail's admin, the API, the site's own views) and builds its patterns.
ADDRESSES = ("/", "/yaowen/", "/api/v1/articles", "/search/", "/feed/", "/sitemap.xml", "/admin/", "/health/")
# The project's own templates (reader pages, includes, blocks, error pages).
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "newsroom" / "templates"


def warm_up() -> float:
    """Import and compile what every request needs; returns the seconds it took."""
    started = time.monotonic()
    resolver = get_resolver()
    for address in ADDRESSES:
        resolver.resolve(address)
    # reverse() and the error pages' views are built apart from resolve().
    resolver.reverse_dict  # noqa: B018
    for status in (400, 403, 404, 500):
        resolver.resolve_error_handler(status)

    # Compiled once by Django's cached template loader; with their tag libraries imported.
    for template in sorted(TEMPLATE_DIR.rglob("*.*")):
        get_template(template.relative_to(TEMPLATE_DIR).as_posix())
    for engine in engines.all():
        engine.engine.template_context_processors  # noqa: B018

    # Chinese translation catalogues (Django's, Wagtail's, ours) and date formats.
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Home")
        formats.get_format("DATE_FORMAT")

    # Modules Django imports on first use: sessions, messages, cache backends, the search backend.
    import_module(settings.SESSION_ENGINE)
    import_string(settings.SESSION_SERIALIZER)
    import_string(settings.MESSAGE_STORAGE)
    for cache in settings.CACHES.values():
        backend = import_string(cache["BACKEND"])
        if issubclass(backend, RedisCache):
            # Django's Redis cache imports its client library only when first used.
            import_module("redis")
    from wagtail.search.backends import get_search_backend

    get_search_backend()
    # JSON answers with non-ASCII text escape through this codec.
    codecs.lookup("unicode_escape")

    # The segmenter's dictionary is loaded when it is imported; a first cut sets up the rest. The
    # ranking is imported late by the articles' selectors (it imports them back).
    import newsroom.search.query  # noqa: F401
    from newsroom.search.segmenter import index_text, query_words

    query_words("青岛西海岸新区")
    index_text("青岛西海岸新区")

    # Nothing above should have connected; if a hook did, no worker may inherit the socket.
    connections.close_all()
    seconds = time.monotonic() - started
    logger.info("warm-up done in %.2f s", seconds)
    return seconds
