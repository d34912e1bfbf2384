"""The channel home (频道) and its sections (栏目)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ChannelHomePage(Page):
    """The channel's front page; one per site."""

    intro = models.TextField("频道简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage", "newsroom.ReporterIndexPage"]
    max_count = 1
    page_description = "频道首页(每个站点只有一个),下设栏目和记者名录。"

    class Meta:
        verbose_name = "频道首页"
        verbose_name_plural = "频道首页"


class SectionPage(Page):
    """A section (栏目) of the channel; articles live under it."""

    intro = models.TextField("栏目简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["newsroom.ChannelHomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    page_description = "栏目:稿件都发在某个栏目之下。"

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
