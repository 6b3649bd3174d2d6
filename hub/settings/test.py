"""The test suite. DATABASE_URL chooses PostgreSQL or SQLite (make test runs both)."""

import json
import os

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
HUB_DEMO_LOGINS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media" / str(os.getpid())
STORY_HOLDING_ROOT = BASE_DIR / ".test-media" / "private" / str(os.getpid())
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    # Per-process memory keeps tests independent of the cache table; tests/hub/test_shared_cache.py
    # proves the shared caches (database, Redis) hold a limit across processes.
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The page cache is on in every test (conftest clears it between tests): no test may see a
    # stale page. tests/hub/test_page_cache.py also runs it on files and on Redis.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "pages_local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages-local",
    },
}
# The test client's host: absolute links in responses point back at the site under test.
HUB_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = HUB_BASE_URL
# A second process in a test (tests/hub/test_page_cache.py) shares the test's page cache.
if os.environ.get("HUB_TEST_PAGES_CACHE"):
    CACHES["pages"] = json.loads(os.environ["HUB_TEST_PAGES_CACHE"])
