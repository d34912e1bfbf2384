"""Keep roles, schedules and fronts' picks in step with pages, however they change (admin, importer, shell)."""

from django.db.models.signals import post_save
from wagtail.models import Page, Revision
from wagtail.signals import page_unpublished

from newsroom.models import ChannelHomePage, FrontPicks, SectionPage
from newsroom.roles import open_section_desk
from newsroom.scheduling import release_when_unpublished, release_when_unscheduled


def open_desk_for_new_section(sender: type, instance: SectionPage, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        open_section_desk(instance)


def give_front_its_picks(sender: type, instance: Page, created: bool, raw: bool = False, **kwargs) -> None:
    # Each front has its picks from the start, unpublished and empty until an editor chooses.
    if created and not raw:
        FrontPicks.objects.get_or_create(front=instance, defaults={"live": False})


def release_held_page_when_unscheduled(sender: type, instance: Revision, update_fields=None, **kwargs) -> None:
    # Only the admin's "cancel scheduled publish" saves just this field to clear it.
    if update_fields and set(update_fields) == {"approved_go_live_at"}:
        release_when_unscheduled(instance)


def release_held_page_when_unpublished(sender: type, instance: Page, **kwargs) -> None:
    release_when_unpublished(instance)


def register_signal_handlers() -> None:
    post_save.connect(open_desk_for_new_section, sender=SectionPage, dispatch_uid="newsroom_open_section_desk")
    for front in (ChannelHomePage, SectionPage):
        post_save.connect(give_front_its_picks, sender=front, dispatch_uid=f"newsroom_front_picks_{front.__name__}")
    post_save.connect(release_held_page_when_unscheduled, sender=Revision, dispatch_uid="newsroom_release_unscheduled")
    page_unpublished.connect(release_held_page_when_unpublished, dispatch_uid="newsroom_release_unpublished")
