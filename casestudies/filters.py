"""Faceted browsing of the catalogue and the resource library.

How it works, and why: the database does the counting. Each facet is a condition ("has keyword
X") and a count ("how many pages have each keyword"), both written as queries over the pages
that pass the other filters, so a listing costs a fixed number of GROUP BY and COUNT queries
however large the catalogue grows, and the counts are exact for any combination of filters.
The listing's pages (live, in this section, matching the words searched for) are worked out once
per counting statement, as a materialised CTE (search.facets.Materialised), not once per facet.
Only the 50 pages shown are loaded, in full.

Every filter state is a plain GET query string, so it can be bookmarked and shared, and the form
works without JavaScript. Values that make no sense (an unknown keyword, strength "abc") are left
out with a note to the visitor, never an error.

Facet semantics, the same in both listings:
- "multiple" facets (keywords, principles) are ticked boxes combined with AND: each one narrows.
  The count beside an option is how many of the current results also have it.
- single-choice facets (depth, sector...) are radio buttons. The count beside an option is how
  many results there would be with that option chosen instead, other filters unchanged.
Either way, a count says how many results the visitor would see after choosing the option.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, F, Prefetch, Q, Value, When
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from casestudies.models import (
    CaseStudyPage,
    CaseStudyPageTag,
    ClientGroup,
    Country,
    Depth,
    PrincipleRating,
    ResourcePage,
    ResourcePageTag,
    ResourceType,
    Sector,
)
from hub.models import Principle, Strength
from search.backends import search_page, with_fallback
from search.facets import Materialised, counted, matching_pages, union
from search.query import clean_query, display_query

PER_PAGE = 50
DEFAULT_STRENGTH = Strength.STRONG
STRENGTH_LABELS = {
    Strength.EMERGING: _("Emerging or stronger"),
    Strength.DEVELOPING: _("Developing or stronger"),
    Strength.STRONG: _("Strong"),
}
SORTS = {
    "title": _("Title (A to Z)"),
    "reviewed": _("Most recently reviewed"),
    "relevance": _("Best match"),
}


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    """One group of options in the form, e.g. 'Depth'.

    `condition(value)` is a Q for the pages that have a value; `count(name, pages)` is a query
    of (name, value, number of those pages that have it) rows. A page matches when it has every
    selected value.
    """

    name: str
    legend: str
    choices: list  # (value, label)
    condition: object
    count: object
    multiple: bool = False
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)

    @property
    def input_type(self):
        return "checkbox" if self.multiple else "radio"

    def label_for(self, value):
        return dict(self.choices).get(value, value)


def field_facet(model, lookup, value=None):
    """(condition, count) for a facet read from a field, or through a relation, of the pages.

    Conditions are subqueries rather than joins, so a page with several values is never
    counted twice and conditions on the same relation do not constrain each other. `value`
    turns the field into the URL value in SQL, where they differ.
    """

    def condition(url_value):
        return Q(pk__in=model.objects.filter(**{lookup: url_value}).values("pk"))

    def count(name, pages):
        return counted(name, pages, value if value is not None else F(lookup))

    return condition, count


def tag_facet(through):
    """(condition, count) for a keyword facet, through a page type's tag table."""

    def condition(slug):
        return Q(pk__in=through.objects.filter(tag__slug=slug).values("content_object_id"))

    def count(name, pages):
        tagged = through.objects.filter(content_object_id__in=pages.values("pk"))
        return counted(name, tagged, F("tag__slug"), "content_object_id")

    return condition, count


def principle_facet(strength):
    """(condition, count) for principles shown at `strength` or more."""
    ratings = PrincipleRating.objects.filter(strength__gte=strength)

    def condition(key):
        return Q(pk__in=ratings.filter(principle__key=key).values("page_id"))

    def count(name, pages):
        rated = ratings.filter(page_id__in=pages.values("pk"))
        return counted(name, rated, F("principle__key"), "page_id")

    return condition, count


@dataclass
class ActiveFilter:
    """A chosen value, with the link that removes it and how many results that would give."""

    label: str
    value_label: str
    remove_url: str
    count_without: int


def read_choices(data, name, allowed, multiple, ignored):
    """The allowed values asked for in `name`; anything else is noted in `ignored`."""
    values = []
    for raw in data.getlist(name)[:50]:
        value = raw.strip()
        if not value:
            continue
        if value in allowed and value not in values:
            values.append(value)
        else:
            ignored.append((name, display_query(raw)[:60]))
    if not multiple and len(values) > 1:
        values = values[:1]
    return values


class FacetedListing:
    """Pages filtered by facets and counted, in the database. Shared by both listings."""

    def __init__(self, pages, facets, data, base_url=""):
        self.pages = pages  # every page the listing could show, before any facet
        self.facets = facets
        self.data = data
        self.base_url = base_url

    @cached_property
    def pool(self):
        """The listing's pages, worked out once per counting statement (see count_rows)."""
        return Materialised(self.pages)

    @cached_property
    def counted_pages(self):
        """The pages to build counting queries on: their rows come from the pool."""
        return self.pool.queryset()

    def count_rows(self, queries):
        """The rows of counting queries built on `counted_pages`, in one statement."""
        return self.pool.rows(union(queries))

    def matching(self, skip=None, without=None, pages=None):
        """The pages with every selected value (but `skip`'s, or the one value `without`).

        From `pages` if given (`counted_pages`, for counts), else from the listing's pages.
        """
        pages = self.pages if pages is None else pages
        for facet in self.facets:
            if facet is skip:
                continue
            for value in facet.selected:
                if without != (facet, value):
                    pages = pages.filter(facet.condition(value))
        return pages

    def filter(self):
        """The matching pages; every facet's counts, from one query."""
        self.results = self.matching()
        counted = self.counted_pages
        queries = [
            facet.count(
                facet.name,
                self.matching(pages=counted)
                if facet.multiple
                else self.matching(skip=facet, pages=counted),
            )
            for facet in self.facets
        ]
        counts = {facet.name: {} for facet in self.facets}
        for name, value, number in self.count_rows(queries):
            if value is not None:
                counts[name][value] = number
        for facet in self.facets:
            facet.options = [
                Option(value, label, counts[facet.name].get(value, 0), value in facet.selected)
                for value, label in facet.choices
            ]
        return self.results

    def counts_without(self):
        """{(facet name, value): results without that one selected value}, from one query."""
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
        counts = self.counts_without()
        active = []
        for facet in self.facets:
            for value in facet.selected:
                remaining = [v for v in facet.selected if v != value]
                active.append(
                    ActiveFilter(
                        label=facet.legend,
                        value_label=facet.label_for(value),
                        remove_url=self.url(**{facet.name: remaining or None}),
                        count_without=counts.get((facet.name, value), 0),
                    )
                )
        return active


def keyword_choices(through, pages):
    """[(slug, name)] of the keywords the pages carry, by name: one query."""
    tags = (
        through.objects.filter(content_object_id__in=pages.values("pk"))
        .values_list("tag__slug", "tag__name")
        .distinct()
    )
    return sorted(tags, key=lambda tag: tag[1].casefold())


class Catalogue:
    """The case-study listing for a CaseStudyIndexPage and a query string."""

    def __init__(self, index_page, data, base_url=""):
        self.index_page = index_page
        self.data = data
        self.ignored = []
        self.principles = Principle.in_language(index_page.locale_id)
        self.query = display_query(data.get("q"))
        self.terms = clean_query(self.query)
        self.candidates = CaseStudyPage.objects.live().public().child_of(index_page)
        pages = self.candidates
        self.matches = None
        if self.terms:
            # Facet counts describe the search results, so the facets only see matching pages.
            self.matches = self.search_matches()
            pages = pages.filter(pk__in=self.matches)
        self.strength = self.read_strength()
        self.facets = self.build_facets()
        self.listing = FacetedListing(pages, self.facets, data, base_url=base_url)
        self.sort = self.read_sort()
        self.page = self.paginate(self.listing.filter())
        self.total = self.page.paginator.count
        self.pages = self.load_pages(list(self.page.object_list))

    # Reading the query string

    def read_strength(self):
        raw = self.data.get("strength", "")
        if raw.strip() in {str(s) for s in STRENGTH_LABELS}:
            return int(raw)
        if raw.strip():
            self.ignored.append(("strength", display_query(raw)[:60]))
        return DEFAULT_STRENGTH

    def read_sort(self):
        raw = self.data.get("sort", "")
        allowed = ["title", "reviewed"] + (["relevance"] if self.terms else [])
        if raw in allowed:
            return raw
        if raw and raw not in SORTS:
            self.ignored.append(("sort", display_query(raw)[:60]))
        return "relevance" if self.terms else "title"

    @property
    def sort_options(self):
        keys = ["relevance", "title", "reviewed"] if self.terms else ["title", "reviewed"]
        return [(key, SORTS[key]) for key in keys]

    @property
    def strength_value(self):
        return str(self.strength)

    @cached_property
    def strength_counts(self):
        """[(strength, results)] for the ticked principles; empty when none is ticked."""
        principle = self.facet["principle"]
        if not principle.selected:
            return []
        pool = self.listing.matching(skip=principle, pages=self.listing.counted_pages)
        queries = []
        for strength in STRENGTH_LABELS:
            condition, _count = principle_facet(strength)
            pages = pool
            for key in principle.selected:
                pages = pages.filter(condition(key))
            label = Value(str(strength), output_field=CharField())
            queries.append(
                pages.order_by()
                .annotate(strength=label)
                .values_list("strength")
                .annotate(n=Count("pk"))
            )
        counts = dict(self.listing.count_rows(queries))
        return [(str(strength), counts.get(str(strength), 0)) for strength in STRENGTH_LABELS]

    @property
    def strength_options(self):
        return [(str(value), label) for value, label in STRENGTH_LABELS.items()]

    # Searching, sorting and loading: a fixed number of queries, whatever the catalogue's size

    def searchable(self):
        return CaseStudyPage.objects.live().filter(locale_id=self.index_page.locale_id)

    def search_matches(self):
        """The case studies matching the words searched for, for `pk__in` (see matching_pages)."""

        # A subquery runs only where it is used, outside with_fallback; that is safe, because
        # only the database backend gives one, and with_fallback has nothing to fall back to
        # from it (it catches only Elasticsearch's errors).
        return with_fallback(
            lambda backend: matching_pages(
                self.searchable().search(self.terms, backend=backend, order_by_relevance=False)
            )
        )

    def paginate(self, results):
        """The page of results asked for, as ids, ordered by the database (or the search)."""
        number = self.data.get("page")
        if self.sort == "relevance":
            if isinstance(self.matches, list):  # Elasticsearch filters by lists, not subqueries
                allowed = list(results.values_list("pk", flat=True))
            else:
                allowed = results.values("pk")
            searchable = self.searchable().filter(pk__in=allowed)
            return search_page(searchable, self.terms, number, PER_PAGE, ids=True)
        if self.sort == "reviewed":
            # Most recently reviewed first, never-reviewed case studies last; titles within a date.
            order = [F("last_reviewed").desc(nulls_last=True), Lower("title"), "pk"]
        else:
            order = [Lower("title"), "pk"]
        ids = results.order_by(*order).values_list("pk", flat=True)
        return Paginator(ids, PER_PAGE).get_page(number)

    def load_pages(self, page_ids):
        pages = (
            CaseStudyPage.objects.filter(pk__in=page_ids)
            .select_related("sector")
            .prefetch_related(
                Prefetch(
                    "principle_ratings",
                    queryset=PrincipleRating.objects.select_related("principle"),
                ),
                Prefetch("tagged_items", queryset=CaseStudyPageTag.objects.select_related("tag")),
            )
        )
        by_pk = {page.pk: page for page in pages}
        return [by_pk[pk] for pk in page_ids if pk in by_pk]

    # Facets

    def build_facets(self):
        locale_id = self.index_page.locale_id
        sector_choices = [(t.key, t.name) for t in Sector.in_language(locale_id)]
        group_choices = [(t.key, t.name) for t in ClientGroup.in_language(locale_id)]
        evaluated_choices = [("yes", _("Evaluated")), ("no", _("Not evaluated"))]
        specs = [
            (
                "keyword",
                _("Keyword"),
                keyword_choices(CaseStudyPageTag, self.candidates),
                True,
                tag_facet(CaseStudyPageTag),
            ),
            (
                "principle",
                _("Principle"),
                [(p.key, p.name) for p in self.principles],
                True,
                principle_facet(self.strength),
            ),
            (
                "depth",
                _("Depth"),
                list(Depth.choices),
                False,
                field_facet(CaseStudyPage, "depth_level"),
            ),
            (
                "sector",
                _("Sector"),
                sector_choices,
                False,
                field_facet(CaseStudyPage, "sector__key"),
            ),
            (
                "client_group",
                _("Client group"),
                group_choices,
                False,
                field_facet(CaseStudyPage, "client_groups__key"),
            ),
            (
                "country",
                _("Country"),
                list(Country.choices),
                False,
                field_facet(CaseStudyPage, "country"),
            ),
            (
                "evaluated",
                _("Evaluation"),
                evaluated_choices,
                False,
                evaluated_facet(),
            ),
        ]
        facets = []
        for name, legend, choices, multiple, (condition, count) in specs:
            allowed = {value for value, _label in choices}
            facets.append(
                Facet(
                    name=name,
                    legend=legend,
                    choices=choices,
                    condition=condition,
                    count=count,
                    multiple=multiple,
                    selected=read_choices(self.data, name, allowed, multiple, self.ignored),
                )
            )
        return facets

    @property
    def facet(self):
        return {facet.name: facet for facet in self.facets}

    @property
    def is_filtered(self):
        return bool(self.terms) or any(facet.selected for facet in self.facets)

    @cached_property
    def active_filters(self):
        active = list(self.listing.active_filters)
        if self.terms:
            active.insert(
                0,
                ActiveFilter(
                    label=_("Search"),
                    value_label=self.query,
                    remove_url=self.listing.url(q=None, sort=None),
                    count_without=self.count_without_search(),
                ),
            )
        return active

    def count_without_search(self):
        return FacetedListing(self.candidates, self.facets, self.data).matching().count()


def evaluated_facet():
    """(condition, count) for "evaluated" yes or no."""
    as_url_value = Case(When(evaluated=True, then=Value("yes")), default=Value("no"))
    condition, count = field_facet(CaseStudyPage, "evaluated", value=as_url_value)
    return (lambda value: condition(value == "yes")), count


class ResourceLibrary:
    """The resource listing for a ResourceIndexPage: filter by type and keyword."""

    def __init__(self, index_page, data, base_url=""):
        self.index_page = index_page
        self.data = data
        self.ignored = []
        candidates = ResourcePage.objects.live().public().child_of(index_page)
        type_choices = list(ResourceType.choices)
        keywords = keyword_choices(ResourcePageTag, candidates)
        type_condition, type_count = field_facet(ResourcePage, "resource_type")
        keyword_condition, keyword_count = tag_facet(ResourcePageTag)
        self.facets = [
            Facet(
                name="type",
                legend=_("Type"),
                choices=type_choices,
                condition=type_condition,
                count=type_count,
                selected=read_choices(
                    data, "type", {v for v, _l in type_choices}, False, self.ignored
                ),
            ),
            Facet(
                name="keyword",
                legend=_("Keyword"),
                choices=keywords,
                condition=keyword_condition,
                count=keyword_count,
                multiple=True,
                selected=read_choices(
                    data, "keyword", {slug for slug, _n in keywords}, True, self.ignored
                ),
            ),
        ]
        self.listing = FacetedListing(candidates, self.facets, data, base_url=base_url)
        results = self.listing.filter().order_by(Lower("title"), "pk").only("pk")
        self.page = Paginator(results, PER_PAGE).get_page(data.get("page"))
        self.total = self.page.paginator.count
        ids = [page.pk for page in self.page.object_list]
        pages = ResourcePage.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("tagged_items", queryset=ResourcePageTag.objects.select_related("tag"))
        )
        by_pk = {page.pk: page for page in pages}
        self.pages = [by_pk[pk] for pk in ids if pk in by_pk]

    @property
    def is_filtered(self):
        return any(facet.selected for facet in self.facets)

    @property
    def active_filters(self):
        return self.listing.active_filters
