from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The guard that keeps a story's text out of wagtail-localize without consent to
        # translate is a signal receiver in wagtail_hooks: connect it even where Wagtail has
        # not loaded its hooks (a management command, a script).
        from hub.routes import add_routes
        from stories import wagtail_hooks  # noqa: F401
        from stories.models import StoryIndexPage
        from stories.routes import ROUTES

        add_routes(StoryIndexPage, ROUTES)
