from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitsConfig(AppConfig):
    name = "toolkits"
    verbose_name = _("Toolkits")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub.routes import add_routes
        from toolkits import signals  # noqa: F401  (connects the forum set-up)
        from toolkits.models import SelfAssessmentPage
        from toolkits.views import ROUTES

        add_routes(SelfAssessmentPage, ROUTES)
