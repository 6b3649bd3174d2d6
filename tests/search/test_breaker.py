"""A hung or refusing search engine costs one short wait, then none: the circuit breaker.

The engines here fail for real (tests/search/engines.py): a listener that accepts and never
answers, and a port nothing listens on. Timings are not asserted: the tests count the
connections the engine receives, and check the timeouts the engine's client is given.
"""

import logging

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from casestudies.models import CaseStudyIndexPage
from search import breaker
from search.engine_guard import GuardedEngine
from search.models import SearchPage
from search.outbox import PendingIndexChange
from tests.casestudies.factories import CaseStudyPageFactory
from tests.search.engines import TEST_TIMEOUT, closed_port

# These tests look inside the search and its rendering (context, engine connections), so each
# request must really be served: the page cache (tested in tests/hub/test_page_cache.py) is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


@pytest.fixture
def timeouts(monkeypatch):
    """The request timeout of every engine client made, in order (a spy: the engine is real)."""
    seen = []
    original = GuardedEngine.__init__

    def spy(self, params):
        original(self, params)
        seen.append(self.timeout)

    monkeypatch.setattr(GuardedEngine, "__init__", spy)
    return seen


def titles(response):
    return [page.title for page in response.context["results"]]


def test_a_hung_engine_is_waited_for_once_then_left_alone(
    use_engine, hung_engine, client, section, timeouts
):
    engine = use_engine(hung_engine.url)
    url = section(SearchPage).url

    first = client.get(url, {"q": "toolkits"})

    assert first.status_code == 200
    assert titles(first) == ["Toolkits"]  # from the database index
    assert breaker.is_open(engine)
    assert hung_engine.accepted == 1
    assert set(timeouts) == {TEST_TIMEOUT}

    second = client.get(url, {"q": "toolkits"})
    autocomplete = client.get(f"{url}autocomplete/", {"q": "tool"})

    assert titles(second) == ["Toolkits"]
    assert [s["title"] for s in autocomplete.json()["results"]] == ["Toolkits"]
    assert hung_engine.accepted == 1  # the breaker kept both requests off the engine


def test_autocomplete_waits_for_the_shorter_timeout(
    use_engine, hung_engine, client, section, timeouts
):
    engine = use_engine(hung_engine.url)

    response = client.get(f"{section(SearchPage).url}autocomplete/", {"q": "tool"})

    assert response.status_code == 200
    assert [s["title"] for s in response.json()["results"]] == ["Toolkits"]
    assert hung_engine.accepted == 1
    assert engine.autocomplete_timeout == TEST_TIMEOUT / 2
    assert timeouts[-1] == TEST_TIMEOUT / 2  # the engine that searched had the short timeout
    assert breaker.is_open(engine)


def test_a_catalogue_search_contacts_a_hung_engine_once(
    use_engine, hung_engine, client, section, site_tree
):
    catalogue = section(CaseStudyIndexPage)
    CaseStudyPageFactory(parent=catalogue, title="Charlie")
    engine = use_engine(hung_engine.url)

    response = client.get(catalogue.url, {"q": "charlie"})

    assert response.status_code == 200
    assert "Charlie" in response.content.decode()
    # The catalogue searches twice (matches, then the page of them): the second skips the engine.
    assert hung_engine.accepted == 1
    assert breaker.is_open(engine)


def test_a_refusing_engine_is_tried_once_per_cooling_off(use_engine, client, section, caplog):
    engine = use_engine(f"http://127.0.0.1:{closed_port()}")
    url = section(SearchPage).url

    with caplog.at_level(logging.WARNING, logger="search"):
        first = client.get(url, {"q": "toolkits"})
        second = client.get(url, {"q": "toolkits"})

    assert (first.status_code, second.status_code) == (200, 200)
    assert titles(first) == titles(second) == ["Toolkits"]
    assert breaker.is_open(engine)
    failures = [r for r in caplog.records if r.name == "search.breaker"]
    assert len(failures) == 1  # the second request never called the engine


def test_after_the_cooling_off_the_engine_is_tried_again(use_engine, hung_engine, client, section):
    engine = use_engine(hung_engine.url)
    url = section(SearchPage).url
    client.get(url, {"q": "toolkits"})
    assert hung_engine.accepted == 1

    breaker.close(engine)  # what the cache does when the cooling-off period ends
    client.get(url, {"q": "toolkits"})

    assert hung_engine.accepted == 2
    assert breaker.is_open(engine)


def test_admin_searches_skip_the_engine_while_the_breaker_is_open(
    use_engine, hung_engine, site_tree
):
    engine = use_engine(hung_engine.url)
    breaker.trip(engine, "test")

    found = list(Page.objects.live().search("toolkits", backend="default"))

    assert [page.title for page in found] == ["Toolkits"]
    assert hung_engine.accepted == 0


def test_publishing_while_the_engine_hangs_keeps_the_database_index_in_step(
    use_engine, hung_engine, client, section, site_tree, django_capture_on_commit_callbacks
):
    engine = use_engine(hung_engine.url)
    page = Page(title="Befriending guide", live=False)
    site_tree.add_child(instance=page)

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert hung_engine.accepted == 1  # tried once, after the commit; then the breaker opened
    assert breaker.is_open(engine)
    database = get_search_backend("database")
    assert [p.title for p in database.search("befriending", Page.objects.live())] == [
        "Befriending guide"
    ]
    response = client.get(section(SearchPage).url, {"q": "befriending"})
    assert titles(response) == ["Befriending guide"]
    # The engine still owes this page: the change waits in the outbox.
    assert PendingIndexChange.objects.filter(object_id=str(page.pk)).exists()
    assert hung_engine.accepted == 1
