"""Writes to articles that other parts of the newsroom trigger (the review workflow)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from wagtail.models import Page, Revision

from newsroom.articles.models import ArticlePage


def name_responsible_editor(page: Page, user: AbstractBaseUser) -> Revision | None:
    """Make `user` the 责任编辑 of the version under review, unless it names one already.

    Review ends by publishing the latest revision, so the name goes into a new latest revision
    (by the approving editor, in the page's history), not onto the page row, which publishing
    would overwrite. Returns that revision, or None when nothing changed.
    """
    draft = page.specific.get_latest_revision_as_object()
    if not isinstance(draft, ArticlePage) or draft.responsible_editor_id or draft.responsible_editor_name:
        return None
    draft.responsible_editor = user
    # Only this field changes, and the rest was validated when the reviewed version was saved.
    return draft.save_revision(user=user, log_action=True, clean=False)
