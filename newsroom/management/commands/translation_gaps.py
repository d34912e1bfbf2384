"""`translation_gaps`: the admin strings installed apps leave in English that locale/zh_Hans does not
translate yet; `--add` appends them, untranslated, for a translator (after a Wagtail upgrade)."""

from collections import Counter
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from newsroom.catalogues import LANGUAGE, translation_gaps


def project_catalogue(domain: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"


class Command(BaseCommand):
    help = "列出已安装应用的中文目录没有翻译、locale/zh_Hans 也还没有翻译的后台文字;--add 把它们加入 .po 待译。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--add", action="store_true", help="append the missing strings with an empty msgstr")

    def handle(self, *args: object, add: bool = False, **options: object) -> None:
        missing: Counter[str] = Counter()
        for domain in ("django", "djangojs"):
            path = project_catalogue(domain)
            catalogue = polib.pofile(str(path), wrapwidth=0) if path.exists() else polib.POFile(wrapwidth=0)
            done = {(entry.msgctxt, entry.msgid): entry for entry in catalogue}
            added = 0
            for gap in translation_gaps():
                if gap.domain != domain:
                    continue
                ours = done.get((gap.entry.msgctxt, gap.entry.msgid))
                if ours is not None and ours.translated():
                    continue
                missing[f"{domain} {gap.app}"] += 1
                if add and ours is None:
                    entry = polib.POEntry(
                        msgctxt=gap.entry.msgctxt,
                        msgid=gap.entry.msgid,
                        msgid_plural=gap.entry.msgid_plural,
                        msgstr="",
                        msgstr_plural={0: ""} if gap.entry.msgid_plural else {},
                        occurrences=[(f"{gap.app}/{file}", line) for file, line in gap.entry.occurrences[:2]],
                        flags=[flag for flag in gap.entry.flags if flag.endswith("-format")],
                    )
                    catalogue.append(entry)
                    added += 1
            if add and added:
                catalogue.save(str(path))
                self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: {added} strings added to translate")
        for where, count in sorted(missing.items()):
            self.stdout.write(f"{where}: {count} untranslated")
        self.stdout.write(f"{sum(missing.values())} strings left in English")
