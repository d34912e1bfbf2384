"""The newsroom's roles (记者, 编辑, 主编) as Wagtail groups, and each section's editors' desk.

How rights are laid out (the data migration creates the three groups; this module keeps sections in step):

- 记者 and 编辑 may add and edit articles in every section (``add``, ``change`` on each section page, so
  neither can create sections, touch the channel home or publish anything).
- Each section gets its own group ``编辑-<slug>`` when it is created, holding ``publish``, ``lock`` and
  ``unlock`` on that section only: an editor is a member of 编辑 *and* of the desks of their sections.
- 主编 holds every page right on the channel home, so on every section and article.

What these grants allow on each page type is ``newsroom.page_rights``: a grant on a section counts
for the articles in it, not for the section page itself.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

from newsroom.models import SectionPage

REPORTERS = "记者"
EDITORS = "编辑"
CHIEF_EDITORS = "主编"
SECTION_DESK_PREFIX = "编辑-"

# Page rights by action ("add" means add_page…), on the pages named in the module docstring.
WRITER_PAGE_ACTIONS = ("add", "change")
SECTION_DESK_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
CHIEF_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")


def section_desk_name(section: SectionPage) -> str:
    """The name of the group whose members edit and publish this section: 编辑-<slug>."""
    return f"{SECTION_DESK_PREFIX}{section.slug}"


def page_permission(action: str) -> Permission:
    """Wagtail's page permission for an action such as "publish"."""
    return Permission.objects.get(content_type=ContentType.objects.get_for_model(Page), codename=f"{action}_page")


def _grant(group: Group, page: Page, actions: tuple[str, ...]) -> None:
    for action in actions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=page_permission(action))


def open_section_desk(section: SectionPage) -> Group:
    """Give a section its rights: writers may add and edit there, its own desk may also publish."""
    for writers in Group.objects.filter(name__in=(REPORTERS, EDITORS)):
        _grant(writers, section, WRITER_PAGE_ACTIONS)
    desk, _ = Group.objects.get_or_create(name=section_desk_name(section))
    desk.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    _grant(desk, section, SECTION_DESK_PAGE_ACTIONS)
    return desk


def assign_section_editor(user: AbstractBaseUser, section: SectionPage) -> None:
    """Make a login an editor of a section: member of 编辑 and of the section's desk."""
    user.groups.add(Group.objects.get(name=EDITORS), open_section_desk(section))
