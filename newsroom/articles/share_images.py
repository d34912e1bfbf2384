"""The picture a shared link shows (og:image, JSON-LD image, the 推广 tab's preview).

An article's lead photo, else the first photo in its body, else a card drawn from its headline
(newsroom.articles.share_cards). A card is stored under a digest of what it shows, so a changed
headline draws a new one and an unchanged one is drawn once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import checks
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from newsroom.articles import share_cards

CHANNEL_NAME = "青岛频道"
# Shared photos: wide enough for every app's large card, never upscaled.
PHOTO_RENDITION = "width-1200"
CARD_FOLDER = "share-cards"
# Bump when the card's drawing changes, so every stored card is drawn again.
CARD_DESIGN = "1"


@dataclass(frozen=True)
class ShareImage:
    """A picture for a shared link: its address on the site (relative), size and where it comes from."""

    url: str
    width: int
    height: int
    kind: str  # "lead" | "body" | "card"


def card_font() -> str | None:
    """The CJK font cards are drawn with (NEWSROOM_SHARE_CARD_FONT, else the first one found)."""
    found = share_cards.find_font(getattr(settings, "NEWSROOM_SHARE_CARD_FONT", None))
    return str(found) if found else None


def first_body_image(article: object):  # -> wagtail Image | None
    """The first photo of the body, in reading order."""
    for block in article.body:
        if block.block_type == "image" and block.value["image"] is not None:
            return block.value["image"]
    return None


def card_content(article: object, *, section_title: str = "") -> share_cards.CardContent:
    return share_cards.CardContent(headline=article.title, channel=CHANNEL_NAME, section=section_title)


def card_digest(content: share_cards.CardContent) -> str:
    """A short digest of what the card shows and how it is drawn: its stored name."""
    shown = json.dumps({**asdict(content), "design": CARD_DESIGN}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(shown.encode()).hexdigest()[:16]


def card_name(article_id: int, content: share_cards.CardContent, *, version: str = "live") -> str:
    return f"{CARD_FOLDER}/{article_id}/{version}-{card_digest(content)}.png"


def stored_card(article_id: int, content: share_cards.CardContent, *, version: str = "live") -> str:
    """The stored card's name in the media storage, drawing and storing it first if needed.

    `version`: "live" for readers, "draft" for the editor's preview; each keeps only its latest
    card, so a preview of a new headline never removes the card readers are sent."""
    name = card_name(article_id, content, version=version)
    if default_storage.exists(name):
        return name
    font = card_font()
    if font is None:
        raise LookupError(f"没有中文字体,无法生成分享图:{share_cards.FONT_INSTALL_HINT}")
    saved = default_storage.save(name, ContentFile(share_cards.card_png(content, font)))
    if saved != name:
        # Drawn at the same moment by another request: keep one.
        default_storage.delete(saved)
    folder = f"{CARD_FOLDER}/{article_id}"
    _, files = default_storage.listdir(folder)
    for stale in files:
        if stale.startswith(f"{version}-") and f"{folder}/{stale}" != name:
            default_storage.delete(f"{folder}/{stale}")
    return name


def share_image(article: object, *, section_title: str = "") -> ShareImage | None:
    """The article's share picture: lead photo > first body photo > headline card.

    The card's address is the article's stable one (/share/<id>.png) with the digest of what it
    shows as a version, so apps that keep a picture by its address fetch a new one when the
    headline changes; the card itself is drawn when first asked for. None for an article
    without photos that is not saved yet, or on a machine without a CJK font.
    """
    for kind, photo in (("lead", article.lead_image), ("body", first_body_image(article))):
        if photo is not None:
            rendition = photo.get_rendition(PHOTO_RENDITION)
            return ShareImage(url=rendition.url, width=rendition.width, height=rendition.height, kind=kind)
    if article.pk is None or card_font() is None:
        # Not saved yet (the create view's preview), or no font to draw with: no picture is
        # better than a broken one (the deploy check warns of the font).
        return None
    digest = card_digest(card_content(article, section_title=section_title))
    url = reverse("reader_share_card", args=[article.pk]) + f"?v={digest}"
    return ShareImage(url=url, width=share_cards.WIDTH, height=share_cards.HEIGHT, kind="card")


@checks.register(checks.Tags.compatibility, deploy=True)
def check_card_font(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """A deploy without a CJK font shares articles without photos with no picture at all."""
    if card_font() is not None:
        return []
    message = "没有中文字体:没有题图和正文图片的稿件分享时不带分享图(不能生成分享卡片)。"
    return [checks.Warning(message, hint=share_cards.FONT_INSTALL_HINT, id="newsroom.W020")]
