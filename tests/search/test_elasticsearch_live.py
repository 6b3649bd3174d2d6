"""Search against a real Elasticsearch cluster, when one is given.

Runs only with HUB_TEST_ELASTICSEARCH_URL set (e.g. http://localhost:9200): no cluster runs in
the usual test environment. Indexes are created under a prefix of their own and deleted after.
"""

import os
import uuid

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.models import SearchPage

ELASTICSEARCH_URL = os.environ.get("HUB_TEST_ELASTICSEARCH_URL")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ELASTICSEARCH_URL,
        reason="set HUB_TEST_ELASTICSEARCH_URL to a test Elasticsearch cluster to run these",
    ),
]


@pytest.fixture
def elasticsearch(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"hubtest_{uuid.uuid4().hex[:8]}_",
            "TIMEOUT": 10,
        },
        "database": {"BACKEND": "search.database_backend"},
    }
    backend = get_search_backend("default")
    index = backend.get_index_for_model(Page)
    index.reset()
    index.add_model(Page)
    yield backend
    index.delete()


def add_page(parent, title, description):
    page = Page(title=title, search_description=description)
    parent.add_child(instance=page)
    page.save_revision().publish()  # indexed in Elasticsearch by Wagtail's signal handlers
    return page


def test_published_pages_are_found_through_elasticsearch(elasticsearch, site_tree, section, client):
    add_page(site_tree, "Peer support in prison", "Prisoners trained as peer mentors.")
    add_page(site_tree, "A time bank for older people", "Hours exchanged between neighbours.")
    draft = Page(title="Peer support draft", live=False)
    site_tree.add_child(instance=draft)
    elasticsearch.get_index_for_model(Page).refresh()

    response = client.get(section(SearchPage).url, {"q": "peer support prison"})

    assert response.status_code == 200
    assert [page.title for page in response.context["results"]][:1] == ["Peer support in prison"]
    titles = [page.title for page in response.context["results"]]
    assert "Peer support draft" not in titles
