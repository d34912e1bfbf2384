"""Production settings refuse to start without their secrets; base settings are safe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEEDED = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "qingdao.example.cn",
    "DATABASE_URL": "sqlite:///:memory:",
    # Loading settings connects to nothing: any address will do.
    "PAGE_CACHE_URL": "redis://127.0.0.1:6379/0",
}


def _load_settings(module: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in NEEDED}
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(NEEDED))
def test_production_settings_refuse_to_start_without(missing):
    result = _load_settings("cms.settings.production", {k: v for k, v in NEEDED.items() if k != missing})
    assert result.returncode != 0
    assert missing in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_settings_start_with_everything_set():
    result = _load_settings("cms.settings.production", NEEDED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_base_settings_are_safe_by_default():
    from cms.settings import base

    assert base.DEBUG is False
    assert base.LANGUAGE_CODE == "zh-hans"
    assert base.TIME_ZONE == "Asia/Shanghai"
    assert base.USE_TZ is True
    assert base.WAGTAIL_ALLOW_UNICODE_SLUGS is True
