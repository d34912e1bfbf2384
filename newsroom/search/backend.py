"""Wagtail's database search backend (PostgreSQL or SQLite FTS5) with queries cut into words.

Set as `WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`, so the site, the API and the admin's own
page search all ask the index for words. The indexed side is cut by the models' search fields.
"""

from __future__ import annotations

from typing import Any

from modelsearch.backends.database import SearchBackend as DatabaseBackendForVendor

from newsroom.search.segmenter import query_words


def _current_dictionary() -> None:
    from newsroom.search.dictionary import ensure_current

    ensure_current()


class SegmentedQueriesMixin:
    """Cut a plain query string into words and ask for all of them, with editors' latest words."""

    def add(self, obj: Any) -> Any:
        _current_dictionary()
        return super().add(obj)

    def add_bulk(self, model: Any, obj_list: Any) -> Any:
        _current_dictionary()
        return super().add_bulk(model, obj_list)

    def search(
        self, query: Any, model_or_queryset: Any, fields: Any = None, operator: Any = None, **kwargs: Any
    ) -> Any:
        if isinstance(query, str):
            _current_dictionary()
            query = " ".join(query_words(query))
            operator = operator or "and"
        return super().search(query, model_or_queryset, fields=fields, operator=operator, **kwargs)


def SearchBackend(params: dict[str, Any]) -> Any:
    """The database backend Wagtail would pick for this database, with segmented queries."""
    backend = DatabaseBackendForVendor(params)
    segmented = type(f"Segmented{type(backend).__name__}", (SegmentedQueriesMixin, type(backend)), {})
    return segmented(params)
