"""The channel dictionary: the file operators keep and the words editors add, fed to the segmenter.

A word added after articles were indexed changes how they should be cut, so adding one
re-indexes the articles that hold it: they are found by the parts the word was cut into before.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.query import PlainText

from newsroom.models import ArticlePage, SearchTerm
from newsroom.search.segmenter import add_words, base_parts, read_dictionary

# Other processes (web workers) pick up editors' new words within this many seconds.
RECHECK_SECONDS = 60.0
_seen: dict[str, object] = {"at": float("-inf"), "version": None}


def file_words() -> list[str]:
    return read_dictionary(settings.NEWSROOM_SEARCH_DICTIONARY)


def ensure_current(*, force: bool = False) -> None:
    """Load editors' words if the 搜索词库 changed since this process last looked."""
    now = time.monotonic()
    if not force and now - _seen["at"] < RECHECK_SECONDS:
        return
    _seen["at"] = now
    version = SearchTerm.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    if version != _seen["version"]:
        add_words(list(SearchTerm.objects.values_list("word", flat=True)))
        _seen["version"] = version


def reindex_articles_holding(word: str) -> int:
    """Re-index every article whose text holds `word`; returns how many."""
    parts = base_parts(word)
    if not parts:
        return 0
    # A PlainText query is not cut again: it asks for the parts as the old index holds them.
    holders = ArticlePage.objects.search(PlainText(" ".join(parts), operator="and"), order_by_relevance=False)
    count = 0
    for article in holders:
        search_index.insert_or_update_object(article)
        count += 1
    return count


def _term_saved(sender: type, instance: SearchTerm, **kwargs: object) -> None:
    add_words([instance.word])
    transaction.on_commit(lambda: reindex_articles_holding(instance.word))


def connect_signals() -> None:
    post_save.connect(_term_saved, sender=SearchTerm, dispatch_uid="newsroom-search-term-saved")


def reload_everything() -> dict[str, int]:
    """Load the file and the 搜索词库 and re-index what they touch (`update_search_dictionary`)."""
    words = [*file_words(), *SearchTerm.objects.values_list("word", flat=True)]
    added = add_words(words)
    reindexed = sum(reindex_articles_holding(word) for word in dict.fromkeys(words))
    ensure_current(force=True)
    return {"words": len(set(words)), "new_in_this_process": added, "articles_reindexed": reindexed}
