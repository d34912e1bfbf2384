"""The editor's 字词检查 side panel: every hit of the word list in the page as it was last saved."""

from __future__ import annotations

from wagtail.admin.ui.side_panels import BaseSidePanel

from newsroom.wordcheck.check import check_page
from newsroom.wordcheck.matcher import BANNED, CAUTION, KIND_LABELS, TYPO
from newsroom.wordcheck.rules import CONFIRM_FIELD, OVERRIDE_FIELD, may_override


class WordCheckSidePanel(BaseSidePanel):
    class SidePanelToggle(BaseSidePanel.SidePanelToggle):
        aria_label = "字词检查"
        icon_name = "clipboard-list"

        def get_context_data(self, parent_context: dict) -> dict:
            context = super().get_context_data(parent_context)
            context["count"] = len(self.panel.hits)
            return context

        @property
        def counter_classname(self) -> str:
            return "w-bg-critical-200" if any(hit.kind == BANNED for hit in self.panel.hits) else ""

    name = "word_check"
    title = "字词检查"
    template_name = "newsroom/admin/word_check_panel.html"
    order = 340  # beside Wagtail's 检查 (checks)

    def __init__(self, page: object, request: object) -> None:
        # Checked once per render: the toggle's counter and the panel read the same hits.
        self.hits = check_page(page)
        super().__init__(page, request)

    def get_context_data(self, parent_context: dict) -> dict:
        context = super().get_context_data(parent_context)
        post = self.request.POST if self.request.method == "POST" else {}
        groups = [
            (kind, KIND_LABELS[kind], [hit for hit in self.hits if hit.kind == kind])
            for kind in (BANNED, CAUTION, TYPO)
        ]
        context.update(
            {
                "hits": self.hits,
                "groups": [group for group in groups if group[2]],
                "caution_terms": list(dict.fromkeys(hit.term for hit in self.hits if hit.kind == CAUTION)),
                "has_banned": any(hit.kind == BANNED for hit in self.hits),
                "may_override": may_override(self.request.user),
                "confirm_field": CONFIRM_FIELD,
                "override_field": OVERRIDE_FIELD,
                "confirmed": post.getlist(CONFIRM_FIELD) if post else [],
                "override_reason": post.get(OVERRIDE_FIELD, "") if post else "",
            }
        )
        return context
