"""The case-study catalogue, the principles section and the resource library."""

from django.utils.translation import gettext_lazy as _

from hub.models import SectionPage


class CaseStudyIndexPage(SectionPage):
    """Case studies: the browsable catalogue."""

    class Meta:
        verbose_name = _("case study index page")


class PrincipleIndexPage(SectionPage):
    """The six principles of co-production."""

    class Meta:
        verbose_name = _("principle index page")


class ResourceIndexPage(SectionPage):
    """The resource library: research, practical tools and multimedia."""

    class Meta:
        verbose_name = _("resource index page")
