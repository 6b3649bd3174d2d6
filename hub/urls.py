from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hub import admin_reports
from hub import views as hub_views

urlpatterns = [
    # Wagtail's report, replaced at its own address so that it names no private page.
    path("admin/reports/page-types-usage/", admin_reports.page_types_usage),
    path("admin/reports/page-types-usage/results/", admin_reports.page_types_usage_results),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    # The read-only open-data API (api/, docs/api.md).
    path("api/v2/", include("api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages carry their language in the URL (/en/, /cy/, /es/); "/" redirects by the browser's
# preferred language, or the language cookie (LocaleMiddleware). Wagtail's own page view is
# replaced by one that serves the default language's page where a translation is missing
# (hub/views.py); Wagtail's other front-end URLs are kept as they are.
wagtail_front_end = [
    pattern
    for pattern in wagtail_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtail_serve"
]
urlpatterns += i18n_patterns(
    # A page for each keyword, in each language (keywords/).
    path("keywords/", include("keywords.urls")),
    path("", include(wagtail_front_end)),
    re_path(wagtail_urls.serve_pattern, hub_views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
