"""Facets of the site-wide search: type, principle, keyword, depth and life factor, with counts.

The search backend says which pages match the query (their ids); what those pages are about is
then read from the database in two queries per 2,000 matching pages. Each facet's
counts are over the pages that match the query and every *other* selected filter, so a count is
exactly the number of results that choosing that option gives.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Value
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from casestudies.models import (
    CaseStudyPage,
    CaseStudyPageTag,
    Depth,
    PrincipleRating,
    ResourcePageTag,
)
from hub.models import LifeFactor, Principle, Strength
from stories.models import StoryPage, StoryPageTag
from toolkits.models import GuidePage, GuidePageTag, ToolkitPage, ToolkitPageTag

# A case study counts under a principle only when it shows it at least this strongly.
PRINCIPLE_MIN_STRENGTH = Strength.DEVELOPING
KEYWORD_LINKS = [CaseStudyPageTag, ResourcePageTag, StoryPageTag, ToolkitPageTag, GuidePageTag]
# With Elasticsearch, matching ids are read from the results (the backend's own facets return
# only the most common values); beyond this many matches, facet counts cover only some.
ELASTICSEARCH_FACET_LIMIT = 1000
FACET_CHUNK_SIZE = 2000
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


def matching_ids(results):
    """The ids of every page in search results, without loading the pages where possible."""
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

    if isinstance(results.backend, ElasticsearchBaseSearchBackend):
        return [page.pk for page in results[:ELASTICSEARCH_FACET_LIMIT]]
    # The database backends count a facet with one aggregate query over the matching rows.
    return [pk for pk in results.facet("id") if pk is not None]


def _add(values, pairs):
    for page_id, value in pairs:
        if value is not None:
            values.setdefault(page_id, set()).add(value)


def page_values(ids):
    """{facet: {page id: set of values}} for the given pages (type, principle, keyword, ...)."""
    ids = list(ids)
    values = {name: {} for name in FILTERS}
    # In chunks: one UNION names every id once per part, and SQLite allows only so many
    # parameters in one statement (a common query on a large site matches thousands of pages).
    for start in range(0, len(ids), FACET_CHUNK_SIZE):
        for name, found in _page_values(ids[start : start + FACET_CHUNK_SIZE]).items():
            values[name].update(found)
    return values


def _page_values(pages):
    """page_values() for a few pages. Only the page types present are asked about, so a search
    that finds no stories costs no story query."""
    values = {name: {} for name in FILTERS}
    _add(values["type"], Page.objects.filter(pk__in=pages).values_list("pk", "content_type_id"))
    present = {content_type_id for types in values["type"].values() for content_type_id in types}

    def has(model):
        return ContentType.objects.get_for_model(model).pk in present

    def pairs(facet, queryset, page_field, value_field):
        """(facet, page id, value) rows: one shape for every facet, so all go in one UNION."""
        queryset = queryset.order_by()  # a UNION allows no ORDER BY in its parts
        return queryset.annotate(facet=Value(facet, output_field=CharField())).values_list(
            "facet", page_field, value_field
        )

    queries = []
    if has(CaseStudyPage):
        ratings = PrincipleRating.objects.filter(
            page_id__in=pages, strength__gte=PRINCIPLE_MIN_STRENGTH
        )
        queries.append(pairs("principle", ratings, "page_id", "principle__key"))
        cases = CaseStudyPage.objects.filter(pk__in=pages)
        queries.append(pairs("depth", cases, "pk", "depth_level"))
    for model in (ToolkitPage, GuidePage):
        if has(model):
            queries.append(
                pairs("principle", model.objects.filter(pk__in=pages), "pk", "principles__key")
            )
    for link in KEYWORD_LINKS:
        if has(link._meta.get_field("content_object").related_model):
            tagged = link.objects.filter(content_object_id__in=pages)
            queries.append(pairs("keyword", tagged, "content_object_id", "tag__slug"))
    if has(StoryPage):
        stories = StoryPage.objects.filter(pk__in=pages)
        queries.append(pairs("life_factor", stories, "pk", "life_factors__key"))
    if queries:
        rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        for facet, page_id, value in rows:
            _add(values[facet], [(page_id, value)])
    return values


def parse_filters(params, locale_id):
    """({filter: value} for the recognised filters in the URL, whether any were not recognised).

    Unknown values (an old link, a typing slip) are left out rather than failing the page.
    """
    raw = {name: (params.get(name) or "").strip() for name in FILTERS}
    selected = {}
    content_type = parse_content_type(raw["type"])
    if content_type is not None:
        selected["type"] = content_type.pk
    if (
        raw["principle"]
        and Principle.objects.filter(key=raw["principle"], locale_id=locale_id).exists()
    ):
        selected["principle"] = raw["principle"]
    if raw["keyword"] and Tag.objects.filter(slug=raw["keyword"]).exists():
        selected["keyword"] = raw["keyword"]
    if raw["depth"] in Depth.values:
        selected["depth"] = raw["depth"]
    if (
        raw["life_factor"]
        and LifeFactor.objects.filter(key=raw["life_factor"], locale_id=locale_id).exists()
    ):
        selected["life_factor"] = raw["life_factor"]
    ignored = any(raw[name] and name not in selected for name in FILTERS)
    return selected, ignored


def passes(page_id, values, selected, except_filter=None):
    """Whether a page has every selected value (ignoring one filter, for that filter's counts)."""
    return all(
        value in values[name].get(page_id, ())
        for name, value in selected.items()
        if name != except_filter
    )


def allowed_ids(ids, values, selected):
    return [pk for pk in ids if passes(pk, values, selected)]


def facet_groups(ids, values, selected, locale_id):
    """[{name, heading, options: [{key, label, count, selected}], selected}] to show, in order."""
    labels = _labels(values, locale_id)
    groups = []
    for name in FILTERS:
        counts = {}
        for pk in ids:
            if passes(pk, values, selected, except_filter=name):
                for value in values[name].get(pk, ()):
                    counts[value] = counts.get(value, 0) + 1
        options = [
            {
                "key": labels[name][value][0],
                "label": labels[name][value][1],
                "count": count,
                "selected": selected.get(name) == value,
            }
            for value, count in counts.items()
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


def _labels(values, locale_id):
    """{facet: {value: (URL value, label)}} for the values found."""

    def found(name):
        return {value for page_values in values[name].values() for value in page_values}

    labels = {name: {} for name in FILTERS}
    for content_type_id in found("type"):
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        if model is not None:  # a page type whose code has gone is not offered
            labels["type"][content_type_id] = (
                content_type_key(content_type),
                capfirst(model._meta.verbose_name_plural),
            )
    principles = found("principle")
    for key, name in (
        Principle.objects.filter(locale_id=locale_id, key__in=principles).values_list("key", "name")
        if principles
        else []
    ):
        labels["principle"][key] = (key, name)
    keywords = found("keyword")
    tags = Tag.objects.filter(slug__in=keywords).values_list("slug", "name") if keywords else []
    for slug, name in tags:
        labels["keyword"][slug] = (slug, name)
    for value, label in Depth.choices:
        labels["depth"][value] = (value, label)
    life_factors = found("life_factor")
    for key, name in (
        LifeFactor.objects.filter(locale_id=locale_id, key__in=life_factors).values_list(
            "key", "name"
        )
        if life_factors
        else []
    ):
        labels["life_factor"][key] = (key, name)
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
