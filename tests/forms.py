"""The article editor's form as a browser posts it, for tests that drive the admin's own views."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def article_form(page=None, **overrides) -> dict:
    """The article editor's form as the browser posts it: the page's current values, then the overrides."""
    data = {
        "title": page.title if page else "胶东经济圈一体化发展全面起势",
        "slug": page.slug if page else "jiaodong",
        "kicker": "",
        "subtitle": "",
        "summary": "",
        "dateline_text": "",
        "dateline_source": "",
        "dateline_place": "",
        "dateline_date": "",
        "body": streamfield([("paragraph", "本报青岛讯 胶东五市携手推进一体化。")]),
        "lead_image_caption": "",
        "edition_date": "",
        "print_page": "",
        "print_page_name": "",
        "tags": "",
        "responsible_editor": (page.responsible_editor_id or "") if page else "",
        "responsible_editor_name": page.responsible_editor_name if page else "",
        "source": page.source if page else "",
        "go_live_at": "",
        "expire_at": "",
        "bylines": inline_formset([]),
        "photo_credits": inline_formset([]),
        "related_links": inline_formset([]),
        "corrections": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
