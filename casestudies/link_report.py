"""The admin's "Broken links" report: what the last link check found dead, and where it is used."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from casestudies.link_health import linked_pages
from casestudies.models import LinkCheck
from hub.groups import EDITORS


def runs_the_catalogue(user):
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


class BrokenLinksReportView(ReportView):
    page_title = _("Broken links")
    header_icon = "link"
    index_url_name = "broken_links"
    index_results_url_name = "broken_links_results"
    model = LinkCheck
    columns = [
        Column("url", label=_("Address")),
        Column("answer", label=_("Last answer")),
        Column("used_on", label=_("Linked from")),
        DateColumn("broken_since", label=_("Broken since")),
        DateColumn("checked_at", label=_("Last checked")),
    ]
    list_export = ["url", "answer", "used_on", "broken_since", "checked_at"]

    def dispatch(self, request, *args, **kwargs):
        if not runs_the_catalogue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return LinkCheck.objects.filter(broken=True).order_by("-broken_since", "url")

    def decorate_paginated_queryset(self, checks):
        pages = linked_pages()
        for check in checks:
            check.answer = check.status_code or check.error or _("No answer")
            check.used_on = "; ".join(sorted({page.title for page in pages.get(check.url, [])}))
        return checks
