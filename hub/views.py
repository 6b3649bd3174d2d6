"""Serving pages in the visitor's language, with the default language's page where none exists.

Wagtail routes /cy/... through the Welsh home page. When a section or page has no live Welsh
version (not translated yet, or its translation still a draft), that route ends in a 404 even
though the page exists in English. Instead, the English page is served at the Welsh address:
the interface stays Welsh, base.html marks the content as English and says so, and the
switcher offers the versions that do exist. So a Welsh visitor following a link to an
untranslated section never drops out of Welsh.
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site


def route_in_default_language(request, path):
    """The route of `path` in the default language's page tree, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        # The site's root page is the default language's home (Wagtail routes other languages
        # through its translations).
        return site.root_page.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def serve(request, path):
    language = translation.get_language()
    if language != settings.LANGUAGE_CODE and Page.route_for_request(request, path) is None:
        fallback = route_in_default_language(request, path)
        if fallback is not None:
            # Wagtail's serve reads the route from this documented per-request cache.
            request._wagtail_route_for_request = fallback
    return wagtail_views.serve(request, path)
