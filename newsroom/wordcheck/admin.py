"""The word check in the Wagtail admin: the 字词表 snippet, the check on every publishing path, the
message after a save, and the 主编's override in the page history. Registered from newsroom.wagtail_hooks."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsroom.wordcheck.check import check_page, hits_summary
from newsroom.wordcheck.models import WordListEntry
from newsroom.wordcheck.rules import CONFIRM_FIELD, OVERRIDE_LOG_ACTION, PUBLISH, decide, enforce, quoted


class WordListViewSet(SnippetViewSet):
    model = WordListEntry
    icon = "clipboard-list"
    menu_label = "字词表"
    list_display = ["term", "kind", "replacement", "note", "updated_at"]
    list_filter = ["kind"]
    # A plain database search: a term is a few characters, not text to cut into words.
    search_backend_name = None
    search_fields = ["term", "replacement", "note"]


register_snippet(WordListViewSet)


def _after_save(request: HttpRequest, page: Page) -> None:
    hits = check_page(page.specific)
    if hits:
        messages.warning(request, f"字词检查发现 {len(hits)} 处：{hits_summary(hits)}。详见右侧“字词检查”面板。")


@hooks.register("after_edit_page")
def word_check_after_edit(request: HttpRequest, page: Page) -> None:
    _after_save(request, page)


@hooks.register("after_create_page")
def word_check_after_create(request: HttpRequest, page: Page) -> None:
    _after_save(request, page)


@hooks.register("before_publish_page")
def word_check_before_publish(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Publishing (or scheduling) from the editor, new page or existing: the version just saved is
    checked; refused, it stays a draft and the editor comes back to it with the reason."""
    decision = enforce(request, page.specific, action=PUBLISH)
    if decision.allowed:
        return None
    if page.live and page.live_revision_id is None:
        # A new page being published was added to the tree live, to be published next: refused,
        # it must stay a draft, as "save draft" would have added it.
        Page.objects.filter(pk=page.pk).update(live=False)
    messages.error(request, decision.message)
    return redirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


@hooks.register("before_bulk_action")
def word_check_before_bulk_publish(
    request: HttpRequest, action_type: str, objects: list, action: object
) -> HttpResponse | None:
    """The bulk 发布 action publishes each page's latest version (and, if asked, its draft subpages):
    it goes ahead only if every one of them passes. There is no 字词检查 panel here to confirm a
    慎用 term or give a reason in, so such pages are published one at a time from the editor."""
    if action_type != "publish" or not isinstance(action.model, type) or not issubclass(action.model, Page):
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            drafts = page.get_descendants().not_live().specific()
            pages.extend(draft for draft in drafts if draft.permissions_for_user(request.user).can_publish())
    refused = []
    for page in pages:
        content = page.get_latest_revision_as_object() if page.latest_revision_id else page.specific
        decision = decide(content, request.user, action=PUBLISH)
        if not decision.allowed:
            refused.append(f"《{page.get_admin_display_title()}》：{decision.message}")
    if not refused:
        return None
    messages.error(request, "没有发布任何页面。以下页面未通过字词检查，请在编辑页面处理后再发布：" + "；".join(refused))
    return redirect(action.next_url)


class OverrideFormatter(LogFormatter):
    label = "字词检查放行"

    def format_message(self, log_entry: object) -> str:
        data = log_entry.data or {}
        return f"{data.get('action', PUBLISH)}时放行禁用词{quoted(data.get('terms', []))}"

    def format_comment(self, log_entry: object) -> str:
        return f"理由：{(log_entry.data or {}).get('reason', '')}"


@hooks.register("register_log_actions")
def register_word_check_log_actions(actions: object) -> None:
    actions.register_action(OVERRIDE_LOG_ACTION)(OverrideFormatter)


@hooks.register("insert_editor_js")
def word_check_js() -> str:
    # The 字词检查 panel's 改正 buttons.
    return format_html('<script src="{}"></script>', static("newsroom/admin/word-check.js"))


__all__ = ["CONFIRM_FIELD", "WordListViewSet"]
