"""Every install starts with the channel home (青岛频道) and its reporter index as the site root."""

from django.db import migrations


def create_channel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    ChannelHomePage = apps.get_model("newsroom.ChannelHomePage")
    ReporterIndexPage = apps.get_model("newsroom.ReporterIndexPage")

    # Wagtail's own welcome page goes: the channel home takes its place in the tree.
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    locale = Locale.objects.order_by("pk").first()

    home = ChannelHomePage.objects.create(
        title="青岛频道",
        draft_title="青岛频道",
        slug="home",
        content_type=ContentType.objects.get_for_model(ChannelHomePage),
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        live=True,
        intro="大众日报青岛频道:青岛的新闻,每天更新。",
    )
    ReporterIndexPage.objects.create(
        title="记者",
        draft_title="记者",
        slug="reporters",
        content_type=ContentType.objects.get_for_model(ReporterIndexPage),
        path="000100010001",
        depth=3,
        numchild=0,
        url_path="/home/reporters/",
        locale=locale,
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "青岛频道"},
    )


def remove_channel(apps, schema_editor):
    apps.get_model("newsroom.ChannelHomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_initial")]

    operations = [migrations.RunPython(create_channel, remove_channel)]
