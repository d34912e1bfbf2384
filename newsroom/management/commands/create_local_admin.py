"""Create the local admin and one demo login per role (development only), say how to log in, and give
the home page its first editors' picks (a 头条 and two 推荐) unless editors already chose."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from wagtail.models import Site

from newsroom.curation.services import seed_home_picks
from newsroom.models import ReporterIndexPage, ReporterPage, SectionPage
from newsroom.roles import CHIEF_EDITORS, EDITORS, REPORTERS, assign_section_editor

USERNAME = "admin"
PASSWORD = "qingdao-admin"  # noqa: S105 - a local demo account, refused outside DEBUG
# One login per role, to try in turn what each may do. Refused outside DEBUG like the admin.
DEMO_PASSWORDS = {
    "reporter": "qingdao-reporter",
    "editor": "qingdao-editor",
    "chief": "qingdao-chief",
}
DEMO_SECTION_SLUG = "yaowen"  # the editor's section: 要闻 gets most of each edition
DEMO_REPORTER_TITLE = "演示记者"


class Command(BaseCommand):
    help = "创建本地管理员账号和各角色的演示账号(仅限开发环境),并打印登录方式。"

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("create_local_admin is for local development only (DEBUG is off).")
        _, created = self._user(USERNAME, PASSWORD, is_superuser=True)
        self.stdout.write(
            f"管理后台 / admin: http://127.0.0.1:{options.get('port') or 8000}/admin/  "
            f"用户名 {USERNAME}  密码 {PASSWORD}" + ("" if created else "  (账号已存在 / account already exists)")
        )
        with transaction.atomic():
            self._demo_accounts()
        # The home page starts with editors' picks to look at and change (推荐位 in the admin).
        if seed_home_picks(lead_section_slug=DEMO_SECTION_SLUG, user=get_user_model().objects.get(username=USERNAME)):
            self.stdout.write("首页推荐位 / home picks: 已选好头条和两篇推荐(后台「推荐位」可修改)")
        # Absolute URLs (the API's, feeds', sitemaps') come from the Site record, never the Host
        # header: point it at the local server so they open.
        Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=int(options.get("port") or 8000))

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", default="8000")

    def _user(
        self, username: str, password: str, *, is_superuser: bool = False, name: tuple[str, str] = ("", "")
    ) -> tuple[AbstractBaseUser, bool]:
        # A name (姓, 名) is what readers see as 责任编辑 once the login approves a story.
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "is_staff": is_superuser,
                "is_superuser": is_superuser,
                "email": "",
                "last_name": name[0],
                "first_name": name[1],
            },
        )
        if created:
            user.set_password(password)
            user.save()
        return user, created

    def _demo_accounts(self) -> None:
        self.stdout.write("演示账号 / demo logins (仅限本地 / local only):")

        reporter, created = self._user("reporter", DEMO_PASSWORDS["reporter"])
        reporter.groups.add(Group.objects.get(name=REPORTERS))
        page = self._reporter_page_for(reporter)
        self._say("记者", "reporter", created, f"署名「{page.title}」;写稿、改稿、提交审核,不能发布,不能删除已发布稿件")

        editor, created = self._user("editor", DEMO_PASSWORDS["editor"], name=("王", "晓燕"))
        section = (
            SectionPage.objects.filter(slug=DEMO_SECTION_SLUG).first() or SectionPage.objects.order_by("path").first()
        )
        if section is None:
            editor.groups.add(Group.objects.get(name=EDITORS))
            scope = "还没有栏目:导入稿件后再运行一次即分到第一个栏目"
        else:
            assign_section_editor(editor, section)
            scope = f"「{section.title}」栏目的初审、发布、下线、定时;其他栏目只能写稿"
        self._say("编辑", "editor", created, scope)

        chief, created = self._user("chief", DEMO_PASSWORDS["chief"], name=("张", "志强"))
        chief.groups.add(Group.objects.get(name=CHIEF_EDITORS))
        self._say("主编", "chief", created, "全频道:终审、发布、删除、站点设置")

    def _say(self, role: str, username: str, created: bool, can: str) -> None:
        again = "" if created else "  (账号已存在)"
        self.stdout.write(f"  {role}  用户名 {username}  密码 {DEMO_PASSWORDS[username]}  — {can}{again}")

    def _reporter_page_for(self, user: AbstractBaseUser) -> ReporterPage:
        """The demo reporter's page: already linked, else the busiest unlinked staff reporter, else a draft."""
        linked = ReporterPage.objects.filter(user=user).first()
        if linked is not None:
            return linked
        page = (
            ReporterPage.objects.filter(user__isnull=True, kind="staff")
            .annotate(n=Count("bylines"))
            .order_by("-n", "title")
            .first()
        )
        if page is None:
            # Kept a draft so the public reporter list does not show a made-up person.
            page = ReporterPage(title=DEMO_REPORTER_TITLE, slug="demo-reporter", live=False)
            ReporterIndexPage.objects.get().add_child(instance=page)
        page.user = user
        page.save(update_fields=["user"])
        return page
