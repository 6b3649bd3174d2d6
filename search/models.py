"""The site-wide search page. One per locale, at /<lang>/search/."""

from dataclasses import dataclass

from django.http import JsonResponse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from hub.listing.query import clean_query, display_query
from hub.models import SectionPage
from search import autocomplete, engine_facets
from search.backends import evaluated_page, with_fallback
from search.did_you_mean import suggestion
from search.facets import (
    Chosen,
    active_filters,
    facet_counts,
    parse_filters,
    restrict,
    search_facets,
)
from search.outbox import PendingIndexChange, pending  # noqa: F401 - a model of this app
from search.snippets import highlight, snippet_source
from search.suggestions import popular_searches
from search.synonyms import SynonymSet, expanded  # noqa: F401 - SynonymSet: a model of this app
from search.window import MATCHES_RANKED, RANKED_WINDOW, WindowedResults, ranked_window

RESULTS_PER_PAGE = 20
AUTOCOMPLETE_LIMIT = 8


@dataclass
class Found:
    results: object  # the page of results asked for (a Paginator's Page)
    operator: str  # "and" when the results have every word, "or" when only some
    total: int  # how many pages match, filters aside
    window: list | None = None  # ids of the most relevant matches, for the database's counts
    counts: dict | None = None  # the facet counts over every match, where the engine gave them

    @property
    def more(self):
        """Whether the database stopped counting matches (search.window.MATCHES_RANKED)."""
        return self.window is not None and self.total > MATCHES_RANKED


class SearchPage(RoutablePageMixin, SectionPage):
    """Search across every public content type of the visitor's language."""

    # The page cache purges search pages from a CDN whenever any page changes.
    lists_every_page = True

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
            "chosen": Chosen(active_filters=[], ignored=ignored),
        }
        if not terms:
            return context

        everything = self.search_queryset()
        page_number = request.GET.get("page")
        found = with_fallback(
            lambda backend: self.found(everything, terms, selected, page_number, backend)
        )
        # A variant that finds more is offered; when no page has every word typed, it is searched.
        strict_total = found.total if found.operator == "and" else 0
        suggested = suggestion(
            terms,
            strict_total,
            lambda variant: with_fallback(lambda backend: self.count(everything, variant, backend)),
            self.locale_id,
        )
        searched = terms
        if suggested and not strict_total:
            searched = suggested
            found = with_fallback(
                lambda backend: self.found(everything, suggested, selected, page_number, backend)
            )
        results = found.results
        results.object_list = self.with_snippets(results.object_list, searched)
        counts = found.counts if found.counts is not None else facet_counts(found.window, selected)
        facets = search_facets(counts, selected, self.locale_id)
        context["chosen"].active_filters = active_filters(facets, selected, request.GET)
        context.update(
            suggested=suggested,
            searched=searched,
            results=results,
            results_sentence=self.results_count(
                results.paginator.count, query if searched == terms else searched, found.more
            ),
            any_word=found.operator == "or",
            facets=facets,
            facets_sampled=found.window is not None and found.total > len(found.window),
            facet_window=RANKED_WINDOW,
            promotions=self.promotions(terms),
        )
        if page_number in (None, "", "1"):  # a new search, not a later page of one
            Query.get(terms).add_hit()
        if not results.paginator.count:
            context.update(
                popular=popular_searches(exclude=terms),
                sections=self.get_parent().get_children().live().public().in_menu(),
            )
        return context

    def results_count(self, count, query, more=False):
        """The search's results-count sentence (includes/listing/results_count.html)."""
        if more:
            return _("More than %(counter)s results for “%(query)s”") % {
                "counter": number_format(MATCHES_RANKED, force_grouping=True),
                "query": query,
            }
        return ngettext(
            "%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", count
        ) % {"counter": count, "query": query}

    def found(self, everything, terms, selected, page_number, backend):
        """What `backend` finds: the page of results asked for, and the matches facets count.

        Pages with every word; when no page has every word, pages with any of them, so that a
        practitioner's "time bank older people" still finds time banks. Both backends are told
        the operator (the database backends default to "and", Elasticsearch to "or").
        On the database backends the most relevant matches and their number come in one go
        (search/window.py); without filters, the count and the first pages of results are read
        from them too. The engine counts every match and its facets in one request, and
        filters the results itself (search/engine_facets.py), unless it still owes index
        changes (search/outbox.py): then its matches are checked against the database and
        counted in the window, so that a page the database no longer shows is never counted.
        """
        for operator in ("and", "or"):
            query = expanded(terms, operator)  # synonyms: search/synonyms.py
            matches = everything.search(query, backend=backend, operator=operator)
            if engine_facets.supported(matches) and not pending():
                window = None
                total, counts = engine_facets.counted(matches, selected)
            else:
                window, total = ranked_window(matches, RANKED_WINDOW, MATCHES_RANKED)
                counts = None
            if total or " " not in terms:
                break
        results = matches
        if selected and window is None:
            results = matches.narrowed(engine_facets.filter_clauses(matches, selected))
        elif selected:
            results = self.filtered(everything, matches, window, selected).search(
                query, backend=backend, operator=operator
            )
        page = evaluated_page(results, page_number, RESULTS_PER_PAGE, counted=MATCHES_RANKED)
        return Found(page, operator, total, window, counts)

    def count(self, everything, terms, backend):
        """How many pages have every word of `terms` (or a synonym of it), up to
        MATCHES_RANKED + 1: a "did you mean" compares counts, and counting on would cost."""
        matches = everything.search(expanded(terms), backend=backend, operator="and")
        return ranked_window(matches, 0, MATCHES_RANKED)[1]

    def filtered(self, everything, matches, window, selected):
        """What the ranked search runs on when filters are selected, counted in the window."""
        if isinstance(matches, WindowedResults):
            return restrict(everything, selected)
        # Wagtail's other backends filter by lists of values, not subqueries: the window is listed.
        allowed = restrict(everything.filter(pk__in=window), selected)
        return everything.filter(pk__in=list(allowed.values_list("pk", flat=True)))

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
        """Title suggestions as JSON for the header search box (progressive enhancement).

        Balanced across the kinds of content, titles holding every word first
        (search/autocomplete.py).
        """
        terms = clean_query(request.GET.get("q"))
        suggestions = []
        if terms:
            pages = with_fallback(
                lambda backend: autocomplete.suggestions(
                    self.search_queryset(), terms, backend, AUTOCOMPLETE_LIMIT
                ),
                autocomplete=True,
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
