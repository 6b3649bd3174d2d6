"""Facets of the site-wide search: type, principle, keyword, depth and life factor, with counts.

On the database backends, the search backend says which pages match the query and the
database counts what those pages are about, in two statements whatever the number of pages (see
facet_counts). It counts the most relevant RANKED_WINDOW matches (search/window.py): a broad
query costs no more to count than a narrow one, and the page says when there were more. The
search engine counts every match itself, from the values the page types index
(search/engine_facets.py). Either way each facet's counts are over the pages that match every
*other* selected filter, so (within the window, on the database) a count is exactly the number
of results that choosing that option gives.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale, get_page_models

from hub.keywords import keyword_label
from hub.listing.counting import Materialised, counted, union
from hub.listing.facets import SEARCHED_FACETS, Option, SearchScope
from hub.listing.listing import ActiveFilter
from hub.listing.query import display_query
from hub.models import LifeFactor, Principle

# Keywords are many: show the most frequent among the results (a selected one always shows).
KEYWORD_OPTIONS_LIMIT = 15

FILTERS = ["type", "principle", "keyword", "depth", "life_factor"]
FACET_HEADINGS = {
    "type": _("Type of content"),
    "principle": _("Principle"),
    "keyword": _("Keyword"),
    "depth": _("Depth of co-production"),
    "life_factor": _("Life factor"),
}


# The facets the search collects from what page types declare in `listing_facets` (by the name
# a declaration gives the search, its `search_name`), as Wagtail's sitemap asks pages for URLs.
# Each declaration is bound to a SearchScope: case studies count under a principle they show at
# least "developing".
DECLARED = list(SEARCHED_FACETS)


@cache
def declared(name):
    """[(page type, facet declaration)] for every page type declaring facet `name`."""
    return [
        (model, spec)
        for model in get_page_models()
        for spec in getattr(model, "listing_facets", ())
        if spec.searched_as == name
    ]


def declared_values(name):
    """[(value, label)] of a facet whose declarations name a field's choices (depth)."""
    values = {}
    for model, spec in declared(name):
        if isinstance(spec.choices, str):
            values.update(model._meta.get_field(spec.choices).choices)
    return list(values.items())


def content_type_key(content_type):
    return f"{content_type.app_label}.{content_type.model}"


def parse_content_type(value):
    """The ContentType named by a `type` URL value such as "casestudies.casestudypage", or None."""
    app_label, _sep, model = (value or "").partition(".")
    if not app_label or not model:
        return None
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None


def _linked_to(value_filter):
    """Q for pages linked to a value, through each model that links pages to such values."""
    name, value = value_filter
    if name == "type":
        return Q(content_type_id=value)
    condition = Q(pk__in=[])
    for model, spec in declared(name):
        condition |= spec.condition(SearchScope(model), value)
    return condition


def restrict(pages, selected, except_filter=None):
    """The pages (a Page queryset) that have every selected value, but one filter's."""
    for name, value in selected.items():
        if name != except_filter:
            pages = pages.filter(_linked_to((name, value)))
    return pages


def facet_counts(pages, selected):
    """{facet: {value: number of pages}}; `pages`: the matching pages, as Materialised takes them.

    Two statements on the materialised matching pages: the page types (so a search that finds
    no stories costs no story count), then every other facet in one UNION.
    """
    counts = {name: {} for name in FILTERS}
    matching = Materialised(pages)
    pages = matching.queryset()
    types = counted("type", restrict(pages, selected, "type"), F("content_type_id"))
    if set(selected) - {"type"}:  # the other facets may count pages the type counts left out
        types = union([types, counted("present", pages, F("content_type_id"))])
    for facet, content_type_id, number in matching.rows(types):
        counts.setdefault(facet, {})[content_type_id] = number
    present = set(counts.pop("present", counts["type"]))

    def has(model):
        return ContentType.objects.get_for_model(model).pk in present

    def ids(name):
        return restrict(pages, selected, name).values("pk")

    queries = [
        spec.count(SearchScope(model), name, model.objects.filter(pk__in=ids(name)))
        for name in DECLARED
        for model, spec in declared(name)
        if has(model)
    ]
    if queries:
        # Pages are of one type each, so the counts of different page types add up.
        for facet, value, number in matching.rows(union(queries)):
            if value is not None:
                counts[facet][value] = counts[facet].get(value, 0) + number
    return counts


def parse_filters(params, locale_id):
    """({filter: value} for the recognised filters in the URL, [(filter, value)] of the others).

    Unknown values (an old link, a typing slip) are left out rather than failing the page.
    """
    raw = {name: (params.get(name) or "").strip() for name in FILTERS}
    # Terms not yet translated are offered in the default language's words (see _labels).
    locales = {locale_id, Locale.get_default().pk}
    selected = {}
    content_type = parse_content_type(raw["type"])
    if content_type is not None:
        selected["type"] = content_type.pk
    if (
        raw["principle"]
        and Principle.objects.filter(key=raw["principle"], locale_id__in=locales).exists()
    ):
        selected["principle"] = raw["principle"]
    if raw["keyword"] and Tag.objects.filter(slug=raw["keyword"]).exists():
        selected["keyword"] = raw["keyword"]
    if raw["depth"] in dict(declared_values("depth")):
        selected["depth"] = raw["depth"]
    if (
        raw["life_factor"]
        and LifeFactor.objects.filter(key=raw["life_factor"], locale_id__in=locales).exists()
    ):
        selected["life_factor"] = raw["life_factor"]
    ignored = [
        (name, display_query(raw[name])[:60])
        for name in FILTERS
        if raw[name] and name not in selected
    ]
    return selected, ignored


@dataclass
class SearchFacet:
    """A facet of the search page, shaped as a listing's (includes/listing/facet.html).

    One value at a time (radio buttons with "Any"), as the search's filters have always been.
    """

    name: str
    legend: str
    options: list  # hub.listing.facets.Option
    hint: str = ""
    multiple = False
    input_type = "radio"

    @property
    def selected(self):
        return [option.value for option in self.options if option.selected]


def search_facets(counts, selected, locale_id):
    """[SearchFacet] to show, in order, each option with its count, the most frequent first.

    A chosen value stays on offer (and named in its chip) even where no result has it, with 0."""
    counts = {name: dict(values) for name, values in counts.items()}
    for name, value in selected.items():
        counts.setdefault(name, {}).setdefault(value, 0)
    labels = _labels(counts, locale_id)
    facets = []
    for name in FILTERS:
        options = [
            Option(
                value=labels[name][value][0],
                label=labels[name][value][1],
                count=count,
                selected=selected.get(name) == value,
            )
            for value, count in counts[name].items()
            if value in labels[name]
        ]
        options.sort(key=lambda option: (-option.count, str(option.label)))
        if name == "keyword":
            options = [
                option
                for position, option in enumerate(options)
                if position < KEYWORD_OPTIONS_LIMIT or option.selected
            ]
        if options:
            facets.append(SearchFacet(name=name, legend=FACET_HEADINGS[name], options=options))
    return facets


def _labels(counts, locale_id):
    """{facet: {value: (URL value, label)}} for the values found, in the page's language."""
    labels = {name: {} for name in FILTERS}
    for content_type_id in counts["type"]:
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        if model is not None:  # a page type whose code has gone is not offered
            labels["type"][content_type_id] = (
                content_type_key(content_type),
                capfirst(model._meta.verbose_name_plural),
            )
    for name, model in (("principle", Principle), ("life_factor", LifeFactor)):
        if counts[name]:
            for term in model.in_language(locale_id):
                if term.key in counts[name]:
                    labels[name][term.key] = (term.key, term.name)
    if counts["keyword"]:
        tags = (
            Tag.objects.filter(slug__in=counts["keyword"])
            .annotate(label=keyword_label(locale_id))
            .values_list("slug", "label")
        )
        for slug, name in tags:
            labels["keyword"][slug] = (slug, name)
    for value, label in declared_values("depth"):
        labels["depth"][value] = (value, label)
    return labels


@dataclass
class Chosen:
    """What the shared active-filters template reads (includes/listing/active_filters.html)."""

    active_filters: list  # ActiveFilter
    ignored: list  # (filter, value) left out


def active_filters(facets, selected, params):
    """Every chosen filter as a removable chip (hub.listing's ActiveFilter), words and the
    other filters kept in the link that removes it."""
    labels = {
        facet.name: {option.value: option.label for option in facet.options} for facet in facets
    }
    chips = []
    for name in FILTERS:
        if name not in selected:
            continue
        query = params.copy()
        query.pop("page", None)
        query.pop(name, None)
        value = params.get(name, "").strip()
        chips.append(
            ActiveFilter(
                label=FACET_HEADINGS[name],
                value_label=labels.get(name, {}).get(value, value),
                remove_url="?" + query.urlencode(),
                count_without=0,  # not counted: the search page says nothing of it
            )
        )
    return chips
