"""Faceted browsing of the catalogue and the resource library.

How it works, and why: a catalogue holds tens to a few thousand pages, so each listing loads one
compact row per candidate page (a handful of queries, whatever the number of pages), then filters
and counts in Python. That keeps facet counts exact for any combination of filters, identical on
PostgreSQL and SQLite, and the number of queries fixed. Only the 50 pages shown are loaded in full.

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

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

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
    principles_for_locale,
)
from hub.models import Strength
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

    `values_of(row)` gives the option values a row has; a row matches when it has every
    selected value.
    """

    name: str
    legend: str
    choices: list  # (value, label)
    values_of: object
    multiple: bool = False
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)

    @property
    def input_type(self):
        return "checkbox" if self.multiple else "radio"

    def label_for(self, value):
        return dict(self.choices).get(value, value)


@dataclass
class Row:
    """What the facets need to know about one page."""

    pk: int
    title: str
    kind: str = ""
    depth: str = ""
    sector: str = ""
    country: str = ""
    evaluated: bool = False
    reviewed: object = None
    keywords: set = field(default_factory=set)
    client_groups: set = field(default_factory=set)
    ratings: dict = field(default_factory=dict)
    rank: int = 0


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
    """Rows filtered by facets, counted, sorted and paginated. Shared by both listings."""

    def __init__(self, rows, facets, data, base_url=""):
        self.rows = rows
        self.facets = facets
        self.data = data
        self.base_url = base_url

    def matches(self, row, skip=None):
        for facet in self.facets:
            if facet is skip or not facet.selected:
                continue
            if not set(facet.selected) <= facet.values_of(row):
                return False
        return True

    def filter(self):
        self.results = [row for row in self.rows if self.matches(row)]
        for facet in self.facets:
            pool = (
                self.results if facet.multiple else [r for r in self.rows if self.matches(r, facet)]
            )
            counts = {}
            for row in pool:
                for value in facet.values_of(row):
                    counts[value] = counts.get(value, 0) + 1
            facet.options = [
                Option(value, label, counts.get(value, 0), value in facet.selected)
                for value, label in facet.choices
            ]
        return self.results

    def count_without(self, facet, value):
        facet_selected = facet.selected
        facet.selected = [v for v in facet_selected if v != value]
        try:
            return sum(1 for row in self.rows if self.matches(row))
        finally:
            facet.selected = facet_selected

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

    def active_filters(self):
        active = []
        for facet in self.facets:
            for value in facet.selected:
                remaining = [v for v in facet.selected if v != value]
                active.append(
                    ActiveFilter(
                        label=facet.legend,
                        value_label=facet.label_for(value),
                        remove_url=self.url(**{facet.name: remaining or None}),
                        count_without=self.count_without(facet, value),
                    )
                )
        return active


def localized_terms(model, locale_id, default_locale_id):
    """Taxonomy terms (by key) in a language, falling back to the default language's."""
    locales = {locale_id, default_locale_id}
    terms = {}
    # The page's own language first, so its names win over the fallback's.
    for term in sorted(
        model.objects.filter(locale_id__in=locales), key=lambda t: t.locale_id != locale_id
    ):
        terms.setdefault(term.key, term)
    return sorted(terms.values(), key=lambda t: (t.order, t.name))


class Catalogue:
    """The case-study listing for a CaseStudyIndexPage and a query string."""

    def __init__(self, index_page, data, base_url=""):
        self.index_page = index_page
        self.data = data
        self.ignored = []
        self.principles = principles_for_locale(index_page.locale_id)
        self.query = display_query(data.get("q"))
        self.terms = clean_query(self.query)
        self.all_rows = self.load_rows()
        rows = self.all_rows
        if self.terms:
            # Facet counts describe the search results, so the facets only see matching rows.
            ranks = self.search_ranks()
            rows = [row for row in rows if row.pk in ranks]
            for row in rows:
                row.rank = ranks[row.pk]
        self.strength = self.read_strength()
        self.facets = self.build_facets()
        self.listing = FacetedListing(rows, self.facets, data, base_url=base_url)
        self.sort = self.read_sort()
        results = self.sorted(self.listing.filter())
        self.total = len(results)
        self.page = Paginator(results, PER_PAGE).get_page(data.get("page"))
        self.pages = self.load_pages([row.pk for row in self.page.object_list])

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

    @property
    def strength_counts(self):
        """[(strength, results)] for the ticked principles; empty when none is ticked."""
        principle = self.facet["principle"]
        if not principle.selected:
            return []
        pool = [row for row in self.listing.rows if self.listing.matches(row, skip=principle)]
        return [
            (
                str(strength),
                sum(
                    1
                    for row in pool
                    if all(row.ratings.get(key, 0) >= strength for key in principle.selected)
                ),
            )
            for strength in STRENGTH_LABELS
        ]

    @property
    def strength_options(self):
        return [(str(value), label) for value, label in STRENGTH_LABELS.items()]

    # Loading: a fixed number of queries, whatever the number of case studies

    def candidates(self):
        return CaseStudyPage.objects.live().public().child_of(self.index_page)

    def load_rows(self):
        candidates = self.candidates()
        rows = {
            values["pk"]: Row(
                pk=values["pk"],
                title=values["title"],
                depth=values["depth_level"],
                sector=values["sector__key"] or "",
                country=values["country"],
                evaluated=values["evaluated"],
                reviewed=values["last_reviewed"],
            )
            for values in candidates.values(
                "pk",
                "title",
                "depth_level",
                "sector__key",
                "country",
                "evaluated",
                "last_reviewed",
            )
        }
        page_ids = candidates.values("pk")
        self.keyword_names = {}
        for page_id, slug, name in CaseStudyPageTag.objects.filter(
            content_object_id__in=page_ids
        ).values_list("content_object_id", "tag__slug", "tag__name"):
            rows[page_id].keywords.add(slug)
            self.keyword_names[slug] = name
        for page_id, key, strength in PrincipleRating.objects.filter(
            page_id__in=page_ids
        ).values_list("page_id", "principle__key", "strength"):
            rows[page_id].ratings[key] = strength
        through = CaseStudyPage.client_groups.through
        for page_id, key in through.objects.filter(casestudypage_id__in=page_ids).values_list(
            "casestudypage_id", "clientgroup__key"
        ):
            rows[page_id].client_groups.add(key)
        return list(rows.values())

    def search_ranks(self):
        """{page id: position} of the case studies matching the words searched for."""
        searchable = CaseStudyPage.objects.live().filter(locale_id=self.index_page.locale_id)
        # Only the order is needed here: the pages shown are loaded later, 50 at a time.
        matches = get_search_backend().search(self.terms, searchable.only("pk"))
        return {page.pk: position for position, page in enumerate(matches)}

    def sorted(self, results):
        if self.sort == "relevance":
            return sorted(results, key=lambda row: row.rank)
        results = sorted(results, key=lambda row: row.title.casefold())
        if self.sort == "reviewed":
            # Most recently reviewed first (a stable sort keeps titles in order within a date);
            # never-reviewed case studies last.
            reviewed = [row for row in results if row.reviewed is not None]
            reviewed.sort(key=lambda row: row.reviewed, reverse=True)
            results = reviewed + [row for row in results if row.reviewed is None]
        return results

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
        default_locale_id = Locale.get_default().pk
        data = self.data
        ignored = self.ignored
        strength = self.strength
        keyword_choices = sorted(self.keyword_names.items(), key=lambda item: item[1].casefold())
        principle_choices = [(p.key, p.name) for p in self.principles]
        sector_choices = [
            (t.key, t.name) for t in localized_terms(Sector, locale_id, default_locale_id)
        ]
        group_choices = [
            (t.key, t.name) for t in localized_terms(ClientGroup, locale_id, default_locale_id)
        ]
        evaluated_choices = [("yes", _("Evaluated")), ("no", _("Not evaluated"))]
        specs = [
            ("keyword", _("Keyword"), keyword_choices, True, lambda row: row.keywords),
            (
                "principle",
                _("Principle"),
                principle_choices,
                True,
                lambda row: {key for key, s in row.ratings.items() if s >= strength},
            ),
            ("depth", _("Depth"), list(Depth.choices), False, lambda row: {row.depth}),
            ("sector", _("Sector"), sector_choices, False, lambda row: {row.sector}),
            (
                "client_group",
                _("Client group"),
                group_choices,
                False,
                lambda row: row.client_groups,
            ),
            ("country", _("Country"), list(Country.choices), False, lambda row: {row.country}),
            (
                "evaluated",
                _("Evaluation"),
                evaluated_choices,
                False,
                lambda row: {"yes" if row.evaluated else "no"},
            ),
        ]
        facets = []
        for name, legend, choices, multiple, values_of in specs:
            allowed = {value for value, _label in choices}
            facets.append(
                Facet(
                    name=name,
                    legend=legend,
                    choices=choices,
                    values_of=values_of,
                    multiple=multiple,
                    selected=read_choices(data, name, allowed, multiple, ignored),
                )
            )
        return facets

    @property
    def facet(self):
        return {facet.name: facet for facet in self.facets}

    @property
    def is_filtered(self):
        return bool(self.terms) or any(facet.selected for facet in self.facets)

    def active_filters(self):
        active = self.listing.active_filters()
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
        return sum(1 for row in self.all_rows if self.listing.matches(row))


class ResourceLibrary:
    """The resource listing for a ResourceIndexPage: filter by type and keyword."""

    def __init__(self, index_page, data, base_url=""):
        self.index_page = index_page
        self.data = data
        self.ignored = []
        self.rows = self.load_rows()
        type_choices = list(ResourceType.choices)
        keyword_choices = sorted(self.keyword_names.items(), key=lambda item: item[1].casefold())
        self.facets = [
            Facet(
                name="type",
                legend=_("Type"),
                choices=type_choices,
                values_of=lambda row: {row.kind},
                selected=read_choices(
                    data, "type", {v for v, _l in type_choices}, False, self.ignored
                ),
            ),
            Facet(
                name="keyword",
                legend=_("Keyword"),
                choices=keyword_choices,
                values_of=lambda row: row.keywords,
                multiple=True,
                selected=read_choices(data, "keyword", set(self.keyword_names), True, self.ignored),
            ),
        ]
        self.listing = FacetedListing(self.rows, self.facets, data, base_url=base_url)
        results = sorted(self.listing.filter(), key=lambda row: row.title.casefold())
        self.total = len(results)
        self.page = Paginator(results, PER_PAGE).get_page(data.get("page"))
        ids = [row.pk for row in self.page.object_list]
        pages = ResourcePage.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("tagged_items", queryset=ResourcePageTag.objects.select_related("tag"))
        )
        by_pk = {page.pk: page for page in pages}
        self.pages = [by_pk[pk] for pk in ids if pk in by_pk]

    def load_rows(self):
        candidates = ResourcePage.objects.live().public().child_of(self.index_page)
        rows = {
            pk: Row(pk=pk, title=title, kind=kind)
            for pk, title, kind in candidates.values_list("pk", "title", "resource_type")
        }
        self.keyword_names = {}
        for page_id, slug, name in ResourcePageTag.objects.filter(
            content_object_id__in=candidates.values("pk")
        ).values_list("content_object_id", "tag__slug", "tag__name"):
            rows[page_id].keywords.add(slug)
            self.keyword_names[slug] = name
        return list(rows.values())

    @property
    def is_filtered(self):
        return any(facet.selected for facet in self.facets)

    def active_filters(self):
        return self.listing.active_filters()
