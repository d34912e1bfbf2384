"""Who may change which front's picks: the channel home's 头条 and 推荐 are the chief's, a section's
置顶 belongs to whoever may publish articles in that section (its 编辑, and the chief).

The rule asks the front page's own rights tester (newsroom.page_rights), so a section desk granted
or taken away in the admin's groups changes who curates it, with nothing to keep in step. A role
must also hold the model's rights (the migration gives them to 编辑 and 主编): Wagtail's menus and
buttons read those. Nobody adds or deletes a `FrontPicks`: there is one per front, made with it.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from newsroom.curation.models import FrontPicks
from newsroom.sections.models import ChannelHomePage

# One row per front, made and removed with the front itself.
NEVER = frozenset({"add", "delete"})


def may_curate(user: AbstractBaseUser, front: Page) -> bool:
    """Whether `user` may change the picks of `front`: the home's if they may publish the home
    (the chief's channel-wide right), a section's if they may publish articles in it."""
    if not user.is_active:
        return False
    rights = front.specific_deferred.permissions_for_user(user)
    if issubclass(front.specific_class or Page, ChannelHomePage):
        return rights.can_publish()
    return rights.can_publish_subpage()


class FrontPicksPermissionPolicy(ModelPermissionPolicy):
    """The model's rights from the user's groups, each front narrowed to `may_curate`."""

    def user_has_permission(self, user: AbstractBaseUser, action: str) -> bool:
        return action not in NEVER and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: AbstractBaseUser, actions: object) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: AbstractBaseUser, action: str, instance: FrontPicks) -> bool:
        return self.user_has_permission(user, action) and may_curate(user, instance.front)

    def instances_user_has_any_permission_for(self, user: AbstractBaseUser, actions: object) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return FrontPicks.objects.none()
        # One row per front: a handful, each asked of its page's tester.
        fronts = FrontPicks.objects.select_related("front")
        return FrontPicks.objects.filter(pk__in=[picks.pk for picks in fronts if may_curate(user, picks.front)])


front_picks_policy = FrontPicksPermissionPolicy(FrontPicks)
