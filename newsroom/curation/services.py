"""Writes to the editors' picks outside the admin: the local demo's starting picks."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from newsroom.articles.selectors import latest_by_section_live
from newsroom.curation.models import FrontPick, FrontPicks
from newsroom.readers.scope import channel_scope

FEATURED_IN_DEMO = 2


@transaction.atomic
def seed_home_picks(*, lead_section_slug: str, user: AbstractBaseUser | None = None) -> FrontPicks | None:
    """Publish a 头条 (the newest story of `lead_section_slug`) and two 推荐 (the newest of two other
    sections) on the channel home, as an editor would: a revision, published, logged.

    Does nothing once the home's picks have any revision, so editors' own choices are never replaced;
    None when nothing was done (or there are no articles to pick)."""
    scope = channel_scope()
    picks, _ = FrontPicks.objects.select_for_update().get_or_create(front_id=scope.root.pk, defaults={"live": False})
    if picks.latest_revision_id is not None:
        return None
    newest = {article.section_path: article for article in latest_by_section_live(scope, per_section=1)}
    by_slug = {section.slug: newest[section.path] for section in scope.sections if section.path in newest}
    lead = by_slug.pop(lead_section_slug, None)
    featured = list(by_slug.values())[:FEATURED_IN_DEMO]
    if lead is None or len(featured) < FEATURED_IN_DEMO:
        return None
    picks.lead = lead
    picks.picks = [FrontPick(article=article, sort_order=order) for order, article in enumerate(featured)]
    picks.save_revision(user=user).publish(user=user)
    return picks
