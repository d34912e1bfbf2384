"""The reader cache: reader pages and API answers kept per address in one shared cache, purged exactly.

- **Per address.** An answer is kept under its path (the query string picks a variant of it).
  Each path has a token in the cache; its variants are stored under the token. A purge of a
  path gives it a new token, so every variant (`?page=2`, an API cursor) goes at once, and a
  render that read the old rows before the change committed stores under the old token, where
  nobody looks any more.
- **Exactly what changed.** `newsroom.readers.purge` works out the addresses that show a changed
  page (the same set the CDN is sent) and calls `purge_paths` once the transaction commits.
- **Hard and soft purges.** A retraction (unpublish, private, move, delete) is hard: the old
  answer is never served again. A publish is soft: while one process renders the address
  anew, the others keep serving the previous answer for at most `STALE_SECONDS`.
- **Never down with the cache.** Any cache error is logged and the request is served uncached;
  the process then leaves the cache alone for a few seconds. A purge that could not reach the
  cache is retried before this process reads from it again.
- **Signed-in people bypass it**, told by a signed cookie set in the admin, or else by their
  session in the session store; a junk `sessionid` gets the cached page.

Answers are kept by path alone: one channel (one Wagtail site) per deployment, as here.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from importlib import import_module
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, has_vary_header

logger = logging.getLogger(__name__)

# A publish re-renders an address once; the previous answer is served meanwhile, this long at most.
STALE_SECONDS = 10
# After a cache error this process serves uncached for this long before trying the cache again.
RETRY_SECONDS = 5
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 60, "s_maxage": 300, "stale_while_revalidate": 60}
# The signed cookie that says "someone is signed in here": set and cleared by the admin's answers.
SIGNED_IN_COOKIE = "newsroom_signed_in"
SIGNED_IN_SALT = "newsroom.readers.cache.signed-in"


# --- The cache, used so that it can never fail a request. ---

_down_until = 0.0
# Purges that could not reach the cache: (paths, hard), applied before this process reads again.
_unapplied: list[tuple[frozenset[str], bool]] = []
# Threaded workers share the list: one thread replays it at a time, so none is replayed twice or lost.
_unapplied_lock = threading.Lock()


def _cache() -> BaseCache:
    return caches[getattr(settings, "READER_PAGE_CACHE", "default")]


def _call(operation: str, *args: Any, default: Any = None, **kwargs: Any) -> Any:
    """One cache operation, or `default` if the cache is failing (logged; not tried again for a while)."""
    global _down_until
    if time.monotonic() < _down_until or (_unapplied and not _apply_unapplied()):
        return default
    try:
        return getattr(_cache(), operation)(*args, **kwargs)
    except Exception:
        logger.warning("reader cache unavailable (%s): serving uncached", operation, exc_info=True)
        _down_until = time.monotonic() + RETRY_SECONDS
        return default


def _apply_unapplied() -> bool:
    """Apply the purges that failed earlier; False while the cache still fails."""
    global _down_until
    with _unapplied_lock:
        while _unapplied:
            paths, hard = _unapplied[0]
            try:
                _write_purge(paths, hard=hard)
            except Exception:
                logger.warning("reader cache still unavailable: %d purges wait", len(_unapplied), exc_info=True)
                _down_until = time.monotonic() + RETRY_SECONDS
                return False
            _unapplied.pop(0)
    return True


def _digest(text: str) -> str:
    # Hashed: long Chinese paths outgrow the key length some backends allow.
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def _token_key(path: str) -> str:
    return f"reader:token:{_digest(path)}"


def _soft_purged_key(path: str) -> str:
    # When the path was last purged softly: answers stored before then are stale.
    return f"reader:soft:{_digest(path)}"


def _entry_key(path: str, token: str, variant: str) -> str:
    return f"reader:entry:{_digest(path)}:{token}:{_digest(variant)}"


def _new_token() -> str:
    return str(time.time_ns())


def _current(path: str) -> tuple[str, float] | None:
    """The path's token and its last soft purge time (0 if none); None if the cache is failing."""
    keys = [_token_key(path), _soft_purged_key(path)]
    found = _call("get_many", keys)
    if found is None:
        return None
    token = found.get(keys[0])
    if token is None:
        # First use (or the cache lost it): whoever adds first sets it for every process.
        _call("add", keys[0], _new_token(), timeout=None)
        token = _call("get", keys[0])
        if token is None:
            return None
    return token, found.get(keys[1], 0.0)


def _write_purge(paths: Iterable[str], *, hard: bool) -> None:
    cache = _cache()
    if hard:
        cache.set_many({_token_key(path): _new_token() for path in paths}, timeout=None)
    else:
        lifetime = getattr(settings, "READER_PAGE_CACHE_SECONDS", 300)
        cache.set_many({_soft_purged_key(path): time.time() for path in paths}, timeout=lifetime + STALE_SECONDS)


def purge_paths(paths: Iterable[str], *, hard: bool) -> None:
    """Stop serving every stored answer at these paths (any query string); `hard`: not even while re-rendering."""
    paths = frozenset(paths)
    if not paths:
        return
    try:
        _write_purge(paths, hard=hard)
    except Exception:
        logger.error("reader cache purge failed; retried before this process reads the cache", exc_info=True)
        with _unapplied_lock:
            _unapplied.append((paths, hard))


def purge_everything() -> None:
    """Forget every stored answer (a site's host or root changed)."""
    _call("clear")


# --- Values other than answers (the reader's outline), purged the same way. ---


def outline_key(site_id: int) -> str:
    """The path-like name the outline of a site is kept under; every purge includes it."""
    return f"outline:{site_id}"


def remember(name: str, compute: Callable[[], Any], *, until: Callable[[Any], datetime | None]) -> Any:
    """`compute()`, kept under `name` until `name` is purged or the moment `until(value)` names."""
    current = _current(name)
    if current is not None:
        stored = _call("get", _entry_key(name, current[0], ""))
        if stored is not None and stored[0] > current[1] and time.time() < stored[1]:
            return stored[2]
    started = time.time()
    value = compute()
    if current is not None:
        lifetime = getattr(settings, "READER_PAGE_CACHE_SECONDS", 300)
        if (moment := until(value)) is not None:
            lifetime = min(lifetime, int(moment.timestamp() - started))
        if lifetime > 0:
            entry = (started, started + lifetime, value)
            _call("set", _entry_key(name, current[0], ""), entry, timeout=lifetime)
    return value


# --- Which query strings are kept. ---


def cache_variant(request: HttpRequest) -> str | None:
    """The query string as the cache keeps it: the parameters answers read, sorted, tracking ones
    left out (a shared link's `?from=timeline` is the same page); None if any other is present."""
    kept = getattr(settings, "READER_CACHE_PARAMETERS", frozenset())
    ignored = getattr(settings, "READER_CACHE_IGNORED_PARAMETERS", frozenset())
    pairs = []
    for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True):
        if name in ignored or name.startswith("utm_"):
            continue
        if name not in kept:
            return None
        pairs.append((name, value))
    return urlencode(sorted(pairs))


# --- Who bypasses the cache. ---


def is_signed_in(request: HttpRequest) -> bool:
    """Whether a signed-in person sent this request: the signed cookie says so at no cost; else a
    session cookie is looked up (one read of the session store), so a junk one counts for nothing."""
    signed = request.get_signed_cookie(
        SIGNED_IN_COOKIE, default=None, salt=SIGNED_IN_SALT, max_age=settings.SESSION_COOKIE_AGE
    )
    if signed is not None:
        return True
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    try:
        session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        return session.get(AUTH_SESSION_KEY) is not None
    except Exception:
        # The session store is down: serve what readers get; the render could not sign anyone in either.
        logger.warning("session store unavailable: request treated as a reader's", exc_info=True)
        return False


class SignedInCookieMiddleware:
    """Set the signed-in cookie on the admin's answers to a signed-in user, and clear it after they sign out.

    Only under the admin, where the session is read anyway: reader pages never load a session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            return response
        signed_in = request.user.is_authenticated
        flagged = SIGNED_IN_COOKIE in request.COOKIES
        if signed_in and not flagged:
            response.set_signed_cookie(
                SIGNED_IN_COOKIE,
                "1",
                salt=SIGNED_IN_SALT,
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif flagged and not signed_in:
            response.delete_cookie(SIGNED_IN_COOKIE)
        return response


# --- The middleware. ---


def _capped_cache_control(header: str, seconds_left: int) -> str:
    """`header` with no lifetime past `seconds_left`, and no serving stale past that moment."""
    directives = []
    for directive in (d.strip() for d in header.split(",") if d.strip()):
        name, _, value = directive.partition("=")
        if name in ("max-age", "s-maxage") and value.isdigit():
            directive = f"{name}={max(0, min(int(value), seconds_left))}"
        elif name.startswith("stale-"):
            continue
        directives.append(directive)
    return ", ".join(directives)


def _reader_cache_control(lifetime: int, *, bounded: bool) -> str:
    """The CDN header: the configured ages, none past `lifetime`; no serving stale past a go-live or expiry time."""
    return ", ".join(
        name.replace("_", "-") if value is True else f"{name.replace('_', '-')}={min(value, lifetime)}"
        for name, value in PUBLIC_CACHE_CONTROL.items()
        if not (bounded and name.startswith("stale"))
    )


class ReaderCacheMiddleware:
    """Serve readers' GETs from the reader cache; store the shareable answers; mark each `X-Cache`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.timeout = getattr(settings, "READER_PAGE_CACHE_SECONDS", 300)
        self.excluded = tuple(getattr(settings, "READER_PAGE_CACHE_EXCLUDED_PATHS", ("/admin/",)))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET" or request.path.startswith(self.excluded):
            return self.get_response(request)
        # Refuses a Host header outside ALLOWED_HOSTS (a 400) before anything is served.
        request.get_host()
        if is_signed_in(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                # A signed-in editor's view of the site must never land in a shared cache.
                response["Cache-Control"] = "private, no-cache"
            response["X-Cache"] = "bypass"
            return response

        path, variant = request.path, cache_variant(request)
        if variant is None:
            # A parameter no reader page or API answer reads: not kept, so nobody can fill the cache.
            return self._uncached(request)
        current = _current(path)
        if current is None:
            return self._uncached(request)
        token, soft_purged_at = current
        key = _entry_key(path, token, variant)
        stored = _call("get", key)
        now = time.time()
        if stored is not None and now < stored["fresh_until"]:
            if stored["stored_at"] > soft_purged_at:
                return self._answer(request, stored, "hit")
            # Purged by a publish: one process renders it again, the others serve it meanwhile.
            stale_left = soft_purged_at + STALE_SECONDS - now
            if stale_left > 0 and not _call("add", f"{key}:render", 1, timeout=STALE_SECONDS):
                return self._answer(request, stored, "stale", seconds_left=int(stale_left))
        started = time.time()
        response = self.get_response(request)
        response["X-Cache"] = "miss"
        if self._is_shareable(request, response):
            self._store(request, response, key, started)
        return response

    def _uncached(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self._is_shareable(request, response) and "Cache-Control" not in response:
            lifetime, until = self._bounded(request, time.time())
            response["Cache-Control"] = _reader_cache_control(lifetime, bounded=until is not None)
        response["X-Cache"] = "miss"
        return response

    def _bounded(self, request: HttpRequest, now: float) -> tuple[int, float | None]:
        """How long an answer to `request` may be kept, and the moment it must not outlive (if any)."""
        from newsroom.readers.scope import scope_read_by

        scope = scope_read_by(request)
        if scope is None or scope.next_change is None:
            return self.timeout, None
        until = scope.next_change.timestamp()
        return max(0, min(self.timeout, int(until - now))), until

    def _store(self, request: HttpRequest, response: HttpResponse, key: str, started: float) -> None:
        lifetime, until = self._bounded(request, started)
        if "Cache-Control" not in response:
            response["Cache-Control"] = _reader_cache_control(lifetime, bounded=until is not None)
        if lifetime <= 0:
            return
        headers = {name: value for name, value in response.items() if name != "X-Cache"}
        entry = {
            "status": response.status_code,
            "content": response.content,
            "headers": headers,
            "stored_at": started,
            "fresh_until": started + lifetime,
            "bounded_until": until,
        }
        _call("set", key, entry, timeout=lifetime)

    def _answer(
        self, request: HttpRequest, stored: dict, fate: str, *, seconds_left: int | None = None
    ) -> HttpResponse:
        """A stored answer; `seconds_left`: how long it may still be served (a stale one, being re-rendered)."""
        response = HttpResponse(stored["content"], status=stored["status"], headers=stored["headers"])
        if stored["bounded_until"] is not None:
            # Counted down to the go-live or expiry time the answer must not outlive.
            left = int(stored["bounded_until"] - time.time())
            seconds_left = left if seconds_left is None else min(left, seconds_left)
        if seconds_left is not None and "Cache-Control" in response:
            # A CDN refetching after a purge must not keep the previous answer for its full s-maxage.
            response["Cache-Control"] = _capped_cache_control(response["Cache-Control"], seconds_left)
        response["X-Cache"] = fate
        if "ETag" in response:
            response = get_conditional_response(request, etag=response["ETag"], response=response)
            response["X-Cache"] = fate
        return response

    def _is_shareable(self, request: HttpRequest, response: HttpResponse) -> bool:
        policy = response.get("Cache-Control", "public")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A view that set its own policy keeps it: only public answers are shared.
            and "public" in policy
            and not any(word in policy for word in ("private", "no-store", "no-cache"))
            and not has_vary_header(response, "Cookie")
            and not getattr(request, "is_preview", False)
        )
