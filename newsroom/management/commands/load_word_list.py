"""`load_word_list [PATH]`: add the starter word list (seeds/word_list.tsv) to the admin's 字词表."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsroom.wordcheck.seed import WordListFileError, load_word_list


class Command(BaseCommand):
    help = "把字词表文件中后台还没有的词条加入字词表(已有词条保持编辑修改后的样子)。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=None, help="default: settings.NEWSROOM_WORD_LIST")

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"] or Path(settings.NEWSROOM_WORD_LIST)
        try:
            added, kept = load_word_list(path)
        except (OSError, WordListFileError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{path}: {added} word list entries added, {kept} already there")
