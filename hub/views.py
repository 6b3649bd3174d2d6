"""Serving pages in the visitor's language, with the default language's page where none exists.

Wagtail routes /cy/... through the Welsh home page. When a section or page has no live Welsh
version (not translated yet, or its translation still a draft), that route ends in a 404 even
though the page exists in English. Instead, the English page is served at the Welsh address:
the interface stays Welsh, base.html marks the content as English and says so, and the
switcher offers the versions that do exist. So a Welsh visitor following a link to an
untranslated section never drops out of Welsh.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import patch_cache_control
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from hub.citation import bibtex, citation_for, ris
from hub.models import Principle
from hub.wedge_image import wedge_png


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


def public_page(page_id, feature):
    """A live page that anyone may see (never a draft, members-only or withdrawn one) and whose
    class offers `feature`; otherwise 404, which says nothing about whether it exists."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not getattr(page, feature, False):
        raise Http404
    return page


CITATION_FORMATS = {
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
}


def citation_download(request, page_id, extension):
    """A page's citation as a BibTeX or RIS file, for reference managers."""
    if extension not in CITATION_FORMATS:
        raise Http404
    write, content_type = CITATION_FORMATS[extension]
    citation = citation_for(public_page(page_id, "citable"), request)
    response = HttpResponse(write(citation), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{extension}"'
    return response


def wedge_preview(request, page_id):
    """A case study's wedge as a PNG, at a stable address for link previews."""
    page = public_page(page_id, "has_wedge_preview")
    response = HttpResponse(
        wedge_png(page, Principle.in_language(page.locale_id)), content_type="image/png"
    )
    patch_cache_control(response, public=True, max_age=60 * 60)
    return response
