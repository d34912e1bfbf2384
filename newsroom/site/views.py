"""Reader pages that are not Wagtail pages: search, tag listings, share cards and robots.txt."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from newsroom.articles.selectors import article_listing_live, article_search_live
from newsroom.articles.share_images import card_content, stored_card
from newsroom.models import ArticlePage
from newsroom.readers.paging import paginate
from newsroom.readers.scope import reader_scope
from newsroom.search.highlight import highlight, snippet
from newsroom.throttling import search_throttle

# Longer queries are not searches a reader types; refuse them before they reach the index.
MAX_QUERY_LENGTH = 100
MAX_TAG_LENGTH = 100


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """`/search/?q=`: visible articles matching the query, best match first."""
    query = " ".join(request.GET.get("q", "").split())
    if len(query) > MAX_QUERY_LENGTH:
        message = f"搜索词太长:最多 {MAX_QUERY_LENGTH} 个字。"
        return HttpResponseBadRequest(render_to_string("newsroom/bad_request.html", {"message": message}, request))
    results = None
    if query and not search_throttle.allow_request(request):
        return _too_many_searches(search_throttle.wait())
    if query:
        # The request's outline (kept with the page cache) decides visibility; the page of
        # results comes with its bodies, for the snippets.
        results = paginate(request, article_search_live(query, scope=reader_scope(request), with_body=True))
        _mark_hits(results.object_list, query)
    response = render(request, "newsroom/search_page.html", {"search_query": query, "results": results})
    if query:
        # Result pages are thin and endless: keep them out of search engines' indexes.
        response["X-Robots-Tag"] = "noindex"
    return response


def _too_many_searches(wait: float | None) -> HttpResponse:
    """429 in Chinese: the same per-client limit as the app's search (rendered answers only)."""
    seconds = int(wait or 60)
    message = f"搜索太频繁,请 {seconds} 秒后再试。"
    response = HttpResponse(render_to_string("newsroom/bad_request.html", {"message": message}), status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def _mark_hits(articles: list, query: str) -> None:
    """Give each result its title and a snippet of its text with the searched words marked."""
    for article in articles:
        article.marked_title = highlight(article.title, query)
        article.search_snippet = snippet([t for t in [article.summary, *article.body_text] if t], query)


@require_safe
def tag(request: HttpRequest, tag: str) -> HttpResponse:
    """`/tags/<标签>/`: visible articles with this tag, newest first; an unused tag is a 404."""
    if len(tag) > MAX_TAG_LENGTH:
        raise Http404("没有这个标签")
    articles = article_listing_live(reader_scope(request), tag=tag)
    page = paginate(request, articles)
    if not page.object_list:
        raise Http404("没有这个标签")
    return render(request, "newsroom/tag_page.html", {"tag": tag, "articles": page})


@require_safe
def share_card(request: HttpRequest, article_id: int) -> HttpResponse:
    """`/share/<id>.png`: the headline card of an article readers may see (drawn once per headline)."""
    scope = reader_scope(request)
    article = scope.pages(ArticlePage).filter(pk=article_id).first()
    if article is None:
        raise Http404("没有这篇稿件")
    section = scope.section_of(article)
    try:
        name = stored_card(article.pk, card_content(article, section_title=section.title if section else ""))
    except LookupError as no_font:  # the deploy check warns of it
        raise Http404(str(no_font)) from no_font
    with default_storage.open(name) as card:
        # Whole, not streamed: a card is small, and the reader cache's headers apply to it.
        return HttpResponse(card.read(), content_type="image/png")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read everything public; the admin and search results stay out; sitemaps named."""
    scope = reader_scope(request)
    sitemaps = [scope.absolute(reverse(name)) for name in ("reader_sitemap", "reader_news_sitemap")]
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "", *(f"Sitemap: {url}" for url in sitemaps)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
