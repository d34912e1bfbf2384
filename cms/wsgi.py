"""WSGI entry point; production servers set DJANGO_SETTINGS_MODULE themselves."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()

# What a worker's first request would do (URLconf, templates, translations…), done once here: with
# gunicorn's preload_app every worker is forked warm (cms/warmup.py).
from cms.warmup import warm_up  # noqa: E402

warm_up()
