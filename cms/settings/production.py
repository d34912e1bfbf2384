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


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


# HTTPS only. gunicorn listens only behind the TLS-terminating proxy (deploy/nginx), which says
# how the reader came in with X-Forwarded-Proto; nothing else may reach gunicorn's port.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# The load balancer's health checks come over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
# HSTS: a year, subdomains and preload by default. Switching it on cannot be taken back for a
# year in browsers that saw it: set SECURE_HSTS_INCLUDE_SUBDOMAINS=0 if some subdomain of the
# paper still serves plain HTTP, and SECURE_HSTS_SECONDS=300 for a first trial deploy.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", True)
# The same proxy appends the reader's address to X-Forwarded-For: without counting it, every reader
# would be nginx's 127.0.0.1 to the login lock-out and the search limit. 2 with a CDN in front.
NEWSROOM_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Hashed file names so a CDN can cache static files forever.
# WhiteNoise serves the hashed static files right after the security middleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "newsroom.staticfiles.NewsroomStaticFilesStorage"},
}

# Where collectstatic writes (WhiteNoise serves from there) and where uploads go on this server's
# disk (nginx serves /media/ from there: deploy/nginx/). Defaults: static/ and media/ in the project.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or MEDIA_ROOT
# Documents always go through Django (/documents/…), which applies their collections' privacy; nginx
# refuses /media/documents/ and a bucket keeps documents/ private (docs/operations.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Photos and documents in an S3-compatible bucket instead (django-storages): credentials from
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, which boto3 reads from the environment itself.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    _bucket = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        # A CDN or the bucket's public name: photo addresses are https://<custom domain>/images/….
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        # Plain public addresses: a signed one changes at every render and expires inside cached pages.
        "querystring_auth": False,
        # Two uploads named alike keep two files, as on disk (S3Storage overwrites by default).
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=3600"},
    }
    if _bucket["custom_domain"] and not os.environ.get("MEDIA_ORIGIN"):
        # Photos come from there: the Content-Security-Policy must let them in.
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"https://{_bucket['custom_domain']}")
    STORAGES = {
        **STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _bucket},
        # A rendition's name holds its content's hash: the same name is the same bytes, kept a year.
        "renditions": {
            "BACKEND": "cms.storages_s3.RenditionS3Storage",
            "OPTIONS": {
                **_bucket,
                "file_overwrite": True,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
    }
