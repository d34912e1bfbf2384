"""Test settings: FOR THE TEST SUITE ONLY (fast hashing, a throwaway secret)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The suite searches far more than a reader would; tests/production/ sets the limit it checks.
NEWSROOM_SEARCH_RATE_LIMIT = "100000/m"
