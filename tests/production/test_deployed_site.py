"""The site as deploy/ runs it: a first deploy's steps under cms.settings.production on PostgreSQL and
Redis, gunicorn started with deploy/gunicorn.conf.py, and nginx with deploy/nginx/'s site in front
(TLS with a self-signed certificate, photos from MEDIA_ROOT, documents only through Django).

Straight to gunicorn: pages, the API and the readiness check answer 200 with the security headers,
plain HTTP is redirected (health checks excepted), `check --deploy` is clean, and fresh workers
import nothing on their first requests (the app is preloaded and warmed: cms/warmup.py).
Through nginx: photos with their bytes and cache lifetimes, documents not from /media/, hashed
static files, the redirect to HTTPS, and the X-Forwarded-Proto Django trusts set by nginx alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.template.loader import render_to_string

from tests.browser import free_port
from tests.conftest import require_system_part
from tests.production.stack import (
    DEPLOY,
    HOST,
    NGINX,
    Gunicorn,
    Nginx,
    Response,
    SiteConnection,
    gunicorn,
    nginx,
    postgres_answers,
    postgres_database,
    postgres_server_url,
    request,
)
from tests.servers import MANAGE, redis_answers, script_result

REDIS_URL = os.environ.get("TEST_REDIS_PRODUCTION_URL", "redis://127.0.0.1:6379/10")
HTTPS = {"X-Forwarded-Proto": "https"}
# Run in a fresh interpreter under production settings: a first deploy's steps in the documented
# order (docs/operations.md), then a photo with a rendition and a document uploaded as the admin would.
FIRST_DEPLOY = """
import io, json
import django
from django.core.management import call_command
django.setup()
call_command("collectstatic", interactive=False, verbosity=0)
call_command("migrate", interactive=False, verbosity=0)
call_command("import_edition", "seeds/", verbosity=0)
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.documents.models import Document
from wagtail.images.models import Image
from newsroom.models import ArticlePage
picture = io.BytesIO()
Picture.new("RGB", (800, 600), (30, 90, 160)).save(picture, "JPEG")
image = Image.objects.create(title="栈桥", file=ImageFile(picture, name="zhanqiao.jpg"))
rendition = image.get_rendition("width-400")
document = Document.objects.create(title="通知", file=ContentFile("青岛频道通知".encode(), name="notice.txt"))
article = ArticlePage.objects.live().order_by("pk").first()
print("RESULT" + json.dumps({
    "original": image.file.name, "rendition": rendition.file.name, "rendition_url": rendition.url,
    "document_file": document.file.name, "document_url": document.url, "article": article.url,
}))
"""


@dataclass(frozen=True)
class Deployment:
    env: dict[str, str]
    server: Gunicorn
    media_root: Path
    # What FIRST_DEPLOY made: file names under MEDIA_ROOT; addresses as Wagtail writes them (percent-encoded).
    made: dict[str, str]
    # Modules the workers imported once started, and while answering their first requests; those answers.
    imported_after_the_fork: list[str]
    imported_on_first_requests: list[str]
    first_answers: dict[str, int]

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return request(self.server.port, path, headers=headers)


def production_environment(database_url: str, folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "PAGE_CACHE_URL": REDIS_URL,
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
    }


def first_deploy(env: dict[str, str]) -> dict[str, str]:
    return script_result(FIRST_DEPLOY, env, timeout=300)


def imported_modules(log: str) -> list[str]:
    """The modules in the lines `-X importtime` writes (`import time: self | cumulative | name`)."""
    names = [line.rsplit("|", 1)[1].strip() for line in log.splitlines() if line.startswith("import time:")]
    return [name for name in names if name != "imported package"]


def ask_first(server: Gunicorn, paths: list[str]) -> tuple[list[str], list[str], dict[str, int]]:
    """The paths asked as many at a time as there are workers, so each worker takes some of them as
    its very first requests. What the workers imported from their start to those requests, what
    they imported while answering them, and each path's status."""
    log = server.log()
    booted = imported_modules(log[log.index("Booting worker") :])
    with ThreadPoolExecutor(server.workers) as pool:
        answers = list(pool.map(lambda path: request(server.port, path, headers=HTTPS), paths))
    answering = imported_modules(server.log()[len(log) :])
    return booted, answering, {path: answer.status for path, answer in zip(paths, answers, strict=True)}


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    require_system_part(
        redis_answers(REDIS_URL), "Redis", "apt-get install redis-server (or set TEST_REDIS_PRODUCTION_URL)"
    )
    server_url = postgres_server_url()
    require_system_part(
        postgres_answers(server_url),
        "PostgreSQL",
        "apt-get install postgresql (or set TEST_POSTGRES_URL=postgres://user@host:port/postgres)",
    )
    redis.Redis.from_url(REDIS_URL).flushdb()
    folder = tmp_path_factory.mktemp("production")
    with postgres_database(server_url) as database_url:
        env = production_environment(database_url, folder)
        made = first_deploy(env)
        # Every import a process makes is written to its stderr (gunicorn's log here): the workers'
        # imports after they booted are what their first requests still had to load.
        with gunicorn({**env, "PYTHONPROFILEIMPORTTIME": "1"}, folder) as server:
            first_paths = [
                "/",
                made["article"],
                "/yaowen/",
                "/api/v1/articles",
                "/api/v1/home",
                "/search/?q=" + quote("青岛"),
                "/feed/",
                "/sitemap.xml",
                "/health/ready",
            ]
            booted, answering, answers = ask_first(server, first_paths)
            yield Deployment(env, server, folder / "media", made, booted, answering, answers)


@pytest.fixture(scope="module")
def proxy(deployment: Deployment, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    require_system_part(Path(NGINX).exists(), "nginx", "apt-get install nginx")
    require_system_part(shutil.which("openssl") is not None, "openssl", "apt-get install openssl")
    prefix = tmp_path_factory.mktemp("nginx")
    with nginx(prefix, upstream=deployment.server.address, media_root=deployment.media_root) as server:
        yield server


def over_tls(proxy: Nginx, path: str, headers: dict[str, str] | None = None) -> Response:
    return request(proxy.https_port, path, headers=headers, tls=proxy.certificate)


def over_http(proxy: Nginx, path: str, headers: dict[str, str] | None = None) -> Response:
    return request(proxy.http_port, path, headers=headers)


def assert_security_headers(answer: Response, *, html: bool) -> None:
    headers = dict(answer.headers.items())
    assert "max-age=31536000" in headers.get("Strict-Transport-Security", ""), headers
    assert headers.get("X-Content-Type-Options") == "nosniff", headers
    assert headers.get("Referrer-Policy") == "same-origin", headers
    if html:
        assert "default-src 'self'" in headers.get("Content-Security-Policy", ""), headers
        assert headers.get("X-Frame-Options") == "DENY", headers


# Straight to gunicorn, as nginx would pass a request that came over TLS.


def test_home_an_article_and_the_api_answer_200_with_the_security_headers(deployment):
    for path, html in (("/", True), (deployment.made["article"], True), ("/api/v1/articles", False)):
        answer = deployment.get(path, HTTPS)
        assert answer.status == 200, f"{path}: {answer.status}\n{deployment.server.log()[-3000:]}"
        assert_security_headers(answer, html=html)
    assert "<html" in deployment.get("/", HTTPS).text
    assert json.loads(deployment.get("/api/v1/articles", HTTPS).text)["items"]


def test_readiness_says_the_database_and_the_cache_answer(deployment):
    answer = deployment.get("/health/ready", HTTPS)

    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("application/json")
    assert json.loads(answer.text) | {"detail": None} == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "detail": None,
    }
    assert_security_headers(answer, html=False)


def test_plain_http_is_redirected_to_https_but_health_checks_are_answered(deployment):
    redirected = deployment.get("/yaowen/")

    assert redirected.status == 301
    assert redirected.headers["Location"] == f"https://{HOST}/yaowen/"
    assert deployment.get("/health/ready").status == 200
    assert deployment.get("/health/").status == 200


def test_check_deploy_finds_nothing(deployment):
    done = subprocess.run(
        [*MANAGE, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=deployment.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr + done.stdout
    assert "System check identified no issues" in done.stdout


def test_workers_start_from_the_app_the_master_loaded(deployment):
    # preload_app: forked from a master that imported everything, a worker imports nothing itself.
    assert deployment.imported_after_the_fork == []


def test_fresh_workers_import_nothing_on_their_first_requests(deployment):
    assert deployment.first_answers == dict.fromkeys(deployment.first_answers, 200)
    # What is imported here was not loaded in gunicorn's master before the fork: cms/warmup.py should.
    assert deployment.imported_on_first_requests == []


# Through nginx (deploy/nginx/qingdao-cms.conf).


def test_a_photo_rendition_comes_from_media_root_with_a_year_of_cache(deployment, proxy):
    rendition = deployment.media_root / deployment.made["rendition"]
    # Its name holds the hash of its bytes (cms/storages.py): an address never changes content.
    assert hashlib.sha256(rendition.read_bytes()).hexdigest()[:12] in rendition.name

    answer = over_tls(proxy, deployment.made["rendition_url"])

    assert answer.status == 200, proxy.log()
    assert answer.body == rendition.read_bytes()
    assert answer.headers["Content-Type"] == "image/jpeg"
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_an_original_photo_is_served_and_kept_an_hour(deployment, proxy):
    original = deployment.media_root / deployment.made["original"]

    answer = over_tls(proxy, "/media/" + quote(deployment.made["original"]))

    assert answer.status == 200
    assert answer.body == original.read_bytes()
    assert answer.headers["Cache-Control"] == "public, max-age=3600"


def test_documents_come_only_through_django(deployment, proxy):
    document = deployment.media_root / deployment.made["document_file"]
    assert document.exists()

    assert over_tls(proxy, "/media/" + quote(deployment.made["document_file"])).status == 404
    served = over_tls(proxy, deployment.made["document_url"])
    assert served.status == 200
    assert served.body == document.read_bytes()


def test_hashed_static_files_come_through_kept_for_good(proxy):
    home = over_tls(proxy, "/")
    stylesheet = re.search(r'href="(/static/newsroom/site\.[0-9a-f]{12}\.css)"', home.text)
    assert stylesheet, home.text[:2000]

    answer = over_tls(proxy, stylesheet[1])

    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("text/css")
    assert "immutable" in answer.headers["Cache-Control"]


def test_nginx_redirects_plain_http_to_https_and_passes_health_checks(proxy):
    redirected = over_http(proxy, "/yaowen/?page=2")

    assert redirected.status == 301
    assert redirected.headers["Location"] == f"https://{HOST}/yaowen/?page=2"
    ready = over_http(proxy, "/health/ready")
    assert ready.status == 200
    assert json.loads(ready.text)["database"] == "ok"


def test_over_tls_django_sees_https_and_the_client_cannot_say_otherwise(proxy):
    # nginx sets X-Forwarded-Proto itself, on both listeners: what the client wrote is replaced.
    answer = over_tls(proxy, "/", headers={"X-Forwarded-Proto": "http"})
    assert answer.status == 200
    assert_security_headers(answer, html=True)

    claimed = over_http(proxy, "/health/ready", headers={"X-Forwarded-Proto": "https"})
    assert claimed.status == 200
    # Django sends HSTS over HTTPS only: it saw plain HTTP.
    assert "Strict-Transport-Security" not in claimed.headers


# While gunicorn restarts or is down, nginx answers; in Chinese, like the site.

UNAVAILABLE_PAGE = DEPLOY / "nginx" / "errors" / "unavailable.html"


def test_nginx_keeps_the_sites_own_503_page():
    """One page, two servers: the copy nginx serves is the template Django renders (deploy/README.md
    says how to regenerate it)."""
    assert UNAVAILABLE_PAGE.read_text(encoding="utf-8") == render_to_string("503.html")


def test_with_gunicorn_down_nginx_answers_the_chinese_503_page(tmp_path: Path):
    require_system_part(Path(NGINX).exists(), "nginx", "apt-get install nginx")
    require_system_part(shutil.which("openssl") is not None, "openssl", "apt-get install openssl")
    nobody = f"127.0.0.1:{free_port()}"
    with nginx(tmp_path / "nginx", upstream=nobody, media_root=tmp_path) as server:
        for path in ("/", "/yaowen/", "/api/v1/home"):
            answer = request(server.https_port, path, tls=server.certificate)
            assert answer.status == 503, (path, answer.status, server.log()[-2000:])
            assert answer.headers["Content-Type"].startswith("text/html")
            assert "网站暂时无法访问" in answer.text and 'lang="zh-CN"' in answer.text
            assert answer.headers["Retry-After"] == "30"
            assert answer.headers["Cache-Control"] == "no-store"


def test_nginx_closes_connections_for_other_host_names(proxy):
    import http.client
    import ssl

    plain = http.client.HTTPConnection("127.0.0.1", proxy.http_port, timeout=10)
    plain.request("GET", "/", headers={"Host": "scanner.example"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        plain.getresponse()
    plain.close()
    # Over TLS the handshake itself is refused for a name that is not the site's.
    context = ssl.create_default_context(cafile=str(proxy.certificate))
    context.check_hostname = False
    other = SiteConnection("127.0.0.1", proxy.https_port, timeout=10, context=context, server_name="scanner.example")
    with pytest.raises(ssl.SSLError):
        other.request("GET", "/", headers={"Host": "scanner.example"})
    assert over_tls(proxy, "/").status == 200
