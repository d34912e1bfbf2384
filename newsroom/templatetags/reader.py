"""Template tags of the reader site: Chinese dates, descriptions, credits, share pictures and NewsArticle JSON-LD."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

from django import template
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsroom.articles.selectors import Credit
from newsroom.articles.share_images import ShareImage
from newsroom.articles.share_images import share_image as article_share_image
from newsroom.chinese import description_of
from newsroom.models import ArticlePage, SectionPage
from newsroom.readers.scope import reader_scope

register = template.Library()

SITE_NAME = "青岛频道"
# Inside <script>, these characters could close the element or open a comment; JSON allows escapes.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def chinese_date(value: date | datetime | None) -> str:
    """`2020年11月30日`, in Beijing time for a moment in time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.year}年{value.month}月{value.day}日"


register.filter(description_of)


def _printed_credit(credit: Credit) -> str:
    # "摄影 张三" already says "photo by"; other roles take the trailing 摄 as printed.
    text = f"{credit.role} {credit.name}" if credit.role.endswith("摄影") else f"{credit.role} {credit.name} 摄"
    return text.strip()


@register.filter
def credit_line(credits: list[Credit]) -> str:
    """Photo credits as printed under a picture: `记者 薄克国 摄`, `摄影 张三`."""
    return "　".join(_printed_credit(credit) for credit in credits)


@register.simple_tag(takes_context=True)
def reader_sections(context: template.Context) -> list[SectionPage]:
    """The visible sections for the navigation, from the request's scope (no query once it is kept)."""
    request = context.get("request")
    return list(reader_scope(request).sections) if request is not None else []


@register.simple_tag(takes_context=True)
def site_url(context: template.Context, path: str) -> str:
    """`path` as an absolute address of the request's site, from the Site record (see `ReaderScope.absolute`)."""
    return reader_scope(context["request"]).absolute(path)


@register.simple_tag(takes_context=True)
def share_image(context: template.Context, page: ArticlePage, *, absolute: bool = True) -> ShareImage | None:
    """The article's share picture (lead photo > first body photo > headline card): at an absolute
    address for og:image and JSON-LD, or as the page links its own pictures (`absolute=False`: the
    first large picture crawlers take, which the page's CSP lets load from any host name)."""
    # Asked for by the page's meta tags, its JSON-LD and its body: worked out once per page object.
    if not hasattr(page, "_share_image_for_readers"):
        section = context.get("section")
        page._share_image_for_readers = article_share_image(page, section_title=section.title if section else "")
    image = page._share_image_for_readers
    if image is None or not absolute or image.url.startswith(("http://", "https://")):
        # Photos in a bucket or behind a CDN have their own host already.
        return image
    return replace(image, url=reader_scope(context["request"]).absolute(image.url))


def _person(credit: Credit, request: HttpRequest) -> dict[str, str]:
    person = {"@type": "Person", "name": credit.name}
    if credit.url:
        person["url"] = reader_scope(request).absolute(credit.url)
    return person


@register.simple_tag(takes_context=True)
def news_article_json_ld(context: template.Context, page: ArticlePage) -> SafeString:
    """schema.org NewsArticle for search engines: text bylines as `author`, photo credits as `contributor`."""
    request = context["request"]
    url = page.get_full_url(request)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": context.get("meta_description") or description_of(page),
        "inLanguage": "zh-CN",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "author": [_person(c, request) for c in context.get("authors", [])],
        "contributor": [_person(c, request) for c in context.get("photographers", [])],
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "wordCount": page.character_count,
    }
    if page.kicker or page.subtitle:
        data["alternativeHeadline"] = " ".join(t for t in (page.kicker, page.subtitle) if t)
    if page.first_published_at:
        data["datePublished"] = timezone.localtime(page.first_published_at).isoformat()
    if modified := page.reader_modified_at:
        data["dateModified"] = timezone.localtime(modified).isoformat()
    if editor := page.responsible_editor_display():
        data["editor"] = {"@type": "Person", "name": editor}
    if page.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": page.source}
    if section := context.get("section"):
        data["articleSection"] = section.title
    if tags := context.get("tags"):
        data["keywords"] = [tag.name for tag in tags]
    if image := share_image(context, page):
        data["image"] = [image.url]
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


@register.filter
def byline_text(article: ArticlePage) -> str:
    """Text bylines as printed, consecutive roles merged: `本报记者 宋孜 肖芳`, `记者 薄克国 通讯员 纪粹琳`."""
    parts: list[str] = []
    last_role = None
    for byline in article.bylines.all():
        if byline.role != last_role and byline.role:
            parts.append(byline.role)
        last_role = byline.role
        parts.append(byline.reporter.title)
    return " ".join(parts)
