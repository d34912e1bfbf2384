"""编辑初审: a first review that only the editors of the article's own section can act on, and whose
approving editor becomes the article's 责任编辑."""

from django.db import transaction
from django.db.models import CharField, Prefetch, QuerySet, Subquery
from django.db.models.functions import Cast
from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy


def change_request(page) -> TaskState | None:
    """The reviewer's 请求修改 (who, when, the note) while the article waits for its author's changes.

    Wagtail keeps a rejected step as the current step of a workflow that needs changes; listings that
    prefetch workflow states (``prefetch_workflow_states``) answer this without a query.
    """
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    step = state.current_task_state
    return step if step is not None and step.status == TaskState.STATUS_REJECTED else None


def with_review_states(articles: QuerySet) -> QuerySet:
    """A queryset of one page type, with each page's current review state (and its step) prefetched.

    Wagtail's ``prefetch_workflow_states`` finds them only on ``Page`` or ``.specific()`` querysets: on
    ``ArticlePage.objects`` its relation matches no row, and every article would read as not in review.
    """
    states = WorkflowState.objects.active().select_related("current_task_state__task")
    return articles.prefetch_related(Prefetch("_specific_workflow_states", states, to_attr="_current_workflow_states"))


class SectionReviewTask(GroupApprovalTask):
    """A group approval step limited to members who may also publish the page (its section's editors);
    whoever approves it becomes the article's 责任编辑 unless one is named."""

    def _may_review(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        if not isinstance(obj, Page):
            return True
        # Publishing rights follow the section: 编辑-<slug> holds "publish" on its section only.
        return obj.permissions_for_user(user).can_publish()

    def user_can_access_editor(self, obj, user):
        return self._may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_review(obj, user)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self._may_review(obj, user) else []

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and task_state.status == TaskState.STATUS_IN_PROGRESS:
            from newsroom.articles.services import name_responsible_editor  # late: it reads the page models

            # Before approving: the next step then starts on, and finally publishes, the named version
            # (Wagtail starts it on the latest revision its copy of the page knows of: tell it). This
            # relies on WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT being off, Wagtail's default: with
            # it on, a version saved during review would undo this very approval.
            page = task_state.workflow_state.content_object
            if name_responsible_editor(page, user) is not None:
                page.refresh_from_db(fields=["latest_revision"])
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs) -> QuerySet[TaskState]:
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        publishable = (
            PagePermissionPolicy()
            .instances_user_has_permission_for(user, "publish")
            .annotate(key=Cast("pk", output_field=CharField()))
            .values("key")
        )
        return states.filter(workflow_state__object_id__in=Subquery(publishable))

    @classmethod
    def get_description(cls) -> str:
        return "所选用户组的成员可以审核,但只限他们有发布权限的栏目中的稿件"

    class Meta:
        verbose_name = "栏目初审"
        verbose_name_plural = "栏目初审"
