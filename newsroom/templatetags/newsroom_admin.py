"""Template tags of the newsroom's admin: the page bulk-action buttons a user may use, the reading speed."""

from __future__ import annotations

from django import template
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices

from newsroom.chinese import CHARACTERS_PER_MINUTE
from newsroom.page_rights import BULK_ACTION_NEEDS, may_use_bulk_action

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def bulk_action_choices_for_user(context: template.Context, app_label: str, model_name: str) -> dict:
    """Wagtail's bulk-action buttons, without the page actions the user holds no right for anywhere."""
    choices = bulk_action_choices(context, app_label, model_name)
    if (app_label, model_name) != ("wagtailcore", "page"):
        return choices
    user = context["request"].user
    refused = {
        reverse("wagtail_bulk_action", args=[app_label, model_name, action_type])
        for action_type in BULK_ACTION_NEEDS
        if not may_use_bulk_action(user, action_type)
    }
    buttons = []
    for button in choices["buttons"]:
        # Wagtail puts the fifth action on into a "更多" dropdown of its own buttons.
        if hasattr(button, "dropdown_buttons"):
            button.dropdown_buttons = [b for b in button.dropdown_buttons if b.url not in refused]
            if not button.dropdown_buttons:
                continue
        elif button.url in refused:
            continue
        buttons.append(button)
    return {"buttons": buttons}


@register.simple_tag
def characters_per_minute() -> int:
    """The reading speed behind every 阅读时间 (newsroom.chinese), for the 检查 panel and its script."""
    return CHARACTERS_PER_MINUTE
