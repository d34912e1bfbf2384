"""Who may do what to which page in the admin: the newsroom's roles (记者, 编辑, 主编) per page type.

Wagtail grants a page right on a page *and every page below it*, and newsroom.roles grants the
writers' and the desks' rights on each section, for the articles in it. Taken as Wagtail takes them,
a section's editors could also edit, unpublish or delete the section itself, and delete its live
articles. Wagtail asks the page class for its tester (``Page.permissions_for_user``), and every admin
view, menu, bulk action and the userbar asks the tester; the two testers here state the rule:

=====================  ==========================  ================================  ===========
page                   记者                         编辑 of its section               主编
=====================  ==========================  ================================  ===========
article                edit, submit; delete or     also publish, unpublish,          everything
                       move own never-published    schedule, lock, unlock; delete
                       drafts                      or move never-published drafts
section                add articles                add (and publish) articles        everything
channel home,          nothing                     nothing                           everything
reporter index/pages
=====================  ==========================  ================================  ===========

An 编辑 of another section has the 记者's rights there. Superusers may do everything.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

# Bulk actions on pages, by the right a user must hold somewhere for the button to be of any use.
BULK_ACTION_NEEDS = {
    "publish": "publish",
    "unpublish": "publish",
    "delete": "change",
    "move": "change",
    # The desk's own (newsroom.bulk_actions).
    "submit": "change",
    "add_tags": "change",
}


def _action(codename: str) -> str:
    # "publish_page" -> "publish", as Wagtail's tester names them
    return codename.rsplit("_", maxsplit=1)[0]


def never_published(page: Page) -> bool:
    """A draft no reader has seen and no one has scheduled (in review or not)."""
    return not page.live and page.last_published_at is None and not page.approved_schedule


class NewsroomPageRights(PagePermissionTester):
    """Wagtail's tester, also knowing which of the user's rights come from the channel, not a section."""

    @cached_property
    def channel_rights(self) -> PagePermissionTester:
        """Wagtail's own tester for this page, seeing only rights granted on the channel home or above:
        the chief's. A right granted on a section counts for the articles in it, not for the section."""
        tester = PagePermissionTester(self.user, self.page)
        if hasattr(tester, "permissions"):
            section_type = ContentType.objects.get_by_natural_key("newsroom", "sectionpage").pk
            tester.permissions = {
                _action(grant.permission.codename)
                for grant in self.permission_policy.get_cached_permissions_for_user(self.user)
                if self.page.path.startswith(grant.page.path) and grant.page.content_type_id != section_type
            }
        return tester


class ChannelStructureRights(NewsroomPageRights):
    """The channel home, sections and the reporters' pages: the chief's alone.

    Adding (and, for a desk, publishing on creation) articles into a section, and ordering them,
    stay Wagtail's rules on every grant. Copying, moving, scheduling and privacy follow from these
    in Wagtail's own code (``can_copy`` is ``can_edit``, ``can_move`` is ``can_delete``…).
    """

    def can_edit(self) -> bool:
        return self.channel_rights.can_edit()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return self.channel_rights.can_delete(ignore_bulk=ignore_bulk)

    def can_publish(self) -> bool:
        return self.channel_rights.can_publish()

    def can_unpublish(self) -> bool:
        return self.channel_rights.can_unpublish()

    def can_lock(self) -> bool:
        return self.channel_rights.can_lock()

    def can_unlock(self) -> bool:
        return self.channel_rights.can_unlock()


class ArticleRights(NewsroomPageRights):
    """Articles: Wagtail's rules on every grant, except that only the chief deletes (or moves) what
    readers have seen; below the chief, a never-published draft, one's own or in a section one publishes."""

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if self.channel_rights.can_delete(ignore_bulk=ignore_bulk):
            return True
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        return never_published(self.page) and (self.page.owner_id == self.user.pk or "publish" in self.permissions)


class ArticlePageRights:
    """Page mixin: articles answer to ``ArticleRights``."""

    def permissions_for_user(self, user: AbstractBaseUser) -> PagePermissionTester:
        return ArticleRights(user, self)


class ChannelStructurePageRights:
    """Page mixin: the channel home, sections and reporters' pages answer to ``ChannelStructureRights``."""

    def permissions_for_user(self, user: AbstractBaseUser) -> PagePermissionTester:
        return ChannelStructureRights(user, self)


def may_use_bulk_action(user: AbstractBaseUser, action_type: str) -> bool:
    """Whether a page bulk action's button is of use to the user: they hold its right somewhere.

    Each page chosen is still tried by the tester; this only hides a button that could do nothing
    (publishing and unpublishing for a reporter)."""
    needed = BULK_ACTION_NEEDS.get(action_type)
    return needed is None or PagePermissionPolicy().user_has_permission(user, needed)
