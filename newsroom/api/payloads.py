"""Turn pages fetched through the selectors into API schemas, touching no database on the way."""

from collections.abc import Iterable

from django.utils import timezone
from wagtail.images.models import AbstractImage

from newsroom.api import schemas
from newsroom.articles.selectors import ListedCredit
from newsroom.models import ArticleCorrection, ArticlePage, ReporterKind, ReporterPage, SectionPage
from newsroom.readers.scope import ReaderScope

# What each field of `schemas.Article` reads from the article's row: listings load exactly these
# columns, and a test holds this to the schema, so a field added there without its columns here
# fails instead of costing a query per article.
ARTICLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": (),
    "url": ("url_path",),
    "kicker": ("kicker",),
    "title": ("title",),
    "subtitle": ("subtitle",),
    "summary": ("summary",),
    "section": (),  # section_slug, section_title: annotated by the listing
    "bylines": (),  # listed_bylines: attached by attach_credits
    "dateline": ("dateline_text", "dateline_source", "dateline_place", "dateline_date"),
    "published_at": ("first_published_at",),
    "lead_image": ("lead_image_caption", "lead_image", "lead_image__file", "lead_image__width", "lead_image__height"),
    "edition_date": ("edition_date",),
    "print_page": ("print_page",),
}
LISTED_COLUMNS = tuple(column for columns in ARTICLE_COLUMNS.values() for column in columns)

# The contract knows two kinds of people; interns and photographers are the paper's own staff.
CONTRACT_KIND = {ReporterKind.CORRESPONDENT: "correspondent"}


def _text(value: str) -> str | None:
    return value or None


def _absolute(url: str, scope: ReaderScope) -> str:
    # Media on this server comes back as a path; storage elsewhere (a CDN) already gives a full URL.
    return scope.site.root_url + url if url.startswith("/") else url


def _image_url(image: AbstractImage | None, scope: ReaderScope) -> str | None:
    # The original file: reading never writes, and a rendition would be generated (written) on demand.
    return _absolute(image.file.url, scope) if image is not None else None


def _credits(credits: Iterable[ListedCredit]) -> list[schemas.Credit]:
    return [schemas.Credit(role=c.role, name=c.name, reporter=c.reporter_slug) for c in credits]


def _lead_image(article: ArticlePage, scope: ReaderScope) -> schemas.LeadImage | None:
    image = article.lead_image
    credits = _credits(article.listed_photo_credits)
    if image is None and not article.lead_image_caption and not credits:
        return None
    return schemas.LeadImage(
        caption=article.lead_image_caption,
        credits=credits,
        url=_image_url(image, scope),
        width=image.width if image is not None else None,
        height=image.height if image is not None else None,
    )


def _dateline(article: ArticlePage) -> schemas.Dateline | None:
    dateline = article.dateline
    if dateline is None:
        return None
    return schemas.Dateline(text=dateline.text, source=dateline.source, place=dateline.place, date=dateline.date)


def article_of(article: ArticlePage, scope: ReaderScope) -> schemas.Article:
    """An article as listed, without its body: read by `for_listing`, credits set by `attach_credits`."""
    return schemas.Article(
        id=article.pk,
        url=scope.url_of(article),
        kicker=_text(article.kicker),
        title=article.title,
        subtitle=_text(article.subtitle),
        summary=_text(article.summary),
        section=schemas.SectionRef(slug=article.section_slug, title=article.section_title),
        bylines=_credits(article.listed_bylines),
        dateline=_dateline(article),
        published_at=timezone.localtime(article.first_published_at),
        lead_image=_lead_image(article, scope),
        edition_date=article.edition_date,
        print_page=_text(article.print_page),
    )


def articles_of(articles: Iterable[ArticlePage], scope: ReaderScope) -> list[schemas.Article]:
    return [article_of(article, scope) for article in articles]


def _body(article: ArticlePage, scope: ReaderScope) -> list[schemas.BodyBlock]:
    blocks: list[schemas.BodyBlock] = []
    for block in article.body:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            blocks.append(schemas.ParagraphBlock(type="paragraph", text=value))
        elif kind == "heading":
            blocks.append(schemas.HeadingBlock(type="heading", text=value))
        elif kind == "image":
            image = value["image"]
            blocks.append(
                schemas.ImageBlock(
                    type="image",
                    url=_image_url(image, scope),
                    width=image.width if image is not None else None,
                    height=image.height if image is not None else None,
                    caption=value["caption"] or "",
                    credit=value["credit"] or "",
                )
            )
        elif kind == "quote":
            blocks.append(schemas.QuoteBlock(type="quote", text=value["text"], attribution=value["attribution"] or ""))
        # A block type added later stays out until the app's contract names it.
    return blocks


def article_detail_of(
    article: ArticlePage,
    *,
    related: Iterable[ArticlePage],
    tags: list[str],
    corrections: Iterable[ArticleCorrection],
    scope: ReaderScope,
) -> schemas.ArticleDetail:
    return schemas.ArticleDetail(
        **article_of(article, scope).model_dump(),
        body=_body(article, scope),
        related=articles_of(related, scope),
        tags=tags,
        corrections=[schemas.Correction(date=c.date, text=c.text) for c in corrections],
        editor=schemas.Editor(name=editor) if (editor := article.responsible_editor_display()) else None,
        source=_text(article.source),
    )


def section_of(section: SectionPage, article_count: int, scope: ReaderScope) -> schemas.Section:
    return schemas.Section(
        id=section.pk,
        slug=section.slug,
        title=section.title,
        url=scope.url_of(section),
        article_count=article_count,
        intro=section.intro,
    )


def reporter_of(reporter: ReporterPage, article_count: int, scope: ReaderScope) -> schemas.Reporter:
    return schemas.Reporter(
        id=reporter.pk,
        slug=reporter.slug,
        name=reporter.title,
        kind=CONTRACT_KIND.get(reporter.kind, "staff"),
        role_kind=reporter.kind,
        url=scope.url_of(reporter),
        article_count=article_count,
    )
