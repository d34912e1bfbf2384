"""Production settings: refuse to start without the secrets and the database."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# PAGE_CACHE_URL: several server processes must share one reader cache, or a retraction purged in
# one process is still served by the others.
_missing = [
    name for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "PAGE_CACHE_URL") if not os.environ.get(name)
]
if _missing:
    raise ImproperlyConfigured("production settings need these environment variables: " + ", ".join(_missing))

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Hashed file names so a CDN can cache static files forever.
# WhiteNoise serves the hashed static files right after the security middleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
