"""The reader scope of one API request: worked out once, then shared by every query the request runs."""

from django.http import HttpRequest

from newsroom.selectors import ReaderScope, default_site, reader_scope
from newsroom.site.cache import remembered_outline


def scope_of(request: HttpRequest) -> ReaderScope:
    """The scope of the channel's site for this request.

    Always the default site: the app reads the channel, and neither the Host header nor any
    parameter can point the API at another site's pages. The reader's outline of it is the one
    the reader site keeps with its page cache (same key): read again after each publish, and at
    the next go-live or expiry time.
    """
    scope = getattr(request, "_reader_scope", None)
    if scope is None:
        site = default_site()
        scope = reader_scope(site=site, outline=remembered_outline(site))
        request._reader_scope = scope  # type: ignore[attr-defined]
    return scope
