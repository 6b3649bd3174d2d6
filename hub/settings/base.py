"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment, so that
choosing PostgreSQL or Elasticsearch never means editing code. See the README's configuration table.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "hub",
    "glossary",
    "casestudies",
    "evidence",
    "toolkits",
    "stories",
    "trust",
    "search",
    "provisioning",
    "api",
    "keywords",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "corsheaders",
]

MIDDLEWARE = [
    # Answers the API's cross-origin pre-flight requests before anything else runs.
    "corsheaders.middleware.CorsMiddleware",
    # First of all on every request, cached or not: the redirect to HTTPS and HSTS.
    "django.middleware.security.SecurityMiddleware",
    # Before everything else: a cached page costs no more than a look-up. The policy headers
    # below are the same on every public page, so they are stored with it; a page whose
    # rendering used a CSP nonce is never stored, so no nonce is served twice.
    "hub.page_cache.middleware.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "hub.csp.CurrentRequestMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware picks the visitor's language for "/" and for the admin (not for the
    # addresses in HUB_LANGUAGE_NEUTRAL_PREFIXES, whose 404s stay 404s).
    "hub.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An admin address naming a page hidden from the user answers 404 (hub.page_privacy).
    "hub.page_privacy_guard.PrivatePageGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the checkout unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# SQLite under several workers: write-ahead logging lets readers go on while one writer writes,
# IMMEDIATE transactions take the write lock at BEGIN (so two writers queue rather than deadlock)
# and the busy timeout makes a writer wait its turn instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ModelBackend, except that the demo accounts' public passwords work only with HUB_DEMO_LOGINS on.
AUTHENTICATION_BACKENDS = ["hub.auth_backends.NoDemoLoginsBackend"]
HUB_DEMO_LOGINS = False
# SQLite is the embedded default; production settings ask for it to be chosen on purpose.
HUB_ALLOW_SQLITE = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: multilingual from the first migration, so nothing is retro-fitted later.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("cy", _("Welsh")),
    ("es", _("Spanish")),
]
# HUB_LANGUAGES=en,cy serves a subset. The default language always stays: every other language's
# pages are translated from it, and it is what "/" falls back to.
_enabled = env_list("HUB_LANGUAGES")
if _enabled:
    _unknown = sorted(set(_enabled) - {code for code, _name in LANGUAGES})
    if _unknown:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"HUB_LANGUAGES names unsupported languages: {', '.join(_unknown)}. "
            f"Choose from: {', '.join(code for code, _name in LANGUAGES)}."
        )
    LANGUAGES = [
        (code, name) for code, name in LANGUAGES if code in _enabled or code == LANGUAGE_CODE
    ]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static and media files (production serves static files through WhiteNoise).
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# "Share your story" uploads. A picture's pixel count is read from its header and refused above
# this ceiling before anything is decoded (40 million: a 48-megapixel phone's default photo is
# 12 MP; decoding costs about 3-4 bytes a pixel). The total of one unfinished story's pictures is
# capped too. Pictures of unfinished stories wait in a private folder outside MEDIA_ROOT (never
# served), removed when sent, and swept after a day by `manage.py daily_cleanup`.
STORY_UPLOAD_MAX_PIXELS = int(os.environ.get("STORY_UPLOAD_MAX_PIXELS", "40000000"))
STORY_DRAFT_MAX_UPLOAD_BYTES = int(
    os.environ.get("STORY_DRAFT_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))
)
STORY_HOLDING_ROOT = Path(
    os.environ.get("STORY_HOLDING_ROOT", BASE_DIR / "private" / "story-drafts")
)

# Email: SMTP when EMAIL_HOST is set, otherwise printed to the console (nothing leaves the machine).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hub@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: one that every worker shares, because the rate limits and the search engine's circuit
# breaker count across requests. Redis when REDIS_URL is set; otherwise a table in the database
# (created by hub's migrations). Never per-process memory: three workers would allow three times
# the limit.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hub"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "hub.cache.DatabaseCache",
            "LOCATION": "hub_cache",
            # Culling throws away a third of the entries when the table is full: rate-limit
            # counters among them. A large ceiling keeps culling for genuinely stale rows.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
# The page cache (hub/page_cache) must be shared by every worker and process: Redis when there
# is one, else files on this machine (no server needed for `make run`).
if os.environ.get("REDIS_URL"):
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("HUB_PAGE_CACHE_DIR", str(BASE_DIR / ".cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
# Each process also keeps the pages it served last in its own memory, under the same keys. Every
# key holds the generation token, read from the shared cache on every request, so a kept copy is
# never stale; it saves reading and unpacking a large entry on every hit. A copy lives at most
# HUB_PAGE_CACHE_SECONDS from when this process read it.
CACHES["pages_local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "hub-pages",
    "OPTIONS": {"MAX_ENTRIES": 200},
}
# How long an anonymous page may be served from the page cache (0 turns it off); changes make
# pages fresh at once whatever this says. A CDN in front keeps them HUB_CDN_CACHE_SECONDS.
HUB_PAGE_CACHE_SECONDS = int(os.environ.get("HUB_PAGE_CACHE_SECONDS", "600"))
HUB_CDN_CACHE_SECONDS = int(os.environ.get("HUB_CDN_CACHE_SECONDS", "60"))
# Listing cards and facet counts are kept between requests, whether or not whole pages are, under
# the same generation (never stale), for at most this long (0 keeps none).
HUB_FRAGMENT_CACHE_SECONDS = int(os.environ.get("HUB_FRAGMENT_CACHE_SECONDS", "86400"))

# Search: Wagtail's database backend always (search/database_backend.py: the stock one, with
# faster relevance ranking on SQLite); a search engine in front of it when ELASTICSEARCH_URL is
# set, behind search/engine_backend.py (one index a language) and search/engine_guard.py (short
# timeouts, a circuit breaker, index changes kept in the database until the engine has them).
# The database index is kept in step (both backends auto-update) so search can fall back to it.
DATABASE_SEARCH_BACKEND = {"BACKEND": "search.database_backend"}
# The engines Wagtail speaks to, each through its own Python client: elasticsearch-py for
# Elasticsearch, opensearch-py for OpenSearch (3.x of that client needs Wagtail's opensearch3
# backend, which serves OpenSearch 2.x servers too).
SEARCH_ENGINE_BACKENDS = {
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch3",
    "opensearch3": "wagtail.search.backends.opensearch3",
}


def search_engine_backend(
    url,
    engine="elasticsearch9",
    index_prefix="hub_",
    timeout=1,
    autocomplete_timeout=0.5,
    indexing_timeout=60,
):
    """Backend settings for an engine named in SEARCH_ENGINE_BACKENDS (or a Wagtail backend's path).

    search.engine_backend wraps the engine's Wagtail backend to keep an index a language, and
    search/engine_guard.py guards it. Timeouts in seconds: `timeout` for a search or an index
    change in a web request (then the page answers from the database index), the shorter
    `autocomplete_timeout` for title suggestions, `indexing_timeout` for update_index.
    """
    return {
        "BACKEND": "search.engine_backend",
        "ENGINE": SEARCH_ENGINE_BACKENDS.get(engine, engine),
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "AUTOCOMPLETE_TIMEOUT": autocomplete_timeout,
        "INDEXING_TIMEOUT": indexing_timeout,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }


WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": search_engine_backend(
            ELASTICSEARCH_URL,
            engine=os.environ.get("ELASTICSEARCH_BACKEND", "elasticsearch9"),
            index_prefix=os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "hub_"),
            timeout=float(os.environ.get("ELASTICSEARCH_TIMEOUT", "1")),
            autocomplete_timeout=float(os.environ.get("ELASTICSEARCH_AUTOCOMPLETE_TIMEOUT", "0.5")),
            indexing_timeout=float(os.environ.get("ELASTICSEARCH_INDEXING_TIMEOUT", "60")),
        ),
        "database": DATABASE_SEARCH_BACKEND,
    }
# After the engine fails, searches skip it for this many seconds (search/breaker.py). The state
# is kept in this cache, by alias: shared by every worker when that cache is (database, Redis).
HUB_SEARCH_BREAKER_CACHE = "default"
HUB_SEARCH_BREAKER_COOLING_OFF = int(os.environ.get("SEARCH_BREAKER_COOLING_OFF", "30"))

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("HUB_SITE_NAME", "Co-production hub")
# The one base URL every absolute link is built from: the Site record (set by bootstrap_hub), and
# through it hreflang alternates and the sitemap; links in emails; the admin's own links.
# Where the quick-exit link on pages about abuse or violence goes: a neutral page elsewhere. It is
# only ever a link the visitor follows; the hub itself requests nothing from it.
HUB_QUICK_EXIT_URL = os.environ.get("HUB_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
HUB_BASE_URL = os.environ.get("HUB_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = HUB_BASE_URL
# Avatars are initials drawn by the admin itself: no request to Gravatar from any admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls home: the hub makes no third-party requests
WAGTAIL_MODERATION_ENABLED = True

# The page model of the site search, which the header's search box points at (app_label.Model).
# Named here, as AUTH_USER_MODEL is, because the shared base (hub) imports no content app.
HUB_SEARCH_PAGE_MODEL = "search.SearchPage"
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True


def machine_translator_from_env(environ=os.environ):
    """wagtail-localize's machine translator, chosen without editing code (README: configuration).

    HUB_MACHINE_TRANSLATOR is the translator's dotted class path, HUB_MACHINE_TRANSLATOR_OPTIONS
    its options as a JSON object (e.g. an API key). Unset: no machine translation, no network.
    """
    import json

    from django.core.exceptions import ImproperlyConfigured

    class_path = environ.get("HUB_MACHINE_TRANSLATOR", "").strip()
    if not class_path:
        return None
    try:
        options = json.loads(environ.get("HUB_MACHINE_TRANSLATOR_OPTIONS", "") or "{}")
    except ValueError as error:
        raise ImproperlyConfigured(
            f"HUB_MACHINE_TRANSLATOR_OPTIONS is not valid JSON: {error}"
        ) from error
    if not isinstance(options, dict):
        raise ImproperlyConfigured("HUB_MACHINE_TRANSLATOR_OPTIONS must be a JSON object.")
    return {"CLASS": class_path, "OPTIONS": options}


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env()
# A new translation of a live page starts as a draft (wagtail-localize would publish it at once,
# still in English): translations go live only through review, by someone who may publish.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TAGGIT_CASE_INSENSITIVE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The read-only API at /api/v2/ (api/, docs/api.md): at most this many items a page, and this
# many requests from one address in a window of seconds (the stories' cache-based limiter, so a
# shared cache holds it across workers). Any site may read it from a browser: GET only, no
# cookies or credentials.
WAGTAILAPI_LIMIT_MAX = int(os.environ.get("HUB_API_LIMIT_MAX", "50"))
WAGTAILAPI_BASE_URL = HUB_BASE_URL
HUB_API_RATE_LIMIT = (
    int(os.environ.get("HUB_API_RATE_LIMIT", "300")),
    int(os.environ.get("HUB_API_RATE_WINDOW", "300")),
)
HUB_LANGUAGE_NEUTRAL_PREFIXES = ["/api/"]
CORS_URLS_REGEX = r"^/api/v2/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False

# Frontend cache purge (a CDN in front): configured only when a purge URL is given.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# Content-Security-Policy on every response: scripts only from this site, or inline with the
# request's nonce (Wagtail's own inline scripts get it: hub.csp). Styles allow inline style
# attributes, which Wagtail's admin and the principle colours use; a style cannot run code.
# Frames: this site (Wagtail's preview) and the video hosts that EmbedBlocks show, which
# HUB_CSP_FRAME_SRC replaces. Nothing is fetched, posted or loaded from anywhere else.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [
            SELF,
            *env_list(
                "HUB_CSP_FRAME_SRC",
                [
                    "https://www.youtube-nocookie.com",
                    "https://www.youtube.com",
                    "https://player.vimeo.com",
                ],
            ),
        ],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Permissions-Policy: no page of the hub uses these, so no page (or embed) may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

# Wagtail marks its own preview views same-origin; nothing else may be framed.
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "elastic_transport": {"level": "ERROR"},
        # Background tasks (search index, reference index) log every run at INFO: too chatty.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}
