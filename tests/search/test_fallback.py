"""A failing Elasticsearch cluster degrades search to the database index, never to an error page.

No Elasticsearch server runs here, so "failing" is real: the backend points at a local port that
nothing listens on, and every request to it is refused.
"""

import logging
import socket

import pytest

from search.models import SearchPage

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # released on close: nothing listens there afterwards


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "INDEX_PREFIX": "hubtest_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        },
        "database": {"BACKEND": "search.database_backend"},
    }


def test_search_answers_from_the_database_when_elasticsearch_is_down(
    unreachable_elasticsearch, site_tree, section, client, caplog
):
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        response = client.get(section(SearchPage).url, {"q": "toolkits"})

    assert response.status_code == 200
    assert [page.title for page in response.context["results"]] == ["Toolkits"]
    assert "answering from the database index" in caplog.text


def test_without_a_database_backend_the_error_is_not_hidden(settings, site_tree, section):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        }
    }
    from search.backends import BACKEND_ERRORS, search_page

    with pytest.raises(BACKEND_ERRORS):
        search_page(section(SearchPage).search_queryset(), "toolkits")
