"""The article desk's own bulk actions: 提交审核 and 添加标签, beside Wagtail's publish and unpublish.

Each page chosen is tried as the editor would try it alone: the page's rights tester
(``newsroom.page_rights``) and, for submitting, the same test the editor's 提交审核 button uses
(``can_submit_for_moderation``). A page that fails goes to the list "you may not", as Wagtail's
own bulk actions do; the others are acted on in Wagtail's ways (a revision saved, the workflow
started or resumed).
"""

from __future__ import annotations

from django import forms
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page, WorkflowState

from newsroom.models import ArticlePage


def _latest_revision(page: Page, user: object):
    # A workflow reviews a revision: a page made outside the editor may not have one yet.
    return page.get_latest_revision() or page.save_revision(user=user, log_action=True)


class ConfirmedBulkAction(PageBulkAction):
    """A desk bulk action whose confirmation page says, in its own words, what it does and to which pages."""

    template_name = "newsroom/admin/bulk_actions/confirm.html"
    # The confirmation page's words: title, icon, question, refused (the pages left out), yes, no.
    confirmation: dict[str, str] = {}

    def get_context_data(self, **kwargs: object) -> dict:
        return {**super().get_context_data(**kwargs), **self.confirmation, "has_fields": bool(self.form_class().fields)}


@hooks.register("register_bulk_action")
class SubmitForReviewBulkAction(ConfirmedBulkAction):
    """提交审核: the chosen pages enter their workflow (a story sent back resumes where it stopped)."""

    display_name = "提交审核"
    action_type = "submit"
    aria_label = "提交所选页面审核"
    confirmation = {
        "title": "提交审核",
        "icon": "tasks",
        "question": "确定要把这些页面提交审核吗?每篇按它的审核流程进入第一步;退回修改的稿件从退回的那一步继续。",
        "refused": "这些页面不能由您提交审核(没有编辑权限、已被锁定,或已在审核中):",
        "yes": "确定提交",
        "no": "不提交",
    }
    action_priority = 35

    def check_perm(self, page: Page) -> bool:
        rights = page.permissions_for_user(self.request.user)
        # The editor's own test: may edit, the page is not locked, has a workflow, none in progress.
        return rights.can_edit() and rights.can_submit_for_moderation()

    @classmethod
    def execute_action(cls, objects: list[Page], user: object = None, **kwargs: object) -> tuple[int, int]:
        for page in objects:
            page = page.specific
            _latest_revision(page, user)
            state = page.current_workflow_state
            if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(user)
            else:
                page.get_workflow().start(page, user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        return f"已提交审核 {num_parent_objects} 篇。"


class TagForm(forms.Form):
    tags = forms.CharField(
        label="标签", widget=widgets.AdminTagWidget, help_text="可填多个,以逗号分隔;保存为新的草稿版本,发布后读者可见。"
    )

    def clean_tags(self) -> list[str]:
        tags = [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]
        if not tags:
            raise forms.ValidationError("请填写标签。")
        return tags


@hooks.register("register_bulk_action")
class AddTagsBulkAction(ConfirmedBulkAction):
    """添加标签: the tags go into a new draft revision of each article, as saving its editor would."""

    display_name = "添加标签"
    action_type = "add_tags"
    aria_label = "为所选稿件添加标签"
    confirmation = {
        "title": "添加标签",
        "icon": "tag",
        "question": "为这些稿件添加标签:",
        "refused": "这些页面不能由您添加标签(不是稿件、没有编辑权限,或已被锁定):",
        "yes": "添加",
        "no": "不添加",
    }
    action_priority = 45
    form_class = TagForm

    def check_perm(self, page: Page) -> bool:
        if not issubclass(page.specific_class or Page, ArticlePage):
            return False
        rights = page.permissions_for_user(self.request.user)
        # Saving in the editor: may edit, and no lock (nor a review step) holds the page for others.
        return rights.can_edit() and not rights.page_locked()

    def get_execution_context(self) -> dict:
        return {**super().get_execution_context(), "tags": self.cleaned_form.cleaned_data["tags"]}

    @classmethod
    def execute_action(
        cls, objects: list[Page], tags: list[str] | None = None, user: object = None, **kwargs: object
    ) -> tuple[int, int]:
        for page in objects:
            # The latest version, unpublished changes included, so nobody's draft is lost.
            article = page.specific.get_latest_revision_as_object()
            article.tags.add(*tags)
            article.save_revision(user=user, log_action=True)
        return len(objects), 0

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        return f"已为 {num_parent_objects} 篇稿件添加标签,保存为草稿;发布后读者可见。"
