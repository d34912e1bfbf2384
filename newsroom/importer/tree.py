"""Append many new pages under one parent in a few bulk statements, as the tree stores them."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils.text import slugify
from wagtail.models import Page

# Slug of a page whose title slugifies to nothing (only punctuation, say).
FALLBACK_SLUG = "article"
SLUG_LENGTH = Page._meta.get_field("slug").max_length


def unique_slug(title: str, taken: set[str], last_suffix: dict[str, int]) -> str:
    """Wagtail's slug for `title` (unicode kept, -2, -3… on a clash), not in `taken`; adds it there.

    `last_suffix`, kept across calls that share `taken`, holds the suffix each title's slug last
    got: every suffix below it is still taken, so the search goes on from there, and a thousand
    pages titled 图片新闻 cost a thousand look-ups, not half a million.
    """
    base = slugify(title, allow_unicode=True) or FALLBACK_SLUG
    suffix = last_suffix.get(base, 1)
    slug = _suffixed(base, suffix)
    while slug in taken:
        suffix += 1
        slug = _suffixed(base, suffix)
    taken.add(slug)
    last_suffix[base] = suffix
    return slug


def _suffixed(base: str, suffix: int) -> str:
    if suffix == 1:
        return base[:SLUG_LENGTH]
    tail = f"-{suffix}"
    return base[: SLUG_LENGTH - len(tail)] + tail


def bulk_add_children(parent: Page, children: Sequence[Page]) -> None:
    """Append `children` (unsaved pages of one model) after `parent`'s last child: page rows, model rows, numchild.

    Tree fields (path, depth, numchild, url_path, draft_title, content type, locale) are set here,
    and a slug from the title where a child has none, unique among its siblings; everything else
    (live, revisions, publication dates) is the caller's. No save() runs: no signals, no clean.
    """
    if not children:
        return
    model = type(children[0])
    content_type = ContentType.objects.get_for_model(model)
    depth = parent.depth + 1
    siblings = Page.objects.filter(path__startswith=parent.path, depth=depth)
    # After the last child, not at numchild + 1: deleted children leave gaps in the paths.
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    position = Page._str2int(last[-Page.steplen :]) if last else 0
    taken = set(siblings.values_list("slug", flat=True)) if any(not c.slug for c in children) else set()
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    last_suffix: dict[str, int] = {}
    rows = []
    for step, child in enumerate(children, start=position + 1):
        child.path = Page._get_path(parent.path, depth, step)
        child.depth = depth
        child.numchild = 0
        child.slug = child.slug or unique_slug(child.title, taken, last_suffix)
        child.url_path = f"{parent.url_path}{child.slug}/"
        child.draft_title = child.title
        child.content_type = content_type
        child.locale_id = parent.locale_id
        row = Page()
        for field in base_fields:
            setattr(row, field.attname, getattr(child, field.attname))
        rows.append(row)
    Page.objects.bulk_create(rows, batch_size=2000)
    for child, row in zip(children, rows, strict=True):
        child.id = child.page_ptr_id = row.pk
        child._state.adding, child._state.db = False, row._state.db
    # Django refuses bulk_create for multi-table models: the model's own rows, written directly.
    own_fields = model._meta.local_concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in own_fields)
    marks = ", ".join(["%s"] * len(own_fields))
    values = [[f.get_db_prep_save(getattr(child, f.attname), connection) for f in own_fields] for child in children]
    # Only quoted names from the model's own metadata are formatted in; the values are parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))
    parent.numchild += len(children)
