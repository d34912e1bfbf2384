"""Per-client rate limits on expensive reads (search, in the app API and on the site): django-ratelimit's
counters, as ninja throttles (the site's search view asks the same throttle).

- **Counted atomically** in a shared cache (`RATELIMIT_USE_CACHE`, Redis in production): a fixed
  window per client, `cache.add` then `cache.incr`, so concurrent requests cannot slip through
  between a read and a write (ninja's own throttles read a list and write it back).
- **Only rendered answers count.** The reader cache answers a cached search before any view runs,
  so repeating a popular query costs nothing and is not counted; a new query is rendered, counted,
  and refused past the limit.
- **The client** is `newsroom.client_address.client_address` (proxy headers only when trusted),
  IPv6 clients by their /64 (django-ratelimit's mask).
- **Never down with the cache**: a cache that fails lets every request through (logged), and the
  process leaves it alone for a few seconds rather than wait on it for each search.
"""

import logging
import threading
import time

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage
from ninja.throttling import BaseThrottle

from newsroom.client_address import client_address

logger = logging.getLogger(__name__)

# After a cache error the limits are not checked for this long (the reader cache waits as long).
RETRY_SECONDS = 5


class ClientRateThrottle(BaseThrottle):
    """At most the rate in the setting `rate_setting` (django-ratelimit's "30/m") of rendered answers per client."""

    def __init__(self, group: str, rate_setting: str) -> None:
        self.group = group
        self.rate_setting = rate_setting
        self._down_until = 0.0
        # One throttle serves every thread of a worker: each request's wait is its own.
        self._local = threading.local()

    def _rate(self, group: str, request: HttpRequest) -> str | None:
        # Read on each request, so a changed setting needs no restart of the throttle.
        return getattr(settings, self.rate_setting, None)

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = None
        if time.monotonic() < self._down_until or client_address(request) is None:
            return True
        try:
            usage = get_usage(request, group=self.group, key="ip", rate=self._rate, increment=True)
        except Exception:
            logger.warning(
                "rate limit cache unavailable: %s not limited for %d s", self.group, RETRY_SECONDS, exc_info=True
            )
            self._down_until = time.monotonic() + RETRY_SECONDS
            return True
        if usage is None or not usage["should_limit"]:
            return True
        # Seconds until this client's window ends; at least 1, so the header never says "now".
        self._local.wait = max(1, usage["time_left"])
        return False

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


search_throttle = ClientRateThrottle("api.search", "NEWSROOM_SEARCH_RATE_LIMIT")
