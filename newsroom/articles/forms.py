"""The article editor's form: the 责任编辑 chooser offers the desk's people, not every login."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm


def person_name(user: object, *, or_username: bool = True) -> str:
    """A login's name as printed: 姓 then 名 with no space (王某), else the full name, else the username
    (never for readers: a login name is not a byline)."""
    first, last = (getattr(user, "first_name", "") or "").strip(), (getattr(user, "last_name", "") or "").strip()
    if first or last:
        # Chinese names read family name first; a Latin name keeps its order and space.
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in first + last)
        return f"{last}{first}" if chinese else " ".join(part for part in (first, last) if part)
    return user.get_username() if or_username else ""


class ArticlePageForm(WagtailAdminPageForm):
    """Wagtail's page form, with 责任编辑 chosen among editors and chief editors."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("responsible_editor")
        if field is None:
            return
        from newsroom.roles import CHIEF_EDITORS, EDITORS  # late: roles reads the page models

        # A superuser may have approved 编辑初审; the one already named stays valid after leaving the desk.
        desk = (Q(groups__name__in=(EDITORS, CHIEF_EDITORS)) | Q(is_superuser=True)) & Q(is_active=True)
        if self.instance.responsible_editor_id:
            desk |= Q(pk=self.instance.responsible_editor_id)
        users = get_user_model().objects.filter(desk).distinct()
        field.queryset = users.order_by("last_name", "first_name", "username")
        field.label_from_instance = _choice_label


def _choice_label(user: object) -> str:
    # Two 王某 on one desk are told apart by their logins.
    name, login = person_name(user), user.get_username()
    return name if name == login else f"{name}（{login}）"
