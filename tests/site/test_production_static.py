"""Under production settings (WhiteNoise, hashed manifest), pages render after `collectstatic`."""

import os
from pathlib import Path

from django.conf import settings

from tests.browser import free_port
from tests.servers import script_result

# A settings module that is production's own, with the static and database files in a temp folder.
SETTINGS = """
from cms.settings.production import *  # noqa: F403
STATIC_ROOT = {static_root!r}
"""

# Run in a fresh interpreter: production settings must be imported from scratch, as a server does.
SCRIPT = """
import json
import django
from django.core.management import call_command
django.setup()
from django.test import Client
from newsroom.models import ArticlePage, ReporterPage
call_command("migrate", verbosity=0)
call_command("import_edition", "seeds/", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client(HTTP_HOST="news.example.cn", HTTP_X_FORWARDED_PROTO="https")
article = ArticlePage.objects.order_by("pk").first()
reporter = ReporterPage.objects.order_by("pk").first()
urls = ["/", "/yaowen/", article.url, "/reporters/", reporter.url, "/search/?q=青岛", "/feed/", "/sitemap.xml"]
result = {url: client.get(url).status_code for url in urls}
result["404"] = client.get("/no-such-page/").status_code
home = client.get("/").content.decode()
start = home.index("/static/newsroom/site.")
stylesheet = home[start:home.index('"', start)]
result["stylesheet"] = stylesheet
result["stylesheet_status"] = client.get(stylesheet).status_code
print("RESULT" + json.dumps(result, ensure_ascii=False))
"""


def production_like(tmp_path: Path) -> dict[str, str]:
    """The environment of a process on production's settings, its files in `tmp_path`."""
    (tmp_path / "prod_like.py").write_text(SETTINGS.format(static_root=str(tmp_path / "static")))
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prod_like",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(settings.BASE_DIR)]),
        "SECRET_KEY": "production-like-test-key",
        "ALLOWED_HOSTS": "news.example.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # Production needs a shared reader cache; here one that is down, which costs nothing but speed.
        "PAGE_CACHE_URL": f"redis://127.0.0.1:{free_port()}/0",
    }


def test_pages_render_with_hashed_static_files_under_production_settings(tmp_path: Path):
    result = script_result(SCRIPT, production_like(tmp_path), timeout=300)
    stylesheet = result.pop("stylesheet")
    assert result.pop("404") == 404
    assert result == dict.fromkeys(result, 200), result
    # The manifest names the file by its content hash, so a CDN may keep it forever.
    assert stylesheet.startswith("/static/newsroom/site.") and stylesheet.endswith(".css")
    assert stylesheet != "/static/newsroom/site.css"


# Production settings, static files never collected: what an operator who forgot collectstatic sees.
UNCOLLECTED_SCRIPT = """
import json
import subprocess
import sys
import django
from django.core.management import call_command
django.setup()
from django.test import Client
call_command("migrate", verbosity=0)
call_command("import_edition", "seeds/", verbosity=0)
result = {}
check = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], capture_output=True, text=True)
result["check"] = [check.returncode, check.stderr]
try:
    import cms.wsgi  # noqa: F401
    result["wsgi"] = "started"
except Exception as error:
    result["wsgi"] = f"{type(error).__name__}: {error}"
client = Client(HTTP_HOST="news.example.cn", HTTP_X_FORWARDED_PROTO="https")
home, missing = client.get("/"), client.get("/no-such-page/")
result["pages"] = [home.status_code, missing.status_code]
result["stylesheet"] = "/static/newsroom/site.css" in home.content.decode()
print("RESULT" + json.dumps(result, ensure_ascii=False))
"""


def test_uncollected_static_files_stop_the_start_with_one_clear_error_not_a_500_per_page(tmp_path: Path):
    result = script_result(UNCOLLECTED_SCRIPT, production_like(tmp_path), timeout=300)
    # `manage.py check --deploy` and the WSGI entry point gunicorn loads refuse, with the remedy.
    returncode, printed = result["check"]
    assert returncode == 1 and "newsroom.E001" in printed and "collectstatic" in printed
    assert result["wsgi"].startswith("ImproperlyConfigured: 静态文件清单(staticfiles.json)不存在")
    # A process that serves anyway (a test client here) answers pages and its 404, never a 500,
    # linking static files by their plain names.
    assert result["pages"] == [200, 404]
    assert result["stylesheet"]
