"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE themselves."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()

# Refuse to serve with static files that were not collected (production's manifest storage): one
# clear error at startup instead of broken pages. gunicorn runs no system checks of its own.
from newsroom.staticfiles import refuse_to_start_without_collected_files  # noqa: E402

refuse_to_start_without_collected_files()

# What a worker's first request would do (URLconf, templates, translations…), done once here: with
# gunicorn's preload_app every worker is forked warm (cms/warmup.py).
from cms.warmup import warm_up  # noqa: E402

warm_up()
