"""Articles (稿件) with their headlines, bylines, dateline, body, lead photo and corrections (更正)."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from newsroom.articles.forms import ArticlePageForm, person_name
from newsroom.articles.share_preview import SharePreviewPanel
from newsroom.blocks import ArticleBodyBlock
from newsroom.chinese import character_count, reading_minutes
from newsroom.page_rights import ArticlePageRights
from newsroom.preview import NewsroomPreviewMixin
from newsroom.scheduling import ScheduledPageMixin
from newsroom.search.segmenter import index_text


@dataclass(frozen=True)
class Dateline:
    """电头 as printed, with what it says: who reports, from where, and when."""

    text: str
    source: str
    place: str | None
    date: date | None


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "稿件标签"
        verbose_name_plural = "稿件标签"


class BylineBase(Orderable):
    """A person credited on an article, with the role word as printed (记者, 通讯员…)."""

    reporter = models.ForeignKey(
        "newsroom.ReporterPage", verbose_name="记者", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        "署名身份", max_length=20, blank=True, help_text="照印刷原样:记者、本报记者、通讯员、实习生…"
    )

    panels = [FieldPanel("reporter"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.role} {self.reporter.title}".strip()


class ArticleByline(BylineBase):
    """A byline for the article's text (署名)."""

    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="bylines")
    reporter = models.ForeignKey(
        "newsroom.ReporterPage",
        verbose_name="记者",
        on_delete=models.PROTECT,
        related_name="bylines",
    )

    class Meta(BylineBase.Meta):
        verbose_name = "署名"
        verbose_name_plural = "署名"


class ArticlePhotoCredit(BylineBase):
    """A credit for the article's lead photo (摄影), kept apart from the text's bylines."""

    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="photo_credits")
    reporter = models.ForeignKey(
        "newsroom.ReporterPage",
        verbose_name="摄影",
        on_delete=models.PROTECT,
        related_name="photo_credits",
    )

    class Meta(BylineBase.Meta):
        verbose_name = "图片署名"
        verbose_name_plural = "图片署名"


class ArticleRelatedLink(Orderable):
    """An editor's pick of a related article, in the order chosen."""

    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        "newsroom.ArticlePage", verbose_name="相关稿件", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = "相关稿件"
        verbose_name_plural = "相关稿件"


class ArticlePage(ArticlePageRights, ScheduledPageMixin, NewsroomPreviewMixin, Page):
    """A news article (稿件) in a section."""

    kicker = models.CharField("引题", max_length=255, blank=True)
    subtitle = models.CharField("副题", max_length=255, blank=True)
    summary = models.TextField("摘要", blank=True)

    dateline_text = models.CharField("电头", max_length=100, blank=True, help_text="照印刷原样,如:本报青岛讯 11月24日")
    dateline_source = models.CharField("电头来源", max_length=50, blank=True, help_text="如:本报、新华社")
    dateline_place = models.CharField("电头地点", max_length=50, blank=True)
    dateline_date = models.DateField("电头日期", null=True, blank=True, help_text="“日前”等无确切日期时留空")

    body = StreamField(ArticleBodyBlock(), verbose_name="正文", blank=True)

    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.TextField("图片说明", blank=True, help_text="没有图片文件时,说明和署名也会照常显示")

    edition_date = models.DateField("见报日期", null=True, blank=True)
    print_page = models.CharField("版次", max_length=20, blank=True, help_text="如:A03")
    print_page_name = models.CharField("版名", max_length=50, blank=True)
    print_position = models.PositiveSmallIntegerField(
        "见报顺序", null=True, blank=True, editable=False, help_text="稿件在当期版面中的顺序"
    )

    tags = ClusterTaggableManager("标签", through=ArticleTag, blank=True)

    # 责任编辑: an editor's account, or a name as printed when the person has none (or is not ours).
    responsible_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任编辑",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="编辑初审通过时,审核的编辑自动成为责任编辑(已填写的不变)",
    )
    responsible_editor_name = models.CharField(
        "责任编辑署名", max_length=50, blank=True, help_text="照印刷原样;填写后优先于上面的账号显示"
    )
    source = models.CharField("来源", max_length=50, blank=True, help_text="如:大众日报、新华社")

    # Importer's stable identity of the printed article; empty for articles written in the admin.
    source_key = models.CharField("来源标识", max_length=120, unique=True, null=True, blank=True, editable=False)
    # Digest of the imported text last written, so an unchanged re-import touches nothing.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        MultiFieldPanel(
            [
                FieldPanel("kicker"),
                # TitleFieldPanel fills in the slug (网址) from the headline as the editor types it.
                TitleFieldPanel("title", heading="主题"),
                FieldPanel("subtitle"),
                FieldPanel("summary"),
            ],
            heading="标题",
        ),
        MultipleChooserPanel("bylines", chooser_field_name="reporter", heading="署名", label="署名"),
        MultiFieldPanel(
            [
                FieldPanel("dateline_text"),
                FieldRowPanel(
                    [FieldPanel("dateline_source"), FieldPanel("dateline_place"), FieldPanel("dateline_date")]
                ),
            ],
            heading="电头",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                MultipleChooserPanel("photo_credits", chooser_field_name="reporter", heading="图片署名", label="摄影"),
            ],
            heading="题图",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("edition_date"), FieldPanel("print_page"), FieldPanel("print_page_name")])],
            heading="见报信息",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("responsible_editor"), FieldPanel("responsible_editor_name")]),
                FieldPanel("source"),
            ],
            heading="责任编辑与来源",
            help_text="印在正文之后,如:来源：大众日报　责任编辑：王某",
        ),
        FieldPanel("tags"),
        MultipleChooserPanel("related_links", chooser_field_name="related", heading="相关稿件", label="相关稿件"),
        InlinePanel(
            "corrections",
            heading="更正",
            label="更正说明",
            help_text="稿件发布后发现差错或有新进展时添加;页面和客户端按日期从新到旧显示。",
        ),
    ]
    # What a shared link shows, beside the fields that decide it (SEO 标题, 搜索描述).
    promote_panels = [*Page.promote_panels, SharePreviewPanel(heading="分享预览")]

    # Indexed as words cut by jieba (see newsroom.search): a headline hit weighs most, then the
    # people credited, then the text; the raw fields are not indexed, they would be one "word".
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_headline", boost=10),
        index.SearchField("search_people", boost=4),
        index.SearchField("search_text"),
        index.FilterField("edition_date"),
        # So a search can order and bound its candidates, and honour schedules, in the database.
        index.FilterField("id"),
        index.FilterField("go_live_at"),
        index.FilterField("expire_at"),
    ]

    # A copy (复制) is a new article of the editor's, not the printed one: the importer must keep
    # finding only the original by its key, and the key is unique.
    exclude_fields_in_copy = ["source_key", "source_digest"]

    base_form_class = ArticlePageForm

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []
    page_description = "一篇稿件:引题、主题、副题、署名、电头、正文和题图。"

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"

    @property
    def dateline(self) -> Dateline | None:
        if not self.dateline_text:
            return None
        return Dateline(
            text=self.dateline_text,
            source=self.dateline_source,
            place=self.dateline_place or None,
            date=self.dateline_date,
        )

    def responsible_editor_display(self) -> str:
        """责任编辑 as printed: the name given, else the editor's account's own name, else "" (an account
        without a name prints nothing: its login name is not for readers)."""
        if self.responsible_editor_name:
            return self.responsible_editor_name
        if self.responsible_editor_id and self.responsible_editor is not None:
            return person_name(self.responsible_editor, or_username=False)
        return ""

    @property
    def reader_modified_at(self) -> datetime | None:
        """The last change a reader could see: the first publication, or a later publish (an edit, a correction).

        An import publishes a printed edition at the edition's time (see the importer's loader), so an
        article of 2020 imported today reads as published, not modified, in 2020.
        """
        return max(filter(None, (self.first_published_at, self.last_published_at)), default=None)

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, object]]:
        return [{**url, "lastmod": self.reader_modified_at} for url in super().get_sitemap_urls(request)]

    @property
    def body_text(self) -> list[str]:
        """The body's words in reading order: paragraphs, subheadings, quotes, captions."""
        texts = []
        for block in self.body:
            if block.block_type in ("paragraph", "heading"):
                texts.append(block.value)
            elif block.block_type == "quote":
                texts.append(block.value["text"])
            elif block.block_type == "image":
                texts.append(block.value["caption"])
        return texts

    # Cached on the instance: Wagtail's indexer reads each search field several times (title,
    # body, autocomplete), and an index update always loads the page afresh.
    @cached_property
    def search_headline(self) -> str:
        return index_text(self.kicker, self.title, self.subtitle)

    @cached_property
    def search_people(self) -> str:
        names = [c.reporter.title for c in (*self.bylines.all(), *self.photo_credits.all())]
        return index_text(*names)

    @cached_property
    def search_text(self) -> str:
        return index_text(self.summary, self.dateline_text, self.lead_image_caption, *self.body_text)

    # Cached: an article page shows it twice and its JSON-LD once.
    @cached_property
    def character_count(self) -> int:
        return character_count(*self.body_text)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.character_count)

    def get_context(self, request: HttpRequest, *args: object, **kwargs: object) -> dict[str, object]:
        # late: the selectors read these models
        from newsroom.articles.selectors import (
            RELATED_LIMIT,
            article_corrections,
            article_credits_live,
            article_tags,
            group_by_role,
            related_headlines_live,
        )
        from newsroom.chinese import description_of
        from newsroom.readers.scope import reader_scope

        context = super().get_context(request, *args, **kwargs)
        scope = reader_scope(request)
        if getattr(request, "is_preview", False):
            # A preview renders the editor's unsaved version: its bylines, tags, corrections and
            # picks live on the page object (modelcluster), not in the database yet.
            credits = self.credits_in_memory()
            related = [link.related for link in self.related_links.all() if scope.shows(link.related)]
            related = related[:RELATED_LIMIT]
            tags, corrections = list(self.tags.all()), list(self.corrections.all())
        else:
            credits = article_credits_live(self, scope=scope)
            related = related_headlines_live(self, scope=scope)
            tags, corrections = article_tags(self), article_corrections(self)
        authors = [c for c in credits if not c.photo]
        photographers = [c for c in credits if c.photo]
        return {
            **context,
            "meta_description": self.search_description or description_of(self),
            "section": scope.section_of(self) if self.path else None,
            "byline_groups": group_by_role(authors),
            "photo_credit_groups": group_by_role(photographers),
            "authors": authors,
            "photographers": photographers,
            "tags": tags,
            "related": related,
            "corrections": corrections,
        }

    def credits_in_memory(self) -> list:
        """Credits from the edited page itself, as a preview shows them before anything is saved."""
        from newsroom.articles.selectors import Credit

        credits = []
        for photo, relation in ((False, self.bylines), (True, self.photo_credits)):
            for credit in relation.all():
                url = credit.reporter.url if credit.reporter.live else None
                credits.append(Credit(photo=photo, role=credit.role, name=credit.reporter.title, url=url))
        return credits


class ArticleCorrection(Orderable):
    """One correction or update note, shown on the article page and in the API, newest first."""

    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField("日期", help_text="更正或补充说明的日期")
    text = models.TextField("说明", help_text="更正的内容,如:本文第二段“12月”应为“11月”,特此更正。")

    panels = [FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "更正"
        verbose_name_plural = "更正"
        # Newest first wherever they are read; the editor's own order breaks ties on one day.
        ordering = ["-date", "-sort_order"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.text[:30]}"
