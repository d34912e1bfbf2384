"""The channel's word list (字词表): terms editors keep in the admin, each 禁用, 慎用 or 错别字."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from newsroom.search.segmenter import normalize
from newsroom.wordcheck.matcher import BANNED, CAUTION, KIND_LABELS, TYPO, Term


class WordListEntry(models.Model):
    """A term the word check looks for in every article before it is published."""

    class Kind(models.TextChoices):
        BANNED = BANNED, KIND_LABELS[BANNED]
        CAUTION = CAUTION, KIND_LABELS[CAUTION]
        TYPO = TYPO, KIND_LABELS[TYPO]

    term = models.CharField("词语", max_length=50, unique=True, help_text="繁体、全角的写法也会查到,只需录入一种写法。")
    kind = models.CharField(
        "类别",
        max_length=10,
        choices=Kind.choices,
        default=Kind.TYPO,
        help_text="禁用:不能发布(主编可说明理由后放行);慎用:发布前需确认;错别字:提示改正。",
    )
    replacement = models.CharField("建议改为", max_length=100, blank=True)
    note = models.CharField("说明", max_length=200, blank=True, help_text="为什么要改,依据哪条规范")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("kind"), FieldPanel("replacement"), FieldPanel("note")]

    class Meta:
        verbose_name = "字词"
        verbose_name_plural = "字词表"
        ordering = ["kind", "term"]

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        self.term = self.term.strip()
        if not normalize(self.term).strip():
            raise ValidationError({"term": "请填写要检查的词语。"})
        if self.kind == self.Kind.TYPO and not self.replacement.strip():
            raise ValidationError({"replacement": "错别字请填写正确的写法。"})

    def as_term(self) -> Term:
        return Term(term=self.term, kind=self.kind, replacement=self.replacement, note=self.note)
