"""A review action (批准, 请求修改) acts once, on the review step the reviewer was shown, by someone who may act on it.

Wagtail's page editor checks a workflow action against the step in progress when the form is posted, then
applies it to whatever step is in progress a moment later. Two posts of one approval (the editor's form
and an autosave that carried the dialog's hidden fields) could so approve 编辑初审 and then, as the same
编辑, 主编终审, which publishes. Here the editor's form carries the step it was rendered for
(``REVIEW_STEP_FIELD``); the action locks that step's row, does nothing unless the step is still in
progress, and checks the reviewer's right on that step's own task. The action address
(``/admin/pages/workflow/action/<page>/<action>/<step>/``) goes through the same rule.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import TaskState, WorkflowState

from newsroom.wordcheck.panels import WordCheckSidePanel
from newsroom.wordcheck.rules import APPROVE, enforce

# The hidden input of the page editor's form: the review step (TaskState) the reviewer saw.
REVIEW_STEP_FIELD = "review_task_state"

STEP_ALREADY_DONE = (
    "这一步审核已经处理过（可能是别人刚刚处理，或你重复提交了），本次操作没有改动任何内容。请查看稿件当前的审核状态。"
)


def lock_review_step(page, task_state_id, user, action_name: str) -> TaskState | None:
    """The page's review step, locked until the transaction ends, if it is still in progress and the user
    may take this action on it; None when it was already dealt with. Call inside ``transaction.atomic``.

    Raises PermissionDenied when the step is in progress but the user may not act on it.
    """
    try:
        state = (
            TaskState.objects.for_instance(page)
            .select_for_update()
            .get(
                pk=task_state_id,
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            )
        )
    except (TaskState.DoesNotExist, ValueError, TypeError):
        return None
    state = state.specific
    task = state.task.specific
    if action_name not in {name for name, _label, _modal in task.get_actions(page, user)}:
        raise PermissionDenied
    return state


class ReviewedEditView(EditView):
    """Wagtail's page editor, with review actions bound to the step the form was rendered for."""

    def get_template_names(self):
        names = super().get_template_names()
        # The full editor only (not an alias's page or the partial re-render).
        return ["newsroom/admin/edit_page.html"] if names == ["wagtailadmin/pages/edit.html"] else names

    def get_side_panels(self):
        panels = super().get_side_panels()
        if not self.expects_json_response:
            panels.append(WordCheckSidePanel(self.page, self.request))
        return panels

    @cached_property
    def action_name_and_method(self):
        name, method = super().action_name_and_method
        if not self.request.POST.get("action-workflow-action") or name not in ("perform_workflow_action", "save"):
            return name, method
        if self.expects_json_response:
            # An autosave serialises the whole form, including the review dialog's hidden fields: it saves.
            return "save", self.save_action
        return "perform_workflow_action", self.perform_workflow_action

    def perform_workflow_action(self):
        action_name = self.request.POST.get("workflow-action-name", "")
        with transaction.atomic():
            step = lock_review_step(self.page, self.request.POST.get(REVIEW_STEP_FIELD), self.request.user, action_name)
            if step is None:
                messages.error(self.request, STEP_ALREADY_DONE)
                return redirect(reverse("wagtailadmin_pages:edit", args=(self.page.pk,)))
            if action_name == "approve":
                # The word check of the text as posted; refused, the edits are kept as a draft.
                decision = enforce(self.request, self.page, action=APPROVE)
                if not decision.allowed:
                    messages.error(self.request, decision.message)
                    return self.save_action()
            # The locked step is the one in progress, so Wagtail's own action (save, then act on the
            # current step) acts on it; a concurrent post waits for the lock and then finds it done.
            self.workflow_action = action_name
            return super().perform_workflow_action()


class ReviewedWorkflowActionView(WorkflowActionView):
    """The action address (dashboard buttons, a replayed link): the same rule, and a repeat is harmless."""

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            step = lock_review_step(self.object, self.task_state_id, request.user, self.action_name)
            if step is None:
                messages.error(request, STEP_ALREADY_DONE)
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
                return redirect(self.redirect_url)
            if self.action_name == "approve":
                # No 字词检查 panel here to confirm or give a reason in: those are made in the editor.
                page = self.object.get_latest_revision_as_object()
                decision = enforce(request, page, action=APPROVE, confirmable=False)
                if not decision.allowed:
                    messages.error(request, decision.message)
                    if request.headers.get("x-requested-with") == "XMLHttpRequest":
                        return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
                    return redirect(self.redirect_url)
            self.task_state = step
            return super().post(request, *args, **kwargs)


class NewsroomPageViewSet(PageViewSet):
    """The admin views of the newsroom's page types (Wagtail's own, but for review actions)."""

    edit_view_class = ReviewedEditView
    workflow_action_view_class = ReviewedWorkflowActionView


def page_viewsets(models) -> list[NewsroomPageViewSet]:
    return [NewsroomPageViewSet(f"newsroom_{model._meta.model_name}", model=model) for model in models]
