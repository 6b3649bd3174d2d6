"""Deploy checks (`manage.py check --deploy`) for the hub's own production settings."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import validate_host


@register(Tags.database, deploy=True)
def sqlite_needs_opt_in(app_configs, **kwargs):
    """SQLite serialises every write: fine for a small site, but a choice to make on purpose."""
    engines = {db["ENGINE"] for db in settings.DATABASES.values()}
    if "django.db.backends.sqlite3" in engines and not getattr(settings, "HUB_ALLOW_SQLITE", True):
        return [
            Error(
                "Production settings are using SQLite.",
                hint="Set DATABASE_URL to a PostgreSQL database, or set HUB_ALLOW_SQLITE=1 to "
                "run a small site on SQLite on purpose (README: deployment).",
                id="hub.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def base_url_is_served(app_configs, **kwargs):
    """Every absolute link is built from HUB_BASE_URL: it must name this site, over HTTPS."""
    base_url = urlsplit(settings.HUB_BASE_URL)
    problems = []
    if not validate_host(base_url.hostname or "", settings.ALLOWED_HOSTS):
        problems.append(
            Error(
                f"HUB_BASE_URL ({settings.HUB_BASE_URL}) names a host that ALLOWED_HOSTS refuses.",
                hint="Set HUB_BASE_URL to the address people use, e.g. https://hub.example.org, "
                "and include its host name in ALLOWED_HOSTS.",
                id="hub.E002",
            )
        )
    if base_url.scheme != "https":
        problems.append(
            Warning(
                f"HUB_BASE_URL ({settings.HUB_BASE_URL}) is not an https:// address.",
                hint="Links in emails, the sitemap and hreflang alternates would send people to "
                "an unencrypted address.",
                id="hub.W001",
            )
        )
    return problems
