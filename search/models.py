"""The site-wide search page. One per locale, at /<lang>/search/."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from hub.models import SectionPage
from search.backends import search_page
from search.query import clean_query, display_query

RESULTS_PER_PAGE = 20


class SearchPage(SectionPage):
    """Search across every public content type of the visitor's language."""

    template = "search/search_page.html"

    class Meta:
        verbose_name = _("search page")

    def search_queryset(self):
        """What may be found: live, public pages of this page's locale."""
        return (
            Page.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .not_type(SearchPage)
            .filter(depth__gt=1)
        )

    def search(self, query):
        """Pages matching the query, best first (lazy: backend errors surface when evaluated)."""
        return self.search_queryset().search(clean_query(query))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = display_query(request.GET.get("q"))
        terms = clean_query(query)
        results = None
        if terms:
            # A missing, malformed or out-of-range page number gives a real page, never an error.
            results = search_page(
                self.search_queryset(), terms, request.GET.get("page"), RESULTS_PER_PAGE
            )
        context.update(query=query, results=results)
        return context
