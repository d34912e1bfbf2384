"""The editors' picks for one front (版面): the channel home's 头条 and 推荐, a section's 置顶.

One `FrontPicks` row per front, made with the front. Picks are changed as drafts, published,
logged and kept in history like a page (Wagtail's DraftStateMixin, RevisionMixin, LockableMixin):
readers only ever read a published row. A pick may end at a set time; after it, or while the
article is out of readers' sight, the slot falls back to the newest visible article (see
`newsroom.curation.selectors`).
"""

from __future__ import annotations

from django import forms
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, Page, RevisionMixin

from newsroom.sections.models import ChannelHomePage

ENDS_AT_HELP = "到这个时间自动撤下,由最新稿件替补;不填则一直有效"


class FrontPicksForm(WagtailAdminModelForm):
    """Picks that make sense for their front: a 头条 on the home only, a section's pins from that
    section, no article twice."""

    def clean(self) -> dict:
        cleaned = super().clean()
        front = self.instance.front
        picks = self.formsets["picks"]
        if not picks.is_valid():
            return cleaned
        chosen = [
            form.cleaned_data["article"]
            for form in picks.forms
            if form.cleaned_data.get("article") and not form.cleaned_data.get("DELETE")
        ]
        if cleaned.get("lead") and not self.instance.is_home:
            self.add_error("lead", "只有频道首页有头条")
        titles = [article.title for article in chosen]
        if twice := sorted({title for title in titles if titles.count(title) > 1}):
            raise forms.ValidationError("同一篇稿件只能选一次:" + "、".join(twice))
        if not self.instance.is_home:
            elsewhere = [a.title for a in chosen if not (a.path.startswith(front.path) and a.depth == front.depth + 1)]
            if elsewhere:
                raise forms.ValidationError(f"置顶稿件必须是「{front.title}」栏目的稿件:" + "、".join(elsewhere))
        return cleaned


class HomeOnlyPanel(MultiFieldPanel):
    """Shown on the channel home's picks only (the 头条)."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def is_shown(self) -> bool:
            return self.instance.is_home and super().is_shown()


class PicksPanel(InlinePanel):
    """The ordered picks, headed as the front calls them: 推荐 on the home, 置顶 on a section."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs)
            self.heading = "推荐稿件(按顺序)" if self.instance.is_home else "置顶稿件(按顺序,排在栏目最前)"


class FrontPicks(DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """One front's picks: the home's 头条 and 推荐 list, or a section's 置顶 list."""

    front = models.OneToOneField(
        Page, verbose_name="版面", on_delete=models.CASCADE, related_name="front_picks", editable=False
    )
    lead = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name="头条",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="首页最上方的大标题稿件;不选则用最新发布的稿件",
    )
    lead_ends_at = models.DateTimeField("头条截止时间", null=True, blank=True, help_text=ENDS_AT_HELP)

    panels = [
        HomeOnlyPanel([FieldPanel("lead"), FieldPanel("lead_ends_at")], heading="头条"),
        PicksPanel("picks", label="稿件"),
    ]
    base_form_class = FrontPicksForm

    class Meta:
        verbose_name = "推荐位"
        verbose_name_plural = "推荐位"

    def __str__(self) -> str:
        return "首页:头条和推荐" if self.is_home else f"{self.front.title}:置顶"

    @property
    def is_home(self) -> bool:
        return issubclass(self.front.specific_class or Page, ChannelHomePage)


class FrontPick(Orderable):
    """One picked article in its place on a front, until `ends_at` if set."""

    front = ParentalKey(FrontPicks, on_delete=models.CASCADE, related_name="picks")
    article = models.ForeignKey("newsroom.ArticlePage", verbose_name="稿件", on_delete=models.CASCADE, related_name="+")
    ends_at = models.DateTimeField("截止时间", null=True, blank=True, help_text=ENDS_AT_HELP)

    panels = [FieldRowPanel([FieldPanel("article"), FieldPanel("ends_at")])]

    class Meta(Orderable.Meta):
        verbose_name = "选定稿件"
        verbose_name_plural = "选定稿件"

    def __str__(self) -> str:
        return str(self.article)
