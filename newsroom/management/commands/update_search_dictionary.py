"""`update_search_dictionary`: after editing seeds/search_dictionary.dict, re-index what it touches."""

from django.core.management.base import BaseCommand

from newsroom.search.dictionary import reload_everything


class Command(BaseCommand):
    help = "重新载入搜索词库(文件和后台词条),并重新索引含这些词的稿件。"

    def handle(self, *args: object, **options: object) -> None:
        result = reload_everything()
        self.stdout.write(
            f"{result['words']} dictionary words; {result['articles_reindexed']} article index entries refreshed"
        )
