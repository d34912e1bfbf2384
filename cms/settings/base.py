"""Base settings: safe by default (DEBUG off, secrets from the environment)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# No default secret: dev and test settings set their own, production demands one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "newsroom",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Admin login throttling (newsroom/login_throttle.py).
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin dates ("3 小时之前") come from humanize, whose Chinese loads only if installed.
    "django.contrib.humanize",
    # django-ninja's own static files: the API docs page works without reaching a CDN.
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer, kept ones included (newsroom/security.py).
    "newsroom.security.ContentSecurityPolicyMiddleware",
    # NUL and control characters in a path or a parameter: a 400 before any view or query sees them.
    "newsroom.edges.RejectMalformedRequestsMiddleware",
    # Readers' pages and API answers come from the reader cache before anything below runs.
    "newsroom.readers.cache.ReaderCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed cookie that lets a signed-in editor past the reader cache.
    "newsroom.readers.cache.SignedInCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Nearest the view: a read whose database connection died under it is run once more.
    "newsroom.errors.RetryReadOnNewConnectionMiddleware",
    # Last, as Axes asks: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# DATABASE_URL picks the database (PostgreSQL in production and CI);
# without it, an SQLite file in the project folder so a first run needs nothing.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection the database has dropped (restart, failover, a pooler recycling it) is
        # found dead at the start of the next request and replaced, instead of failing that request.
        conn_health_checks=os.environ.get("CONN_HEALTH_CHECKS", "1") == "1",
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer at all (a failover to a dead address) costs seconds, then
    # the 503 page, instead of hanging each worker until gunicorn kills it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take SQLite's write lock when a transaction starts, so concurrent writers
    # (two imports, an import and an editor) wait their turn instead of failing midway.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30}

# The channel's sections (slug, title, routing keywords) are data, not code.
NEWSROOM_SECTIONS_FILE = BASE_DIR / "seeds" / "sections.toml"

# The reader cache (newsroom/readers/cache.py): pages and API answers per address. PAGE_CACHE_URL
# (redis://…) shares it between processes, as production must; without it each process keeps its
# own (for `make run` only). Short socket timeouts: a Redis gone away costs a slower answer, not a hang.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["PAGE_CACHE_URL"],
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if os.environ.get("PAGE_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reader-pages"}
    ),
    # The app API's per-client counters (newsroom/throttling.py): on the same Redis, so every
    # process counts together.
    "ratelimit": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["PAGE_CACHE_URL"],
            "KEY_PREFIX": "ratelimit",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if os.environ.get("PAGE_CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
    ),
}
READER_PAGE_CACHE = "pages"
# The CDN in front of the reader site, purged when pages change (newsroom/readers/purge.py): an HTTP
# PURGE endpoint such as Varnish. Wagtail's other frontend-cache backends can be set here instead.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
READER_PAGE_CACHE_SECONDS = 300
# The query parameters reader pages and API answers read: each value is a variant of its address
# in the reader cache. An answer asked with any other parameter is rendered and not kept.
READER_CACHE_PARAMETERS = frozenset(
    {"page", "photos", "q", "limit", "cursor", "section", "reporter", "tag", "since", "until", "edition_date"}
)
# Tracking parameters that shared links carry (WeChat, Weibo, analytics): the same answer as without.
READER_CACHE_IGNORED_PARAMETERS = frozenset({"from", "isappinstalled", "spm", "share_source", "fbclid", "gclid"})
# Never cached here: the admin and its previews, documents.
READER_PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/documents/", "/health/")

# Content-Security-Policy (django-csp; newsroom/security.py adds what Wagtail's admin needs under
# /admin/). Everything from this origin; no inline script, no plugin, no framing by other sites.
# MEDIA_ORIGIN: where photos are served from when that is not this origin (a bucket or a CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *filter(None, [os.environ.get("MEDIA_ORIGIN")])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The admin calls no other site: Gravatar is unreachable from mainland China (the admin shows a
# default avatar), and Wagtail's release check would leave the policy (and tell the world we run it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Abuse limits (docs/operations.md). How a client's address is read, for both limits below
# (newsroom/client_address.py): the number of proxies in front of gunicorn that append to
# X-Forwarded-For (nginx: 1; a CDN then nginx: 2). 0: REMOTE_ADDR only, since the header is then
# whatever the client wrote.
NEWSROOM_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Admin login throttling (django-axes; newsroom/login_throttle.py): after AXES_FAILURE_LIMIT wrong
# passwords a username is locked out *from that client address* for AXES_COOLOFF_TIME, so someone
# guessing from elsewhere cannot lock an editor out everywhere. Failures are kept in the database
# (Axes' default handler): shared by every process, and no cache that could fail a login.
AUTHENTICATION_BACKENDS = [
    "newsroom.login_throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# A successful login starts the count again.
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.login_throttle.locked_out"
# Every failure kept with its time and address (the AccessFailureLog table), not only the count.
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# The app API's search (newsroom/throttling.py): searches rendered per client, in
# django-ratelimit's notation ("30/m": 30 a minute; empty: no limit). Answers from the reader
# cache are not counted. IPv6 clients are counted by their /64.
NEWSROOM_SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "30/m") or None
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "newsroom.client_address.client_address"
# A count the cache could not give back lets the request through, as a cache that is down does.
RATELIMIT_FAIL_OPEN = True

# Chinese first: the admin, dates and slugs are Simplified Chinese / Beijing time.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Our Chinese for Wagtail admin strings its own zh_Hans catalogue leaves in English (locale/, first in line).
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
# Chinese titles must give Chinese slugs: ASCII slugify() turns them into "".
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# No autosave: a version of a story exists because someone saved it (保存草稿, 提交, 发布). Wagtail 8's
# autosave (one setting for new and existing pages) made a draft page of every headline typed and
# then left (the same headline in two tabs: the second paused on the taken address), saved stories
# under review without anyone asking, and made an editor's own open tab "a newer version" when
# they reverted. Unsaved changes still ask before the editor leaves the page.
WAGTAIL_AUTOSAVE_INTERVAL = 0

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Photo renditions named with a hash of their bytes, so their addresses may be cached for good.
    "renditions": {"BACKEND": "cms.storages.RenditionFileSystemStorage"},
}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A refused form (posted from another site, or after the session expired) explained in Chinese.
CSRF_FAILURE_VIEW = "newsroom.errors.csrf_failure"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "青岛频道"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend (PostgreSQL full text or SQLite FTS5), fed Chinese cut into words.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "newsroom.search.backend"},
}
# Words the segmenter must keep whole: local places, institutions, names. Editors add more in
# the admin (搜索词库); operators edit this file, then run `manage.py update_search_dictionary`.
NEWSROOM_SEARCH_DICTIONARY = BASE_DIR / "seeds" / "search_dictionary.dict"
# The word check's starter list (禁用/慎用/错别字), loaded by `manage.py load_word_list`; editors keep it in 字词表.
NEWSROOM_WORD_LIST = BASE_DIR / "seeds" / "word_list.tsv"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
