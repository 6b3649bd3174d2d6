"""Contract tests for Elasticsearch: the index mapping and query bodies built for our models.

No Elasticsearch server runs here: these tests build, without sending them, the mapping and the
query bodies that Wagtail's elasticsearch9 backend would send for the hub's page models and for
the search page's query, and check the parts the hub relies on: title and keywords boosted above
body text, only live pages of one locale, members-only pages left out, type and facet filters.
tests/search/test_elasticsearch_live.py runs against a real cluster when one is given.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from casestudies.models import CaseStudyPage, ResourcePage
from search.models import SearchPage
from stories.models import StoryPage
from toolkits.models import GuidePage, ToolkitPage

BOOSTED = "_all_text_boost_2_0"  # the copy of all text boosted 2 (title, keywords)


@pytest.fixture
def backend():
    return get_search_backend(
        "wagtail.search.backends.elasticsearch9",
        URLS=["http://127.0.0.1:9"],  # never contacted: nothing here sends a request
        INDEX_PREFIX="hubtest_",
    )


def properties(backend, model):
    return backend.mapping_class(model).get_mapping()["properties"]


def copies(field_mapping):
    copy_to = field_mapping.get("copy_to", [])
    return [copy_to] if isinstance(copy_to, str) else copy_to


@pytest.mark.parametrize(
    "model, body_field",
    [
        (CaseStudyPage, "casestudies_casestudypage__body"),
        (ResourcePage, "casestudies_resourcepage__why_useful"),
        (StoryPage, "stories_storypage__about_me"),
        (ToolkitPage, "toolkits_toolkitpage__steps"),
        (GuidePage, "toolkits_guidepage__steps"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_title_and_keywords_are_indexed_with_a_boost_and_body_text_without(
    backend, model, body_field
):
    fields = properties(backend, model)
    prefix = f"{model._meta.app_label}_{model._meta.model_name}__"

    assert BOOSTED in copies(fields["title"])
    keywords = fields[prefix + "keywords"]
    assert keywords["type"] == "nested"
    assert BOOSTED in copies(keywords["properties"]["name"])
    assert copies(fields[body_field]) == ["_all_text"]
    assert fields[BOOSTED] == {"type": "text"}


def test_the_filters_the_search_page_uses_are_indexed(backend):
    fields = properties(backend, CaseStudyPage)
    for name in ["live", "locale_id", "content_type_id", "path", "depth", "id"]:
        assert f"{name}_filter" in fields, name
    # Every page type goes in the one page index, so a search over all pages finds them all.
    assert backend.get_index_for_model(CaseStudyPage).name == "hubtest_wagtailcore_page"
    assert backend.get_index_for_model(StoryPage).name == "hubtest_wagtailcore_page"


def query_body(backend, queryset, terms, operator="and"):
    return backend.query_compiler_class(queryset, terms, operator=operator).get_query()


def filters_of(body):
    """The leaf filter clauses of a compiled query, flattened."""
    found = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if any(key in node for key in ("term", "terms", "prefix", "range", "match")):
                found.append(node)
            for value in node.values():
                walk(value)

    walk(body["bool"]["filter"])
    return found


@pytest.mark.django_db
def test_the_search_page_query_matches_boosted_text_in_live_public_pages_of_its_locale(
    backend, section
):
    search_page = section(SearchPage)
    members_only = Page.objects.get(depth=3, locale=search_page.locale, slug="case-studies")
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )

    body = query_body(backend, search_page.search_queryset(), "peer support prison")

    match = body["bool"]["must"]["multi_match"]
    assert match["query"] == "peer support prison"
    assert match["operator"] == "and"
    assert "_all_text_boost_2_0^2.0" in match["fields"]
    assert "_all_text" in match["fields"]
    filters = filters_of(body)
    assert {"term": {"live_filter": True}} in filters
    assert {"term": {"locale_id_filter": search_page.locale_id}} in filters
    # Members-only pages and everything under them are excluded by their tree path.
    assert {"prefix": {"path_filter": members_only.path}} in filters
    # Search pages themselves are never results.
    search_type = ContentType.objects.get_for_model(SearchPage).pk
    assert {"terms": {"content_type_id_filter": [search_type]}} in filters


@pytest.mark.django_db
def test_type_and_facet_filters_become_an_id_filter(backend, section):
    search_page = section(SearchPage)
    # The page works out which matching pages have the chosen type, principle, keyword, depth
    # or life factor, and narrows the ranked search to their ids.
    queryset = search_page.search_queryset().filter(pk__in=[11, 12])

    filters = filters_of(query_body(backend, queryset, "befriending", operator="or"))

    assert {"terms": {"id_filter": [11, 12]}} in filters
