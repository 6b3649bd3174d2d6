"""A listing: the pages under an index page, filtered, counted, sorted, paged and exported.

A content app declares one by subclassing Listing and naming its page model (whose
`listing_facets` are the facets), its sort orders, its card template and its export columns;
the engine does the rest in a fixed number of queries, however many pages there are:

    class ResourceLibrary(Listing):
        model = ResourcePage
        sorts = {"title": Sort(_("Title (A to Z)"), (Lower("title"), "pk"))}
        card_template = "casestudies/includes/resource_listing_card.html"
        export_columns = [Column("title", lambda page, request: page.title), ...]

        def results_count(self, count):
            return ngettext("%(count)s resource", "%(count)s resources", count) % {"count": count}

Nothing is worked out before it is asked for: a template that shows no facet counts none.
What only depends on the content and the query string (the options each facet offers, the
counts) is kept between requests until the content changes (`kept`, hub.page_cache.fragments).
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Value
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from hub.listing import searching
from hub.listing.counting import Materialised, union
from hub.listing.facets import Option
from hub.listing.filtersets import ListingFilterSet
from hub.listing.query import clean_query, display_query
from hub.page_cache.fragments import Fragments


@dataclass(frozen=True)
class Sort:
    label: str
    order: tuple = ()  # order_by() arguments; none for relevance, which the search orders


@dataclass
class ActiveFilter:
    """A chosen value, with the link that removes it and how many results that would give."""

    label: str
    value_label: str
    remove_url: str
    count_without: int
    results_without: str = ""  # the results-count sentence for count_without


class Listing:
    """The engine; subclasses are declarations (see the module's docstring)."""

    model = None  # the page model listed; its `listing_facets` are the facets
    per_page = 50
    sorts = {}  # {URL value: Sort}, the first the default without a search
    card_template = ""
    searchable = False  # whether the listing has its own search box (`q`)
    export_columns = []  # hub.listing.export.Column, in the order of the CSV's columns
    feed_title = ""
    # Parameters that change the order or the page of results, never what is counted.
    uncounted_parameters = ("sort",)

    def __init__(self, index_page, data, base_url=""):
        self.index_page = index_page
        self.data = data if data is not None else QueryDict()
        self.base_url = base_url
        self.locale_id = index_page.locale_id
        searchable = self.searchable and searching.available()
        self.query = display_query(self.data.get("q")) if searchable else ""
        self.terms = clean_query(self.query)

    # The declaration's hooks

    def parameters(self):
        """{name: choices} of the query string's other parameters (the sort, a strength)."""
        return {"sort": [(key, sort.label) for key, sort in self.sorts.items()]}

    def searchable_pages(self):
        """What the listing's search looks in: live pages in the listing's languages."""
        return self.model.objects.live().filter(locale_id__in=self.locale_ids)

    def search_matches(self):
        """The pages matching self.terms, as `pk__in` takes them (searchable listings only)."""
        return searching.matching(self.searchable_pages(), self.terms)

    def relevance_page(self, results, number):
        """The page `number` of results, best match first, as ids (searchable listings only)."""
        if isinstance(self.matches, list):  # Elasticsearch filters by lists, not subqueries
            allowed = list(results.values_list("pk", flat=True))
        else:
            allowed = results.values("pk")
        ranked = self.searchable_pages().filter(pk__in=allowed)
        return searching.ranked_page(ranked, self.terms, number, self.per_page)

    def with_related(self, pages):
        """The pages of a page of results, with what their cards show prefetched."""
        return pages

    def feed_description(self, page):
        """The text of a page's item in the listing's RSS feed."""
        return ""

    def results_count(self, count):
        """The sentence saying how many results there are, e.g. "3 case studies"."""
        raise NotImplementedError

    # Reading the query string

    @cached_property
    def default_locale(self):
        return Locale.get_default()

    @cached_property
    def source_index(self):
        """The index page in the default language, when this one is a translation of it."""
        if self.index_page.locale_id == self.default_locale.pk:
            return None
        return self.index_page.get_translation_or_none(self.default_locale)

    @cached_property
    def candidates(self):
        """Every page the listing could show, before the search and the facets.

        A translated listing also shows the pages not yet translated into its language, in the
        default language (their cards say so): a Welsh visitor sees every resource, not none.
        """
        here = self.pages_under(self.index_page)
        if self.source_index is None:
            return here
        untranslated = self.pages_under(self.source_index).exclude(
            translation_key__in=here.values("translation_key")
        )
        return here | untranslated

    def pages_under(self, index_page):
        """The live, public pages of an index page (in one language) the listing shows."""
        return self.model.objects.live().public().child_of(index_page)

    @property
    def locale_ids(self):
        """The languages the listing's pages are in: its own and, in a translation, the default."""
        if self.source_index is None:
            return [self.locale_id]
        return [self.locale_id, self.source_index.locale_id]

    @cached_property
    def matches(self):
        """The pages matching the words searched for (search_matches(), worked out once)."""
        return self.search_matches()

    @cached_property
    def listed(self):
        """The candidates matching the words searched for: what the facets count."""
        if self.terms:
            return self.candidates.filter(pk__in=self.matches)
        return self.candidates

    # What is kept between requests

    @cached_property
    def kept_parts(self):
        return Fragments()

    def kept(self, name, make, *parts):
        """`make()`'s value for this listing in this language and `parts` (what else it depends
        on), worked out once per content change and shared by every worker."""
        listing = (type(self).__module__, type(self).__qualname__, self.index_page.pk)
        key = self.kept_parts.key(name, *listing, get_language(), *parts)
        return self.kept_parts.get_or_make(key, make)

    @cached_property
    def counted_query(self):
        """The query string as far as it changes a count: the words searched for and the values
        chosen, each in a fixed order; not the order of the results or the page number."""
        data = self.filterset.data
        uncounted = {*self.uncounted_parameters, "q"}  # the words count as cleaned, in terms
        chosen = sorted(
            (name, tuple(sorted(data.getlist(name))))
            for name in data
            if name not in uncounted and data.getlist(name)
        )
        return (self.terms, tuple(chosen))

    @property
    def facet_specs(self):
        """The declarations of the listing's facets: its page model's `listing_facets`."""
        return self.model.listing_facets

    @cached_property
    def facets(self):
        specs = self.facet_specs
        choices = self.kept("choices", lambda: {spec.name: self.labelled(spec) for spec in specs})
        return [spec.bind(self, choices[spec.name]) for spec in specs]

    def labelled(self, spec):
        """A facet's choices with their labels in the visitor's language, as plain strings: a
        translatable label would be kept as a call to make again on every request."""
        return [(value, str(label)) for value, label in spec.choices_for(self)]

    @cached_property
    def facet(self):
        return {facet.name: facet for facet in self.facets}

    @cached_property
    def filterset(self):
        filterset = ListingFilterSet(
            self.data, self.listed, self.facets, self.parameters(), searchable=self.searchable
        )
        for facet in self.facets:
            facet.selected = filterset.selected(facet.name)
        return filterset

    @property
    def ignored(self):
        return self.filterset.ignored

    @property
    def is_filtered(self):
        self.filterset  # noqa: B018 - reading the query string chooses the facets' values
        return bool(self.terms) or any(facet.selected for facet in self.facets)

    @property
    def chosen_count(self):
        """How many filters are chosen, for the "Filter" disclosure on a phone."""
        self.filterset  # noqa: B018
        return sum(len(facet.selected) for facet in self.facets)

    @property
    def default_sort(self):
        """Best match for a search, where the listing has it; else its first order."""
        return "relevance" if self.terms and "relevance" in self.sorts else next(iter(self.sorts))

    @cached_property
    def sort(self):
        chosen = self.filterset.value("sort")
        if chosen == "relevance" and not self.terms:
            chosen = None
        return chosen or self.default_sort

    @property
    def sort_value(self):
        """The URL value of the order chosen: none for the default, so a new search ranks."""
        return "" if self.sort == self.default_sort else self.sort

    @property
    def sort_options(self):
        """[(URL value, label, selected)]: the default order's value is empty, so that the
        words typed into a title-ordered listing are still shown best match first."""
        return [
            ("" if key == self.default_sort else key, sort.label, key == self.sort)
            for key, sort in self.sorts.items()
            if key != "relevance" or self.terms
        ]

    # Results

    @cached_property
    def results(self):
        """The matching pages, unordered: a queryset."""
        return self.filterset.qs

    @cached_property
    def page(self):
        """The page of results asked for, as ids, ordered by the database (or the search).

        In the listing's own orders, the ids and the number of results are kept until the
        content changes, as the counts are.
        """
        number = self.data.get("page")
        if self.sort == "relevance":
            return self.relevance_page(self.results, number)
        shown, ids, count = self.kept(
            "page",
            lambda: self.ordered_page(number),
            self.counted_query,
            self.sort,
            self.per_page,
            number,
        )
        paginator = Paginator((), self.per_page)
        paginator.count = count  # known: the paginator need not count again
        return PaginatorPage(ids, shown, paginator)

    def ordered_page(self, number):
        """(page number, [ids], number of results) of the page asked for, in the chosen order."""
        ids = self.results.order_by(*self.sorts[self.sort].order).values_list("pk", flat=True)
        page = Paginator(ids, self.per_page).get_page(number)
        return page.number, list(page.object_list), page.paginator.count

    @property
    def total(self):
        return self.page.paginator.count

    @property
    def results_sentence(self):
        return self.results_count(self.total)

    @cached_property
    def pages(self):
        """The pages of this page of results, in order, loaded with what their cards show."""
        return self.load(list(self.page.object_list))

    def load(self, ids):
        """The pages with these ids, in this order, with what their cards show."""
        return self.in_order(self.with_related(self.model.objects.filter(pk__in=ids)), ids)

    def in_order(self, pages, ids):
        by_pk = {page.pk: page for page in pages}
        for page in by_pk.values():
            # The language of a page shown untranslated, for its card's lang attribute and label.
            page.fallback_language = (
                self.default_locale.language_code if page.locale_id != self.locale_id else ""
            )
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def ordered_results(self):
        """Every result in the chosen order (by title where the search would order them)."""
        sort = self.sorts.get(self.sort) if self.sort != "relevance" else None
        order = (sort or next(iter(self.sorts.values()))).order
        return self.results.order_by(*order)

    # Counting, in the database

    @cached_property
    def pool(self):
        """The listing's pages, worked out once per counting statement (see count_rows)."""
        return Materialised(self.listed)

    @cached_property
    def counted_pages(self):
        """The pages to build counting queries on: their rows come from the pool."""
        return self.pool.queryset()

    def count_rows(self, queries):
        """The rows of counting queries built on `counted_pages`, in one statement."""
        return self.pool.rows(union(queries))

    def matching(self, skip=None, without=None, pages=None):
        """The pages with every chosen value (but `skip`'s, or the one value `without`).

        From `pages` if given (`counted_pages`, for counts), else from the listing's pages.
        """
        self.filterset  # noqa: B018
        pages = self.listed if pages is None else pages
        for facet in self.facets:
            if facet is skip:
                continue
            values = [value for value in facet.selected if without != (facet, value)]
            pages = facet.apply(pages, values)
        return pages

    @cached_property
    def counted_facets(self):
        """The facets with their options and counts (kept until the content changes)."""
        counts = self.kept("facet counts", self.count_facets, self.counted_query)
        for facet in self.facets:
            found = facet.option_counts(counts[facet.name])
            facet.options = [
                Option(value, label, found.get(value, 0), value in facet.selected)
                for value, label in facet.choices
            ]
        return self.facets

    def count_facets(self):
        """{facet name: {value: pages}}, from one query."""
        counted = self.counted_pages
        queries = []
        for facet in self.facets:
            pages = (
                self.matching(pages=counted)
                if facet.counts_own_choices
                else self.matching(skip=facet, pages=counted)
            )
            query = facet.count(pages)
            # A facet over several page types counts each type on its own (a list of counts).
            queries.extend(query if isinstance(query, list) else [query])
        counts = {facet.name: {} for facet in self.facets}
        for name, value, number in self.count_rows(queries) if queries else ():
            if value is not None:
                # A page is of one type, so the counts of several types add up.
                counts[name][value] = counts[name].get(value, 0) + number
        return counts

    def counts_without(self):
        """{(facet name, value): results without that one chosen value} (kept, as the counts)."""
        if not self.chosen_count:
            return {}
        return self.kept("counts without", self.count_without_each, self.counted_query)

    def count_without_each(self):
        """counts_without(), from one query."""
        removals = [(facet, value) for facet in self.facets for value in facet.selected]
        if not removals:
            return {}
        queries = [
            self.matching(without=(facet, value), pages=self.counted_pages)
            .order_by()
            .annotate(
                facet=Value(facet.name, output_field=CharField()),
                value=Value(value, output_field=CharField()),
            )
            .values_list("facet", "value")
            .annotate(pages=Count("pk"))
            for facet, value in removals
        ]
        return {(name, value): number for name, value, number in self.count_rows(queries)}

    # Links

    def url(self, **changes):
        """This listing's URL with some parameters replaced (None removes them), page reset."""
        query = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        query._mutable = True
        query.pop("page", None)
        for name, value in changes.items():
            query.pop(name, None)
            if value is None:
                continue
            if isinstance(value, list | tuple):
                query.setlist(name, value)
            else:
                query[name] = value
        encoded = query.urlencode()
        return f"{self.base_url}?{encoded}" if encoded else self.base_url

    @cached_property
    def active_filters(self):
        """Every chosen value as a removable chip saying exactly what it applies."""
        self.filterset  # noqa: B018
        counts = self.counts_without()
        active = []
        if self.terms:
            active.append(
                ActiveFilter(
                    label=_("Search"),
                    value_label=self.query,
                    remove_url=self.url(q=None, sort=None),
                    count_without=self.matching(pages=self.candidates).count(),
                )
            )
            active[-1].results_without = self.results_count(active[-1].count_without)
        for facet in self.facets:
            for value in facet.selected:
                remaining = [v for v in facet.selected if v != value]
                label, value_label = facet.chip(value)
                active.append(
                    ActiveFilter(
                        label=label,
                        value_label=value_label,
                        remove_url=self.url(**{facet.name: remaining or None}),
                        count_without=counts.get((facet.name, value), 0),
                        results_without=self.results_count(counts.get((facet.name, value), 0)),
                    )
                )
        return active

    @property
    def export_links(self):
        """[(format, label, URL)] of this very listing as data and as a feed."""
        return [
            (name, label, self.url(format=name))
            for name, label in (("csv", "CSV"), ("json", "JSON"), ("rss", "RSS"))
        ]
