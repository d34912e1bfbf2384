"""推荐位: each front's picks (the channel home's 头条 and 推荐, a section's 置顶), a row for every front
that exists, and the rights to curate for 编辑 and 主编 (newsroom.curation.rights narrows them per front).

Frozen here on purpose (a migration must not follow later code).
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

EDITORS, CHIEF_EDITORS = "编辑", "主编"
# Fronts are made with their pages, never added or deleted by hand: no add or delete right.
CURATION_ACTIONS = ("change", "publish", "lock", "unlock")


def create_fronts_and_rights(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    FrontPicks = apps.get_model("newsroom.FrontPicks")
    ChannelHomePage = apps.get_model("newsroom.ChannelHomePage")
    SectionPage = apps.get_model("newsroom.SectionPage")

    for model in (ChannelHomePage, SectionPage):
        for page in model.objects.all():
            FrontPicks.objects.get_or_create(front_id=page.pk, defaults={"live": False})

    content_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model="frontpicks")
    for action in CURATION_ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_frontpicks", defaults={"name": f"Can {action} 推荐位"}
        )
        for group in Group.objects.filter(name__in=(EDITORS, CHIEF_EDITORS)):
            group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0008_article_responsible_editor_source'),
        ('wagtailcore', '0098_apitoken'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FrontPicks',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                ('locked', models.BooleanField(default=False, editable=False, verbose_name='locked')),
                ('locked_at', models.DateTimeField(editable=False, null=True, verbose_name='locked at')),
                ('lead_ends_at', models.DateTimeField(blank=True, help_text='到这个时间自动撤下,由最新稿件替补;不填则一直有效', null=True, verbose_name='头条截止时间')),
                ('front', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='front_picks', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='版面')),
                ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                ('lead', models.ForeignKey(blank=True, help_text='首页最上方的大标题稿件;不选则用最新发布的稿件', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='newsroom.articlepage', verbose_name='头条')),
                ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                ('locked_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by')),
            ],
            options={
                'verbose_name': '推荐位',
                'verbose_name_plural': '推荐位',
            },
        ),
        migrations.CreateModel(
            name='FrontPick',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('ends_at', models.DateTimeField(blank=True, help_text='到这个时间自动撤下,由最新稿件替补;不填则一直有效', null=True, verbose_name='截止时间')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsroom.articlepage', verbose_name='稿件')),
                ('front', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='picks', to='newsroom.frontpicks')),
            ],
            options={
                'verbose_name': '选定稿件',
                'verbose_name_plural': '选定稿件',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.RunPython(create_fronts_and_rights, migrations.RunPython.noop),
    ]
