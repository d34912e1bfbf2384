"""Wagtail's database search backend (PostgreSQL or SQLite FTS5) with queries cut into words.

Set as `WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`, so the site, the API and the admin all ask
the index for words. The indexed side is cut by the models' search fields. The admin's page
views (the article desk, the explorer and its search, the page chooser, hence the reporter
chooser) ask for "autocomplete", a prefix of the raw title; for pages that is answered with the
same word search as the site's, so a word inside a headline, the text or a byline is found.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from modelsearch.backends.database import SearchBackend as DatabaseBackendForVendor
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText, SearchQuery
from wagtail.models import Page

from newsroom.search.segmenter import query_words


def _current_dictionary() -> None:
    from newsroom.search.dictionary import ensure_current

    ensure_current()


def segmented_query(query: str | SearchQuery) -> str | SearchQuery:
    """`query` with every typed text cut into the words the index holds; "" when no word is left.

    Wagtail's admin hands over parsed queries (`And([PlainText(...)])`); a quoted phrase becomes
    its words too, as on the site, since the index holds words and their parts, not sentences.
    """
    if isinstance(query, str):
        return " ".join(query_words(query))
    if isinstance(query, PlainText | Phrase | Fuzzy):
        words = " ".join(query_words(query.query_string))
        if not words:
            return ""
        operator = query.operator if isinstance(query, PlainText) else "and"
        return PlainText(words, operator=operator, boost=getattr(query, "boost", 1))
    if isinstance(query, And | Or):
        parts = [segmented_query(part) for part in query.subqueries]
        parts = [part for part in parts if part != ""]
        return type(query)(parts) if parts else ""
    if isinstance(query, Not):
        inner = segmented_query(query.subquery)
        return Not(inner) if inner != "" else ""
    if isinstance(query, Boost):
        inner = segmented_query(query.subquery)
        return Boost(inner, query.boost) if inner != "" else ""
    return query  # MatchAll: nothing typed, every record


def _searches_pages(model_or_queryset: type[Model] | QuerySet) -> bool:
    model = model_or_queryset.model if isinstance(model_or_queryset, QuerySet) else model_or_queryset
    return issubclass(model, Page)


class SegmentedQueriesMixin:
    """Cut a query into words and ask for all of them, with editors' latest words."""

    def add(self, obj: Any) -> Any:
        _current_dictionary()
        return super().add(obj)

    def add_bulk(self, model: Any, obj_list: Any) -> Any:
        _current_dictionary()
        return super().add_bulk(model, obj_list)

    def search(
        self, query: Any, model_or_queryset: Any, fields: Any = None, operator: Any = None, **kwargs: Any
    ) -> Any:
        # A query object is taken as given: newsroom.search.dictionary asks for parts as indexed.
        if isinstance(query, str):
            _current_dictionary()
            query = segmented_query(query)
            operator = operator or "and"
        return super().search(query, model_or_queryset, fields=fields, operator=operator, **kwargs)

    def autocomplete(
        self, query: Any, model_or_queryset: Any, fields: Any = None, operator: Any = None, **kwargs: Any
    ) -> Any:
        # Chinese runs without spaces, so a title prefix finds only headlines that start with the
        # query. Articles, sections and reporters index segmented words; other models (images,
        # snippets) keep Wagtail's prefix match on their raw titles, which is all they index.
        if not _searches_pages(model_or_queryset):
            return super().autocomplete(query, model_or_queryset, fields=fields, operator=operator, **kwargs)
        _current_dictionary()
        if isinstance(query, str):
            operator = operator or "and"
        query = segmented_query(query)
        return super().search(query, model_or_queryset, fields=fields, operator=operator, **kwargs)


def SearchBackend(params: dict[str, Any]) -> Any:
    """The database backend Wagtail would pick for this database, with segmented queries."""
    backend = DatabaseBackendForVendor(params)
    segmented = type(f"Segmented{type(backend).__name__}", (SegmentedQueriesMixin, type(backend)), {})
    return segmented(params)
