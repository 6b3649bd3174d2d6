from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The listings of the apps below this one search within themselves with its backends.
        from hub.listing import searching
        from search import listing_search, publishing

        searching.provide(listing_search)
        publishing.connect()
