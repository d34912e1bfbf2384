"""What a page shows readers besides its own fields, supplied by the reader site.

The reader site (`newsroom.site.pages`, imported when the app is ready) registers one builder
per page type; a page's `get_context` calls it, so the models import nothing from the site or
its queries.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

ContextBuilder = Callable[[object, HttpRequest], dict[str, object]]
_builders: dict[type, ContextBuilder] = {}


def reader_context(page_type: type) -> Callable[[ContextBuilder], ContextBuilder]:
    """Register the decorated function as what pages of `page_type` add to their template context."""

    def register(builder: ContextBuilder) -> ContextBuilder:
        _builders[page_type] = builder
        return builder

    return register


class ReaderContextMixin:
    """A page whose template context includes what the reader site registered for its type."""

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, object]:
        context = super().get_context(request, *args, **kwargs)
        builder = next((_builders[cls] for cls in type(self).__mro__ if cls in _builders), None)
        if builder is None:
            # A page rendered without what readers must see would be cached as it is: refuse.
            raise ImproperlyConfigured(f"no reader context registered for {type(self).__name__}")
        return {**context, **builder(self, request)}
