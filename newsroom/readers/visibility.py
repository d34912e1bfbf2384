"""What a reader may see, defined once: live, public, in its schedule, below the site root, under no hidden page.

The rule is one `Q` (`visible_q`). Querysets filter by it (`visible_to_readers`), and a page
already in memory is checked against the very same `Q` (`is_visible_to_readers`), so the SQL
and the Python answers cannot drift apart. Wagtail's notions are the base: `live`, and the view
restrictions that `.public()` excludes, read once per outline as the branches they hide (so a
query needs no restriction subquery); a page readers cannot see (unpublished, held before its
go-live time, expired) hides everything below it too.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

from django.db.models import DateTimeField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction


class ReaderView(Protocol):
    """What the rule needs to know of a site: its root, the branches out of sight, and the moment."""

    root_path: str
    root_depth: int
    hidden_paths: tuple[str, ...]
    now: datetime


def in_schedule_q(now: datetime) -> Q:
    """Live, past its go-live time, before its expiry: whether or not the scheduler has run."""
    return (
        Q(live=True)
        & (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    )


def visible_q(view: ReaderView) -> Q:
    """The rule: in schedule, below the site's root, and in no hidden branch."""
    rule = in_schedule_q(view.now) & Q(path__startswith=view.root_path, depth__gt=view.root_depth)
    for path in view.hidden_paths:
        rule &= ~Q(path__startswith=path)
    return rule


def visible_to_readers(pages: QuerySet, view: ReaderView) -> QuerySet:
    """The pages of `pages` a reader may see."""
    return pages.filter(visible_q(view))


def is_visible_to_readers(page: Any, view: ReaderView) -> bool:
    """Whether a reader may see `page` (already read: its path, depth, live and schedule)."""
    return matches(visible_q(view), page)


def is_in_schedule(page: Any, now: datetime | None = None) -> bool:
    """The page's own part of the rule: live, past its go-live time, before its expiry."""
    return matches(in_schedule_q(now or timezone.now()), page)


def hidden_paths_and_next_change(
    root: Page, now: datetime, *, other_changes: Iterable[QuerySet] = ()
) -> tuple[tuple[str, ...], datetime | None]:
    """What the rule needs of `root`'s tree at `now`, in one query: the paths whose branches readers
    cannot see, and the next go-live or expiry time ahead (when the rule's answer next changes).

    Hidden: a view restriction on a page or above the root (Wagtail's own, as `.public()` reads
    them), and every page with children that is itself out of sight. `other_changes`: more
    `(path, moment)` rows of moments ahead when what readers see changes (an editor's pick ending),
    counted in the next change by the same query.
    """
    ancestors = [root.path[: Page.steplen * depth] for depth in range(1, root.depth)]
    # Typed, so PostgreSQL can match it with the timestamps of the other rows.
    no_time = Cast(Value(None), output_field=DateTimeField())
    restricted = (
        PageViewRestriction.objects.filter(Q(page__path__startswith=root.path) | Q(page__path__in=ancestors))
        .annotate(when=no_time)
        .values_list("page__path", "when")
    )
    below = Page.objects.filter(path__startswith=root.path).order_by()
    unseen_parents = (
        below.filter(depth__gt=root.depth, numchild__gt=0)
        .exclude(in_schedule_q(now))
        .annotate(when=no_time)
        .values_list("path", "when")
    )
    going_live = below.filter(go_live_at__gt=now).values_list("path", "go_live_at")
    expiring = below.filter(expire_at__gt=now).values_list("path", "expire_at")
    rows = list(restricted.union(unseen_parents, going_live, expiring, *other_changes, all=True))
    paths = sorted({path for path, when in rows if when is None})
    # A branch inside another hidden branch adds nothing: keep the outermost.
    outermost: list[str] = []
    for path in paths:
        if not outermost or not path.startswith(outermost[-1]):
            outermost.append(path)
    return tuple(outermost), min((when for _, when in rows if when is not None), default=None)


# --- A Q evaluated on an object in memory, for the lookups the rule uses. ---

_LOOKUPS = {
    "exact": operator.eq,
    "lte": lambda value, bound: value is not None and value <= bound,
    "gt": lambda value, bound: value is not None and value > bound,
    "isnull": lambda value, isnull: (value is None) == isnull,
    "startswith": lambda value, prefix: value is not None and value.startswith(prefix),
    "in": lambda value, values: value in values,
}


def matches(rule: Q, obj: Any) -> bool:
    """Whether `obj` meets `rule`, read from its attributes as the database would read its columns."""
    results: Iterable[bool] = (
        matches(child, obj) if isinstance(child, Q) else _meets(*child, obj) for child in rule.children
    )
    met = all(results) if rule.connector == Q.AND else any(results)
    return not met if rule.negated else met


def _meets(lookup: str, bound: Any, obj: Any) -> bool:
    field, _, kind = lookup.partition("__")
    kind = kind or "exact"
    if kind not in _LOOKUPS:
        raise ValueError(f"the visibility rule cannot check {lookup!r} in Python")
    return _LOOKUPS[kind](getattr(obj, field), bound)
