"""Corrections and update notes (更正) that editors add to a published article."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


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
