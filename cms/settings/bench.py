"""Benchmark settings: FOR bench/api_*.py ONLY (Wagtail's API v2 and v3 mounted beside ours, to compare)."""

from .base import *  # noqa: F403

SECRET_KEY = "bench-only-insecure-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# Wagtail's own APIs, only to measure /api/v1/ against them: the project serves neither.
INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "wagtail.api.v2", "wagtail.api.v3"]
ROOT_URLCONF = "bench.api_urls"
WAGTAILAPI_BASE_URL = "http://127.0.0.1"
WAGTAILAPI_LIMIT_MAX = 100
