"""'A day in the life' stories told by experts by experience."""

from django.utils.translation import gettext_lazy as _

from hub.models import SectionPage


class StoryIndexPage(SectionPage):
    """Stories: listed newest first."""

    class Meta:
        verbose_name = _("story index page")
