"""Facets of the site-wide search: type, principle, keyword, depth and life factor, with counts.

The search backend says which pages match the query; the database counts what those pages are
about, in two statements whatever the number of pages (see facet_counts). The search page counts
the most relevant RANKED_WINDOW matches (search/window.py): a broad query costs no more to count
than a narrow one, and the page says when there were more. Each facet's counts are over those
pages that match every *other* selected filter, so while every match is in the window, a count
is exactly the number of results that choosing that option gives.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Count, F, Q, Value
from django.db.models.expressions import RawSQL
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale, Page

from casestudies.models import (
    CaseStudyPage,
    CaseStudyPageTag,
    Depth,
    PrincipleRating,
    ResourcePageTag,
)
from hub.models import LifeFactor, Principle, Strength
from search.sql import materialized
from search.window import RANKED_WINDOW, first_ids
from stories.models import StoryPage, StoryPageTag
from toolkits.models import GuidePage, GuidePageTag, ToolkitPage, ToolkitPageTag

# A case study counts under a principle only when it shows it at least this strongly.
PRINCIPLE_MIN_STRENGTH = Strength.DEVELOPING
KEYWORD_LINKS = [CaseStudyPageTag, ResourcePageTag, StoryPageTag, ToolkitPageTag, GuidePageTag]
PRINCIPLE_LINKS = [ToolkitPage, GuidePage]  # pages that name their principles outright
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


def matching_pages(results):
    """The pages in search results, as something `pk__in` accepts, without loading the pages.

    The hub's database backends give a subquery (the ids never travel to Python and back):
    SQLite's matches in two steps that its planner handles well, PostgreSQL's through the GIN
    indexes (search/postgres_matching.py). Wagtail's other database backends give the list of
    ids; Elasticsearch the ids of its first RANKED_WINDOW matches (the backend's own facets
    return only the most common values).
    """
    if hasattr(results, "matching_ids"):
        return results.matching_ids()
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", flat=True))
    return first_ids(results, RANKED_WINDOW)


def _linked_to(value_filter):
    """Q for pages linked to a value, through each model that links pages to such values."""
    name, value = value_filter
    if name == "type":
        return Q(content_type_id=value)
    if name == "depth":
        return Q(pk__in=CaseStudyPage.objects.filter(depth_level=value).values("pk"))
    if name == "principle":
        condition = Q(
            pk__in=PrincipleRating.objects.filter(
                principle__key=value, strength__gte=PRINCIPLE_MIN_STRENGTH
            ).values("page_id")
        )
        for model in PRINCIPLE_LINKS:
            condition |= Q(pk__in=model.objects.filter(principles__key=value).values("pk"))
        return condition
    if name == "keyword":
        condition = Q()
        for link in KEYWORD_LINKS:
            condition |= Q(pk__in=link.objects.filter(tag__slug=value).values("content_object_id"))
        return condition
    if name == "life_factor":
        return Q(pk__in=StoryPage.objects.filter(life_factors__key=value).values("pk"))
    raise ValueError(name)


def restrict(pages, selected, except_filter=None):
    """The pages (a Page queryset) that have every selected value, but one filter's."""
    for name, value in selected.items():
        if name != except_filter:
            pages = pages.filter(_linked_to((name, value)))
    return pages


def counted(name, queryset, value, page_field="pk"):
    """(facet name, value, number of pages) rows of one GROUP BY.

    One shape for every facet, so that all of a listing's facets are counted in one UNION.
    """
    return (
        queryset.order_by()  # a UNION allows no ORDER BY in its parts
        .annotate(facet=Value(name, output_field=CharField()), value=value)
        .values_list("facet", "value")
        .annotate(pages=Count(page_field, distinct=True))
    )


class Materialised:
    """A set of pages worked out once per statement, for statements that use it many times.

    Every facet count starts from the pages matching a search. Written into each count as a
    subquery, the full-text match (or the list of ids) is evaluated once per count, a dozen
    times per page of results; here it is a materialised common table expression, evaluated
    once for the whole statement, whatever the database.
    """

    NAME = "hub_matching_pages"

    def __init__(self, pages):
        """`pages`: a Page queryset, or a list of page ids (such as a search's ranked window)."""
        self.model = Page if isinstance(pages, list) else pages.model
        if isinstance(pages, list):
            # Integers written into the SQL, not parameters: no database's limit on parameters
            # applies, however long the list.
            values = ", ".join(f"({int(pk)})" for pk in pages)
            self.sql, self.params = (f"VALUES {values}" if values else None), ()
            return
        try:
            self.sql, self.params = pages.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # matched by an empty list of ids: there is nothing to count
            self.sql, self.params = None, ()

    def queryset(self):
        """The pages, as a queryset to build the counts on: its rows come from the CTE."""
        # The name is a constant of this class, not input.
        return self.model.objects.filter(pk__in=RawSQL(f"SELECT id FROM {self.NAME}", ()))  # noqa: S608, S611

    def rows(self, queryset):
        """The rows of `queryset` (built on self.queryset()), in one statement with the CTE."""
        if self.sql is None:
            return []
        sql, params = queryset.query.sql_with_params()
        connection = connections[queryset.db]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH {self.NAME}(id) AS {materialized(connection)}({self.sql}) {sql}",
                (*self.params, *params),
            )
            return cursor.fetchall()


def union(queries):
    """The queries' rows as one UNION ALL (a single query stays itself)."""
    return queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]


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

    queries = []
    if has(CaseStudyPage):
        ratings = PrincipleRating.objects.filter(
            page_id__in=ids("principle"), strength__gte=PRINCIPLE_MIN_STRENGTH
        )
        queries.append(counted("principle", ratings, F("principle__key"), "page_id"))
        depths = CaseStudyPage.objects.filter(pk__in=ids("depth"))
        queries.append(counted("depth", depths, F("depth_level")))
    for model in PRINCIPLE_LINKS:
        if has(model):
            linked = model.objects.filter(pk__in=ids("principle"))
            queries.append(counted("principle", linked, F("principles__key")))
    for link in KEYWORD_LINKS:
        if has(link._meta.get_field("content_object").related_model):
            tagged = link.objects.filter(content_object_id__in=ids("keyword"))
            queries.append(counted("keyword", tagged, F("tag__slug"), "content_object_id"))
    if has(StoryPage):
        stories = StoryPage.objects.filter(pk__in=ids("life_factor"))
        queries.append(counted("life_factor", stories, F("life_factors__key")))
    if queries:
        # Pages are of one type each, so the counts of different page types add up.
        for facet, value, number in matching.rows(union(queries)):
            if value is not None:
                counts[facet][value] = counts[facet].get(value, 0) + number
    return counts


def parse_filters(params, locale_id):
    """({filter: value} for the recognised filters in the URL, whether any were not recognised).

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
    if raw["depth"] in Depth.values:
        selected["depth"] = raw["depth"]
    if (
        raw["life_factor"]
        and LifeFactor.objects.filter(key=raw["life_factor"], locale_id__in=locales).exists()
    ):
        selected["life_factor"] = raw["life_factor"]
    ignored = any(raw[name] and name not in selected for name in FILTERS)
    return selected, ignored


def facet_groups(counts, selected, locale_id):
    """[{name, heading, options: [{key, label, count, selected}], selected}] to show, in order."""
    labels = _labels(counts, locale_id)
    groups = []
    for name in FILTERS:
        options = [
            {
                "key": labels[name][value][0],
                "label": labels[name][value][1],
                "count": count,
                "selected": selected.get(name) == value,
            }
            for value, count in counts[name].items()
            if value in labels[name]
        ]
        options.sort(key=lambda option: (-option["count"], str(option["label"])))
        if name == "keyword":
            options = [
                option
                for position, option in enumerate(options)
                if position < KEYWORD_OPTIONS_LIMIT or option["selected"]
            ]
        if options:
            groups.append(
                {
                    "name": name,
                    "heading": FACET_HEADINGS[name],
                    "options": options,
                    "selected": name in selected,
                }
            )
    return groups


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
        tags = Tag.objects.filter(slug__in=counts["keyword"]).values_list("slug", "name")
        for slug, name in tags:
            labels["keyword"][slug] = (slug, name)
    for value, label in Depth.choices:
        labels["depth"][value] = (value, label)
    return labels


def add_links(groups, params):
    """Give each option the query string that selects it, and each group one that clears it.

    The rest of the query string (the words, the other filters) is kept: the URL is shareable.
    """

    def link(name, value):
        query = params.copy()
        query.pop("page", None)
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
        return "?" + query.urlencode()

    for group in groups:
        group["clear_link"] = link(group["name"], None)
        for option in group["options"]:
            option["link"] = link(group["name"], option["key"])
    return groups
