"""Ranking: titles and keywords count more than body text, on every database backend.

The practitioners' relevance set, on the demo content, is in tests/search/test_relevance_set.py.
"""

import pytest
from django.db import connection
from wagtail.search import index

from casestudies.models import CaseStudyPage, ResourcePage
from search.models import SearchPage
from stories.models import StoryPage
from toolkits.models import GuidePage, ToolkitPage

pytestmark = pytest.mark.django_db


def boosts(model):
    """{field name: boost} for the model's searchable fields, related fields as "relation.name"."""
    found = {}
    for field in model.get_search_fields():
        if isinstance(field, index.SearchField):
            found[field.field_name] = field.boost or 1
        elif isinstance(field, index.RelatedFields):
            for sub_field in field.fields:
                if isinstance(sub_field, index.SearchField):
                    found[f"{field.field_name}.{sub_field.field_name}"] = sub_field.boost or 1
    return found


BODY_FIELDS = {
    CaseStudyPage: ["body", "key_learning", "evidence"],
    ResourcePage: ["why_useful"],
    StoryPage: ["about_me", "what_helps"],
    ToolkitPage: ["steps"],
    GuidePage: ["steps"],
}


@pytest.mark.parametrize("model", list(BODY_FIELDS), ids=lambda model: model.__name__)
def test_title_and_keywords_are_boosted_above_body_text(model):
    fields = boosts(model)
    for body in BODY_FIELDS[model]:
        assert fields["title"] > fields[body], body
        assert fields["keywords.name"] > fields[body], body


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_body(client, section):
    from casestudies.models import ResourceIndexPage
    from tests.casestudies.factories import ResourcePageFactory

    parent = section(ResourceIndexPage)
    ResourcePageFactory(
        parent=parent,
        title="A report on neighbourhood schemes",
        why_useful="It covers befriending among many other ideas for neighbourhoods.",
        live=True,
    )
    ResourcePageFactory(
        parent=parent, title="Befriending", why_useful="What schemes do.", live=True
    )

    response = client.get(section(SearchPage).url, {"q": "befriending"})

    assert [page.title for page in response.context["results"]] == [
        "Befriending",
        "A report on neighbourhood schemes",
    ]


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite full-text ranking weighs only the title: other field boosts apply on "
    "PostgreSQL and Elasticsearch",
)
def test_a_keyword_ranks_above_the_same_word_in_the_body(client, section):
    from casestudies.models import ResourceIndexPage
    from tests.casestudies.factories import ResourcePageFactory

    parent = section(ResourceIndexPage)
    ResourcePageFactory(
        parent=parent,
        title="Report one",
        why_useful="Mentions befriending once among many other ideas for neighbourhoods.",
        live=True,
    )
    tagged = ResourcePageFactory(
        parent=parent,
        title="Report two",
        why_useful="What schemes do.",
        keywords=["Befriending"],
        live=True,
    )
    index.insert_or_update_object(tagged)  # the factory adds keywords after the page is indexed

    response = client.get(section(SearchPage).url, {"q": "befriending"})

    assert [page.title for page in response.context["results"]] == ["Report two", "Report one"]
