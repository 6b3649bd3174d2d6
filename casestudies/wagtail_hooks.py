"""The catalogue's terms in the admin, inside the shared Taxonomy menu; the broken links report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from casestudies.link_report import BrokenLinksReportView, runs_the_catalogue
from casestudies.views import (
    ClientGroupViewSet,
    FundingMechanismViewSet,
    SectorViewSet,
    SourceReportViewSet,
    ThemeViewSet,
)

for viewset in (
    SectorViewSet,
    ClientGroupViewSet,
    ThemeViewSet,
    FundingMechanismViewSet,
    SourceReportViewSet,
):
    register_snippet(viewset)


@hooks.register("register_admin_urls")
def register_broken_links_report():
    return [
        path("reports/broken-links/", BrokenLinksReportView.as_view(), name="broken_links"),
        path(
            "reports/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="broken_links_results",
        ),
    ]


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return runs_the_catalogue(request.user)


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return BrokenLinksMenuItem(
        _("Broken links"), reverse("broken_links"), name="broken-links", icon_name="link", order=750
    )
