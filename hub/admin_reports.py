"""Wagtail's page types usage report, naming no page hidden from the reader (hub.page_privacy).

Wagtail's report shows, for each page type, the title of its most recently edited page, found
without asking the permission policy; here that page is the most recently edited one the reader
may see. hub.urls serves this view at the report's own address.
"""

from django.db.models import F
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from hub.page_privacy import is_hidden_from, visible_pages


class PrivatePageTypesUsageReportView(PageTypesUsageReportView):
    def last_visible_page(self, content_type):
        pages = Page.objects.filter(content_type=content_type)
        cleaned = self.filters.form.cleaned_data
        if cleaned.get("page_locale"):
            pages = pages.filter(locale__language_code=cleaned["page_locale"])
        if cleaned.get("site"):
            pages = pages.filter(path__startswith=cleaned["site"])
        pages = visible_pages(pages, self.request.user)
        ordering = (F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
        return pages.order_by(*ordering).specific().first()

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        for item in page_types:
            page = item.last_edited_page
            if page is not None and is_hidden_from(page, user):
                item.last_edited_page = self.last_visible_page(item)
        return page_types


page_types_usage = require_admin_access(PrivatePageTypesUsageReportView.as_view())
page_types_usage_results = require_admin_access(
    PrivatePageTypesUsageReportView.as_view(results_only=True)
)
