"""App configuration for the newsroom."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "新闻编辑部"
    default_auto_field = "django.db.models.BigAutoField"
