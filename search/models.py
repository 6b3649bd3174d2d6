"""The site-wide search page. One per locale, at /<lang>/search/."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from hub.models import SectionPage
from search.query import clean_query, display_query

RESULTS_PER_PAGE = 20


class SearchPage(SectionPage):
    """Search across every public content type of the visitor's language."""

    template = "search/search_page.html"

    class Meta:
        verbose_name = _("search page")

    def search(self, query):
        """Live, public pages of this page's locale matching the query, best first."""
        pages = (
            Page.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .not_type(SearchPage)
            .filter(depth__gt=1)
        )
        return pages.search(query)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = display_query(request.GET.get("q"))
        terms = clean_query(query)
        results = None
        if terms:
            paginator = Paginator(self.search(terms), RESULTS_PER_PAGE)
            # get_page() turns a missing, malformed or out-of-range page number into a real page.
            results = paginator.get_page(request.GET.get("page"))
        context.update(query=query, results=results)
        return context
