"""Toolkits, guides, learning forums and the self-assessment."""

from django.utils.translation import gettext_lazy as _

from hub.models import SectionPage


class ToolkitIndexPage(SectionPage):
    """Toolkits and guides."""

    class Meta:
        verbose_name = _("toolkit index page")
