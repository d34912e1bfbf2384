"""Every install gets the newsroom's roles (记者, 编辑, 主编) and the review workflow 编辑初审 → 主编终审.

Frozen here on purpose (a migration must not follow later code): the same rights as newsroom/roles.py.
"""

from django.db import migrations

REPORTERS, EDITORS, CHIEF_EDITORS = "记者", "编辑", "主编"
WRITER_PAGE_ACTIONS = ("add", "change")
SECTION_DESK_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
CHIEF_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
# Photos and documents live in Wagtail's root collection: everyone uploads and picks, the chief tidies.
WRITER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ("add", "choose")),
    ("wagtaildocs", "document", ("add", "choose")),
]
CHIEF_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ("add", "choose", "change", "delete")),
    ("wagtaildocs", "document", ("add", "choose", "change", "delete")),
]
# 主编 also runs the site's settings: sites and redirects.
CHIEF_MODEL_PERMISSIONS = [
    ("wagtailcore", "site", ("change",)),
    ("wagtailredirects", "redirect", ("add", "change", "delete")),
]
WORKFLOW_NAME = "稿件审核"
FIRST_REVIEW, FINAL_REVIEW = "编辑初审", "主编终审"


def _permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action.replace('_', ' ')} {model}"},
    )
    return permission


def _grant_pages(apps, group, page, actions):
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=_permission(apps, "wagtailcore", "page", action)
        )


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    ChannelHomePage = apps.get_model("newsroom.ChannelHomePage")
    SectionPage = apps.get_model("newsroom.SectionPage")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access")
    groups = {}
    for name in (REPORTERS, EDITORS, CHIEF_EDITORS):
        groups[name], _ = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(access_admin)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, rights in (
            (REPORTERS, WRITER_COLLECTION_PERMISSIONS),
            (EDITORS, WRITER_COLLECTION_PERMISSIONS),
            (CHIEF_EDITORS, CHIEF_COLLECTION_PERMISSIONS),
        ):
            for app_label, model, actions in rights:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, action),
                    )
    for app_label, model, actions in CHIEF_MODEL_PERMISSIONS:
        for action in actions:
            groups[CHIEF_EDITORS].permissions.add(_permission(apps, app_label, model, action))

    for home in ChannelHomePage.objects.all():
        _grant_pages(apps, groups[CHIEF_EDITORS], home, CHIEF_PAGE_ACTIONS)

    # Sections that exist already get their desks now; new ones get them when created (newsroom.roles).
    for section in SectionPage.objects.all():
        for name in (REPORTERS, EDITORS):
            _grant_pages(apps, groups[name], section, WRITER_PAGE_ACTIONS)
        desk, _ = Group.objects.get_or_create(name=f"{EDITORS}-{section.slug}")
        desk.permissions.add(access_admin)
        _grant_pages(apps, desk, section, SECTION_DESK_PAGE_ACTIONS)

    # Wagtail's starter groups edit the whole tree and would sidestep the roles: drop them while unused.
    Group.objects.filter(name__in=("Editors", "Moderators"), user__isnull=True).delete()


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    SectionReviewTask = apps.get_model("newsroom.SectionReviewTask")
    ChannelHomePage = apps.get_model("newsroom.ChannelHomePage")

    # Historical models skip Task.__init__, which would record the concrete task type.
    first = SectionReviewTask.objects.create(
        name=FIRST_REVIEW,
        active=True,
        content_type=ContentType.objects.get_or_create(app_label="newsroom", model="sectionreviewtask")[0],
    )
    first.groups.set(Group.objects.filter(name__in=(EDITORS, CHIEF_EDITORS)))
    final = GroupApprovalTask.objects.create(
        name=FINAL_REVIEW,
        active=True,
        content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
    )
    final.groups.set(Group.objects.filter(name=CHIEF_EDITORS))

    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task_id=first.pk, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task_id=final.pk, sort_order=1)
    for home in ChannelHomePage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})

    # Wagtail's starter workflow ("Moderators approval" on the root) would only confuse the list.
    Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval").update(active=False)


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    Task = apps.get_model("wagtailcore.Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name__in=(FIRST_REVIEW, FINAL_REVIEW)).delete()


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name__in=(REPORTERS, EDITORS, CHIEF_EDITORS)).delete()
    Group.objects.filter(name__startswith=f"{EDITORS}-").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_corrections_reporter_login_review_scheduler"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(create_workflow, remove_workflow),
    ]
