"""The admin's 推荐位 screen: one `FrontPicks` per front, each edited, published and locked by whoever
may curate that front (newsroom.curation.rights), with Wagtail's snippet views."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets

from newsroom.curation.models import FrontPicks
from newsroom.curation.rights import front_picks_policy, may_curate


class OneFrontOnly:
    """Views of one front's picks ask about that front: Wagtail's snippet views ask the policy about
    the model alone ("may change some picks"), which would let a section's 编辑 open the home's."""

    def _may_curate_this_front(self) -> bool:
        front_picks = getattr(self, "object", None)
        return not isinstance(front_picks, FrontPicks) or may_curate(self.request.user, front_picks.front)

    def user_has_permission(self, permission: str) -> bool:
        return self._may_curate_this_front() and super().user_has_permission(permission)

    def user_has_any_permission(self, permissions: list[str]) -> bool:
        return self._may_curate_this_front() and super().user_has_any_permission(permissions)


class EditView(OneFrontOnly, snippets.EditView):
    pass


class HistoryView(OneFrontOnly, snippets.HistoryView):
    pass


class UnpublishView(OneFrontOnly, snippets.UnpublishView):
    pass


class RevisionsCompareView(OneFrontOnly, snippets.RevisionsCompareView):
    pass


class RevisionsUnscheduleView(OneFrontOnly, snippets.RevisionsUnscheduleView):
    pass


class PreviewRevisionView(OneFrontOnly, snippets.PreviewRevisionView):
    pass


class LockView(OneFrontOnly, snippets.LockView):
    pass


class UnlockView(OneFrontOnly, snippets.UnlockView):
    pass


class UsageView(OneFrontOnly, snippets.UsageView):
    pass


class FrontPicksViewSet(snippets.SnippetViewSet):
    """推荐位: listed under its own menu item, the fronts the user may curate only."""

    model = FrontPicks
    icon = "thumbtack"
    menu_label = "推荐位"
    menu_name = "front-picks"
    menu_order = 250  # after 页面 and 稿件, where the desk works
    add_to_admin_menu = True
    copy_view_enabled = False

    edit_view_class = EditView
    history_view_class = HistoryView
    unpublish_view_class = UnpublishView
    revisions_compare_view_class = RevisionsCompareView
    revisions_unschedule_view_class = RevisionsUnscheduleView
    revisions_view_class = PreviewRevisionView
    lock_view_class = LockView
    unlock_view_class = UnlockView
    usage_view_class = UsageView

    def get_queryset(self, request: HttpRequest) -> QuerySet[FrontPicks]:
        # The home first, then the sections in the tree's order.
        return (
            front_picks_policy.instances_user_has_any_permission_for(request.user, ["change"])
            .select_related("front")
            .order_by("front__path")
        )

    def get_permissions_to_register(self) -> QuerySet:
        # Fronts are never added or deleted by hand: only the rights that mean something are offered.
        return super().get_permissions_to_register().exclude(codename__in=["add_frontpicks", "delete_frontpicks"])


def register_front_picks_admin() -> None:
    """The policy first: the viewset reads it when it registers."""
    register_permission_policy(FrontPicks, front_picks_policy)
    register_snippet(FrontPicksViewSet)
