"""Keep roles and schedules in step with what happens to pages, however it happens (admin, importer, shell)."""

from django.db.models.signals import post_save
from wagtail.models import Page, Revision
from wagtail.signals import page_unpublished

from newsroom.models import SectionPage
from newsroom.roles import open_section_desk
from newsroom.scheduling import release_when_unpublished, release_when_unscheduled


def open_desk_for_new_section(sender: type, instance: SectionPage, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        open_section_desk(instance)


def release_held_page_when_unscheduled(sender: type, instance: Revision, update_fields=None, **kwargs) -> None:
    # Only the admin's "cancel scheduled publish" saves just this field to clear it.
    if update_fields and set(update_fields) == {"approved_go_live_at"}:
        release_when_unscheduled(instance)


def release_held_page_when_unpublished(sender: type, instance: Page, **kwargs) -> None:
    release_when_unpublished(instance)


def register_signal_handlers() -> None:
    post_save.connect(open_desk_for_new_section, sender=SectionPage, dispatch_uid="newsroom_open_section_desk")
    post_save.connect(release_held_page_when_unscheduled, sender=Revision, dispatch_uid="newsroom_release_unscheduled")
    page_unpublished.connect(release_held_page_when_unpublished, dispatch_uid="newsroom_release_unpublished")
