"""The reader scope of one API request: worked out once, then shared by every query the request runs."""

from django.http import HttpRequest

from newsroom.selectors import ReaderScope, reader_scope


def scope_of(request: HttpRequest) -> ReaderScope:
    """The scope of the channel's site for this request.

    Always the default site: the app reads the channel, and neither the Host header nor any
    parameter can point the API at another site's pages.
    """
    scope = getattr(request, "_reader_scope", None)
    if scope is None:
        scope = reader_scope()
        request._reader_scope = scope  # type: ignore[attr-defined]
    return scope
