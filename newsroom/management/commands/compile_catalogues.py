"""`compile_catalogues`: build locale/'s .mo files from their .po in pure Python (no GNU gettext)."""

from django.core.management.base import BaseCommand

from newsroom.catalogues import compile_catalogues, project_catalogues


class Command(BaseCommand):
    help = "由 locale/ 下的 .po 编译 .mo 翻译目录(安装和部署时运行,make 会自动运行)。"
    # The check that the catalogues are compiled must not stop the command that compiles them.
    requires_system_checks = []

    def handle(self, *args: object, **options: object) -> None:
        written = compile_catalogues()
        for mo in written:
            self.stdout.write(f"compiled {mo}")
        self.stdout.write(f"{len(project_catalogues())} catalogues, {len(written)} compiled, the rest up to date")
