"""App configuration for the newsroom."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "新闻编辑部"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The system checks that a production deploy ran collectstatic and compiled the admin's
        # translation catalogues (locale/), registered on import.
        from newsroom import catalogues, staticfiles  # noqa: F401
        from newsroom.signal_handlers import register_signal_handlers

        register_signal_handlers()

        # The reader cache and the CDN are purged by changes from anywhere: admin, importer, shell.
        from newsroom.readers.purge import connect_purge_signals

        connect_purge_signals()

        # Channel words (西海岸新区, 卡奥斯…) must be known before any text is cut for the index.
        from django.conf import settings

        from newsroom.search.dictionary import connect_signals
        from newsroom.search.segmenter import add_words, read_dictionary

        add_words(read_dictionary(settings.NEWSROOM_SEARCH_DICTIONARY))
        connect_signals()
