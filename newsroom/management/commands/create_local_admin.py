"""Create the local admin account for a first run (development only), and say how to log in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "qingdao-admin"  # noqa: S105 - a local demo account, refused outside DEBUG


class Command(BaseCommand):
    help = "创建本地管理员账号(仅限开发环境),并打印登录方式。"

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("create_local_admin is for local development only (DEBUG is off).")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True, "email": ""}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        self.stdout.write(
            f"管理后台 / admin: http://127.0.0.1:{options.get('port') or 8000}/admin/  "
            f"用户名 {USERNAME}  密码 {PASSWORD}" + ("" if created else "  (账号已存在 / account already exists)")
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", default="8000")
