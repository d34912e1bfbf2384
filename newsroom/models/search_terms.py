"""Words editors teach the search (搜索词库): names and places it must keep whole."""

from django.db import models
from wagtail.admin.panels import FieldPanel


class SearchTerm(models.Model):
    """A word the segmenter keeps whole, e.g. 金沙滩啤酒城; adding one re-indexes the articles holding it."""

    word = models.CharField(
        "词语", max_length=40, unique=True, help_text="如:金沙滩啤酒城。保存后含这个词的稿件会重新索引。"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("word"), FieldPanel("note")]

    class Meta:
        verbose_name = "搜索词"
        verbose_name_plural = "搜索词库"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
