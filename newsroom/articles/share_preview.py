"""分享预览 in the article editor's 推广 tab: the title, description and picture a shared link shows,
laid out as a phone shows them (a WeChat chat card and a large-picture card), and the admin's
address of the headline card for a version not yet public."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.admin.panels import Panel
from wagtail.models import Page

from newsroom.articles.share_images import CHANNEL_NAME, ShareImage, card_content, card_digest, share_image, stored_card
from newsroom.chinese import description_of


def _section_title(page: Page) -> str:
    parent = page.get_parent() if page.pk else None
    return parent.title if parent is not None else ""


def preview_image(page: Page) -> ShareImage | None:
    """The share picture of the version being edited; a card's address is the admin's (the version
    may not be public), and a page not saved yet has no card."""
    if page.pk is None and page.lead_image is None:
        return None
    section_title = _section_title(page)
    image = share_image(page, section_title=section_title)
    if image is None or image.kind != "card":
        return image
    digest = card_digest(card_content(page, section_title=section_title))
    url = reverse("newsroom_share_card_preview", args=[page.pk]) + f"?v={digest}"
    return ShareImage(url=url, width=image.width, height=image.height, kind="card")


class SharePreviewPanel(Panel):
    """What a shared link to the article shows, as the 推广 tab's fields and the article now say."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/admin/share_preview_panel.html"

        class Media:
            css = {"all": ["newsroom/admin/share-preview.css"]}
            js = ["newsroom/admin/share-preview.js"]

        def get_context_data(self, parent_context: dict | None = None) -> dict:
            context = super().get_context_data(parent_context)
            page = self.instance
            context.update(
                share_title=page.seo_title or page.title,
                share_description=page.search_description or description_of(page),
                share_image=preview_image(page),
                channel=CHANNEL_NAME,
            )
            return context


def share_card_preview(request: HttpRequest, page_id: int) -> HttpResponse:
    """The headline card of the article's latest version, for those who may edit it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "lead_image") or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    name = stored_card(page.pk, card_content(latest, section_title=_section_title(page)), version="draft")
    with default_storage.open(name) as card:
        response = HttpResponse(card.read(), content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    return response
