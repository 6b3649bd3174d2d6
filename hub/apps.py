from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub import checks  # noqa: F401  (registers the deploy checks)
        from hub.csp import patch_wagtail_choosers
        from hub.keywords import connect_signals as name_keywords_in_every_language
        from hub.localisation import connect_signals
        from hub.page_cache import invalidation

        # Chooser widgets' inline scripts carry the Content-Security-Policy nonce (see hub.csp).
        patch_wagtail_choosers()

        # Translated pages point at taxonomy in their own language (see hub.localisation).
        connect_signals()
        # Every keyword has a name to translate, and loses its names when it goes (hub.keywords).
        name_keywords_in_every_language()
        # Every change a visitor could see makes the page cache fresh (hub/page_cache).
        invalidation.connect()
