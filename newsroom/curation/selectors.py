"""What readers see of the editors' picks: a front's 头条 and its ordered 推荐 or 置顶 articles.

Only a published `FrontPicks` counts, only picks whose end time is still ahead, and only articles
the one visibility rule shows (they are read from the caller's reader feed): a curated slot never
holds a page a reader may not see. Whatever drops out leaves its slot to the newest visible article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from wagtail.models import Page

from newsroom.articles.selectors import article_listing_live
from newsroom.curation.models import FrontPick, FrontPicks
from newsroom.models import ArticlePage
from newsroom.readers.scope import ReaderScope


@dataclass(frozen=True)
class Picks:
    """A front's picks as readers see them now: the 头条 (home only) and the ordered list."""

    lead: ArticlePage | None = None
    articles: list[ArticlePage] = field(default_factory=list)

    @property
    def everything(self) -> list[ArticlePage]:
        """Every article shown, the lead first, each once."""
        return list({article.pk: article for article in (self.lead, *self.articles) if article}.values())


def _running(ends_at: str, now: datetime) -> Q:
    return Q(**{f"{ends_at}__isnull": True}) | Q(**{f"{ends_at}__gt": now})


def front_picks_live(scope: ReaderScope, front: Page, *, articles: QuerySet[ArticlePage] | None = None) -> Picks:
    """The published picks of `front` that readers may see at `scope.now`, in one query.

    `articles` is how the caller reads articles (from `article_feed_live`: the site's listing by
    default, the API's `for_listing`); picks are looked for among them.
    """
    articles = article_listing_live(scope) if articles is None else articles
    picks = FrontPick.objects.filter(front__front_id=front.pk, front__live=True).filter(_running("ends_at", scope.now))
    leads = FrontPicks.objects.filter(front_id=front.pk, live=True).filter(_running("lead_ends_at", scope.now))
    # The picked ids in one small UNION inside a single IN: the index finds the few rows, where an
    # OR of two subqueries could read the whole archive.
    picked = picks.order_by().values("article_id").union(leads.order_by().values("lead_id"), all=True)
    rows = list(
        articles.filter(pk__in=picked)
        .annotate(
            pick_order=Subquery(picks.filter(article_id=OuterRef("pk")).order_by().values("sort_order")[:1]),
            picked_as_lead=Exists(leads.filter(lead_id=OuterRef("pk"))),
        )
        .order_by(F("pick_order").asc(nulls_last=True), "-first_published_at", "-id")
    )
    return Picks(
        lead=next((article for article in rows if article.picked_as_lead), None),
        articles=[article for article in rows if article.pick_order is not None],
    )


def pick_end_times(root: Page, now: datetime) -> list[QuerySet]:
    """The end times still ahead of the published picks of `root`'s fronts, as (front path, moment)
    rows: what readers see changes then with no publish, so no cache may keep an answer past them."""
    picks = FrontPick.objects.filter(front__live=True, front__front__path__startswith=root.path, ends_at__gt=now)
    leads = FrontPicks.objects.filter(live=True, front__path__startswith=root.path, lead_ends_at__gt=now)
    return [
        picks.order_by().values_list("front__front__path", "ends_at"),
        leads.exclude(lead=None).order_by().values_list("front__path", "lead_ends_at"),
    ]
