"""The production stack as deploy/ runs it, for black-box tests: PostgreSQL, Redis, gunicorn, nginx.

gunicorn is started with deploy/gunicorn.conf.py and nginx with a site rendered from
deploy/nginx/qingdao-cms.conf (its ${…} filled in as envsubst would), on free ports, in a temporary
prefix, with a self-signed certificate made by openssl: nothing needs root or touches /etc.
"""

from __future__ import annotations

import getpass
import http.client
import os
import shutil
import socket
import ssl
import string
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from tests.browser import free_port
from tests.servers import GUNICORN

DEPLOY = Path(settings.BASE_DIR) / "deploy"
HOST = "news.example.cn"
# The site file's placeholders, as docs/operations.md has envsubst fill them.
NGINX_VARIABLES = (
    "SERVER_NAME",
    "HTTP_PORT",
    "HTTPS_PORT",
    "TLS_CERTIFICATE",
    "TLS_CERTIFICATE_KEY",
    "GUNICORN_ADDRESS",
    "MEDIA_ROOT",
    "ERROR_PAGES",
)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# What the Debian package puts beside its own nginx.conf.
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")
# The frame of /etc/nginx/nginx.conf around the site, with every path inside the prefix.
NGINX_MAIN = """
user {user};
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
daemon off;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def postgres_server_url() -> str:
    """The suite's PostgreSQL server when it runs on one, else the local default (TEST_POSTGRES_URL)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url
    return os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def postgres_answers(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, dbname="postgres", connect_timeout=2):
            return True
    except psycopg.Error:
        return False


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    """A new, empty database on `server`, dropped afterwards; yields its DATABASE_URL."""
    import psycopg
    from psycopg import sql

    name = f"production_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, dbname="postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlsplit(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, dbname="postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def wait_for_port(port: int, process: subprocess.Popen, log: Path, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, f"exited:\n{log.read_text(errors='replace')[-3000:]}"
        assert time.monotonic() < deadline, f"port {port} not open in {seconds} s:\n{log.read_text()[-3000:]}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)


@dataclass(frozen=True)
class Gunicorn:
    port: int
    workers: int
    # stdout: the access log; stderr: gunicorn's own log (and tracebacks).
    stdout: Path
    stderr: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.stderr.read_text(errors="replace")


@contextmanager
def gunicorn(env: dict[str, str], logs: Path, *, workers: int = 2) -> Iterator[Gunicorn]:
    """`gunicorn -c deploy/gunicorn.conf.py` on a free port, as the systemd unit starts it; yields
    once every worker has booted and the server has been quiet for half a second."""
    server = Gunicorn(free_port(), workers, logs / "gunicorn.out", logs / "gunicorn.err")
    env = {**env, "GUNICORN_BIND": server.address, "WEB_CONCURRENCY": str(workers)}
    with server.stdout.open("w") as stdout, server.stderr.open("w") as stderr:
        process = subprocess.Popen(
            [GUNICORN, "-c", str(DEPLOY / "gunicorn.conf.py")], env=env, stdout=stdout, stderr=stderr
        )
    try:
        wait_for_port(server.port, process, server.stderr)
        deadline = time.monotonic() + 30
        while server.log().count("Booting worker") < workers:
            assert process.poll() is None and time.monotonic() < deadline, f"workers did not boot:\n{server.log()}"
            time.sleep(0.05)
        size = -1
        while size != server.stderr.stat().st_size:
            size = server.stderr.stat().st_size
            time.sleep(0.5)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for HOST and 127.0.0.1 and its key, made by openssl (a P-256 key: instant)."""
    certificate, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-nodes", "-days", "2", "-newkey", "ec"),
            *("-pkeyopt", "ec_paramgen_curve:prime256v1", "-keyout", str(key), "-out", str(certificate)),
            *("-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return certificate, key


def render_site(values: dict[str, str]) -> str:
    """deploy/nginx/qingdao-cms.conf with its placeholders filled, nginx's own $variables left."""
    text = (DEPLOY / "nginx" / "qingdao-cms.conf").read_text()
    missing = [name for name in NGINX_VARIABLES if name not in values]
    assert not missing, f"no value for {missing}"
    rendered = string.Template(text).safe_substitute({name: values[name] for name in NGINX_VARIABLES})
    assert "${" not in rendered, "a placeholder the tests do not know: add it to NGINX_VARIABLES and the docs"
    return rendered


@dataclass(frozen=True)
class Nginx:
    http_port: int
    https_port: int
    certificate: Path
    prefix: Path

    def log(self) -> str:
        return (self.prefix / "error.log").read_text(errors="replace")


@contextmanager
def nginx(prefix: Path, *, upstream: str, media_root: Path) -> Iterator[Nginx]:
    """nginx with the site file, in front of `upstream`, in `prefix`, until the block ends."""
    prefix.mkdir(parents=True, exist_ok=True)
    certificate, key = self_signed_certificate(prefix)
    server = Nginx(free_port(), free_port(), certificate, prefix)
    site = prefix / "qingdao-cms.conf"
    site.write_text(
        render_site(
            {
                "SERVER_NAME": HOST,
                "HTTP_PORT": str(server.http_port),
                "HTTPS_PORT": str(server.https_port),
                "TLS_CERTIFICATE": str(certificate),
                "TLS_CERTIFICATE_KEY": str(key),
                "GUNICORN_ADDRESS": upstream,
                "MEDIA_ROOT": str(media_root),
                "ERROR_PAGES": str(DEPLOY / "nginx" / "errors"),
            }
        )
    )
    main = prefix / "nginx.conf"
    # Its workers run as this user, so that they read the test's files (as www-data reads MEDIA_ROOT).
    main.write_text(NGINX_MAIN.format(user=getpass.getuser(), prefix=prefix, mime_types=NGINX_MIME_TYPES, site=site))
    tested = subprocess.run(
        [NGINX, "-t", "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert tested.returncode == 0, f"nginx -t refused the rendered site:\n{tested.stderr}"
    log = prefix / "nginx.out"
    with log.open("w") as output:
        process = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(server.http_port, process, log)
        wait_for_port(server.https_port, process, log)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass(frozen=True)
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class SiteConnection(http.client.HTTPSConnection):
    """TLS to 127.0.0.1 naming `server_name` in the handshake (SNI), as a browser asking for it does."""

    def __init__(self, *args, server_name: str = HOST, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.server_name = server_name

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.server_name)


def request(
    port: int,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    tls: Path | None = None,
    timeout: float = 30,
) -> Response:
    """GET `path` (percent-encoded) from 127.0.0.1:`port` with Host HOST, over TLS trusting the
    certificate `tls` if given; a redirect is an answer, not followed."""
    if tls is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    else:
        context = ssl.create_default_context(cafile=str(tls))
        connection = SiteConnection("127.0.0.1", port, timeout=timeout, context=context)
    try:
        connection.request("GET", path, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()
