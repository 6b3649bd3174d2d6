"""The site-wide search page. One per locale, at /<lang>/search/."""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from hub.models import SectionPage
from search.backends import search_page, with_fallback
from search.facets import (
    add_links,
    facet_counts,
    facet_groups,
    matching_pages,
    parse_filters,
    restrict,
)
from search.query import clean_query, display_query
from search.snippets import highlight, snippet_source
from search.suggestions import known_terms, popular_searches, spelling_hint

RESULTS_PER_PAGE = 20
AUTOCOMPLETE_LIMIT = 8


class SearchPage(RoutablePageMixin, SectionPage):
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

    @re_path(r"^$")
    def results(self, request):
        return self.render(request, context_overrides=self.results_context(request))

    def results_context(self, request):
        query = display_query(request.GET.get("q"))
        terms = clean_query(query)
        selected, ignored = parse_filters(request.GET, self.locale_id)
        context = {
            "query": query,
            "terms": terms,
            "selected_type": selected.get("type"),
            "filtered": bool(selected),
            "ignored_filters": ignored,
        }
        if not terms:
            return context

        everything = self.search_queryset()
        matches, operator = self.matching(everything, terms)
        matching = everything.filter(pk__in=matches)
        results = search_page(
            self.filtered(everything, matches, selected),
            terms,
            request.GET.get("page"),
            RESULTS_PER_PAGE,
            operator=operator,
        )
        results.object_list = self.with_snippets(results.object_list, terms)
        context.update(
            results=results,
            any_word=operator == "or",
            facets=add_links(
                facet_groups(facet_counts(matching, selected), selected, self.locale_id),
                request.GET,
            ),
            promotions=self.promotions(terms),
        )
        if request.GET.get("page") in (None, "", "1"):  # a new search, not a later page of one
            Query.get(terms).add_hit()
        if not results.paginator.count:
            titles = everything.values_list("title", flat=True)
            context.update(
                hint=spelling_hint(terms, known_terms(titles)),
                popular=popular_searches(exclude=terms),
                sections=self.get_parent().get_children().live().public().in_menu(),
            )
        return context

    def matching(self, everything, terms):
        """(the matching pages, for `pk__in`; the operator that found them).

        Pages with every word; when no page has every word, pages with any of them, so that a
        practitioner's "time bank older people" still finds time banks. Both backends are told
        the operator (the database backends default to "and", Elasticsearch to "or").
        """

        def pages_for(operator):
            def found(backend):
                results = everything.search(
                    terms, backend=backend, operator=operator, order_by_relevance=False
                )
                pages = matching_pages(results)
                if isinstance(pages, list):
                    return pages, bool(pages)
                # Asked here, inside with_fallback: a subquery only runs when it is used.
                return pages, everything.filter(pk__in=pages).exists()

            return with_fallback(found)

        pages, found = pages_for("and")
        if found or " " not in terms:
            return pages, "and"
        return pages_for("or")[0], "or"

    def filtered(self, everything, matches, selected):
        """What the ranked search runs on: the searchable pages with the selected filters."""
        if not selected:
            return everything
        if isinstance(matches, list):
            # Matches listed by id (PostgreSQL, Elasticsearch): Elasticsearch filters by lists
            # of values, not by subqueries, so the filtered pages are listed too.
            allowed = restrict(everything.filter(pk__in=matches), selected)
            return everything.filter(pk__in=list(allowed.values_list("pk", flat=True)))
        return restrict(everything, selected)

    def with_snippets(self, pages, terms):
        """The results as specific pages (one query per page type), each with a snippet."""
        specific = {
            page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()
        }
        words = terms.split()
        hits = []
        for page in pages:
            page = specific.get(page.pk, page)
            page.search_snippet = highlight(snippet_source(page), words)
            hits.append(page)
        return hits

    def promotions(self, terms):
        """Editors' promoted results for this query, in this language (or external links)."""
        promoted = SearchPromotion.objects.filter(query__query_string=terms).select_related("page")
        return [
            promotion
            for promotion in promoted
            if promotion.page is None
            or (promotion.page.live and promotion.page.locale_id == self.locale_id)
        ]

    @path("autocomplete/")
    def autocomplete(self, request):
        """Title suggestions as JSON for the header search box (progressive enhancement)."""
        terms = clean_query(request.GET.get("q"))
        suggestions = []
        if terms:
            pages = with_fallback(
                lambda backend: list(
                    self.search_queryset().autocomplete(terms, backend=backend)[:AUTOCOMPLETE_LIMIT]
                )
            )
            suggestions = [
                {
                    "title": page.title,
                    "url": page.get_url(request=request),
                    "type": str(page.specific_class._meta.verbose_name).capitalize(),
                }
                for page in pages
                if page.specific_class is not None
            ]
        return JsonResponse({"query": terms, "results": suggestions})
