"""`load_word_list [PATH] [--merge]`: seed the admin's 字词表 from the starter list (seeds/word_list.tsv)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsroom.wordcheck.seed import WordListFileError, load_word_list


class Command(BaseCommand):
    help = "字词表为空时,从字词表文件载入初始词条;加 --merge 则补入文件中后台还没有的词条。已有词条不变。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=None, help="default: settings.NEWSROOM_WORD_LIST")
        parser.add_argument(
            "--merge", action="store_true", help="also add the file's terms to a list that has entries already"
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"] or Path(settings.NEWSROOM_WORD_LIST)
        try:
            added, kept = load_word_list(path, merge=options["merge"])
        except (OSError, WordListFileError) as error:
            raise CommandError(str(error)) from error
        if kept and not options["merge"]:
            self.stdout.write(
                f"{path}: the word list has {kept} entries already, nothing loaded (--merge adds new terms)"
            )
        else:
            self.stdout.write(f"{path}: {added} word list entries added, {kept} already there")
