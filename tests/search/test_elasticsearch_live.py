"""Search against a real engine: OpenSearch started by scripts/with-search-engine.sh.

`make test` (scripts/run-tests.sh) starts one throwaway node for the whole run and sets
HUB_TEST_ELASTICSEARCH_URL; any Elasticsearch-family cluster of your own works too (choose the
Wagtail backend with HUB_TEST_SEARCH_BACKEND, e.g. elasticsearch9). Without a URL these tests are
skipped, except in CI (CI=true), where a missing engine fails the run. Each test indexes into
its own index prefix and deletes its indexes afterwards.
"""

import json
import logging
import os
import time
import urllib.request
import uuid
from contextlib import contextmanager

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from casestudies.models import CaseStudyIndexPage
from hub.settings.base import search_engine_backend
from search.models import SearchPage
from stories.models import StoryIndexPage, StoryPage
from stories.withdrawal import WithdrawnBy, withdraw_story
from tests.casestudies.factories import CaseStudyPageFactory
from tests.search.test_languages import translated_site
from tests.search.test_search_facets import content, facet_counts  # noqa: F401 (a fixture)
from tests.stories.factories import make_story

ENGINE_URL = os.environ.get("HUB_TEST_ELASTICSEARCH_URL")
ENGINE = os.environ.get("HUB_TEST_SEARCH_BACKEND", "opensearch3")
# POST /stop and /start take the engine of scripts/with-search-engine.sh down and bring it back.
ENGINE_CONTROL = os.environ.get("HUB_TEST_SEARCH_ENGINE_CONTROL")
FALLBACK_WARNING = "answering from the database index"

if not ENGINE_URL and os.environ.get("CI") == "true":
    pytest.fail(
        "CI runs the live search tests: run them through scripts/with-search-engine.sh "
        "(scripts/run-tests.sh does) or set HUB_TEST_ELASTICSEARCH_URL",
        pytrace=False,
    )

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ENGINE_URL,
        reason="run through scripts/with-search-engine.sh, or set HUB_TEST_ELASTICSEARCH_URL",
    ),
]


def index_every_page(index):
    """Empty the engine's page index, then put every page in it, a bulk request per page type."""
    index.reset()
    for model in get_indexed_models():
        if issubclass(model, Page):
            index.add_model(model)
    pages = list(Page.objects.specific())
    for model in {type(page) for page in pages}:
        index.add_items(model, [page for page in pages if type(page) is model])
    index.refresh()


@pytest.fixture
def engine(settings, site_tree):
    """The engine as the site's default backend, on fresh indexes holding every page so far."""
    backend_settings = search_engine_backend(
        ENGINE_URL, engine=ENGINE, index_prefix=f"hubtest_{uuid.uuid4().hex[:8]}_", timeout=30
    )
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": backend_settings,
        "database": {"BACKEND": "search.database_backend"},
    }
    backend = get_search_backend("default")
    index = backend.get_index_for_model(Page)
    index_every_page(index)
    yield backend
    index.delete()


def refreshed(backend):
    backend.get_index_for_model(Page).refresh()
    return backend


def engine_document(backend, page):
    """What the engine itself holds for a page (None when it holds nothing), in any language."""
    indexes = backend.get_index_for_model(Page)
    document_id = indexes.mapping_class(Page).get_document_id(page)
    for index in indexes.by_language.values():
        if backend.es.exists(index=index.name, id=document_id):
            return backend.es.get(index=index.name, id=document_id)["_source"]
    return None


def engine_titles(backend, terms):
    """Titles of live pages the engine finds for `terms` (asked of the engine, not the site)."""
    return [page.title for page in backend.search(terms, Page.objects.live(), operator="and")]


def site_search(client, section, query, **filters):
    return client.get(section(SearchPage).url, {"q": query, **filters})


def add_page(parent, title, description):
    page = Page(title=title, search_description=description)
    parent.add_child(instance=page)
    page.save_revision().publish()  # indexed in the engine by Wagtail's signal handlers
    return page


def test_published_pages_are_found_through_the_engine(engine, site_tree, section, client, caplog):
    add_page(site_tree, "Peer support in prison", "Prisoners trained as peer mentors.")
    add_page(site_tree, "A time bank for older people", "Hours exchanged between neighbours.")
    draft = Page(title="Peer support draft", live=False)
    site_tree.add_child(instance=draft)
    refreshed(engine)

    with caplog.at_level(logging.WARNING, logger="search.backends"):
        response = site_search(client, section, "peer support prison")

    assert response.status_code == 200
    titles = [page.title for page in response.context["results"]]
    assert titles[:1] == ["Peer support in prison"]
    assert "Peer support draft" not in titles
    assert FALLBACK_WARNING not in caplog.text


def test_publishing_indexes_the_page_in_the_engine(engine, section):
    draft = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage), title="Zanderwick allotments", live=False
    )
    refreshed(engine)
    assert engine_titles(engine, "zanderwick") == []

    draft.save_revision().publish()
    refreshed(engine)

    assert engine_document(engine, draft)["title"] == "Zanderwick allotments"
    assert engine_titles(engine, "zanderwick allotments") == ["Zanderwick allotments"]


def test_a_published_revision_indexes_its_own_facet_values(engine, section):
    """An editor's keywords and depth, saved in a revision, are what the engine counts once the
    revision is published (the keywords are saved after the page itself)."""
    page = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage), title="Zanderwick allotments", live=False
    )
    page.depth_level = "transformative"
    page.keywords.add("Time Banking")
    page.save_revision().publish()
    refreshed(engine)

    document = engine_document(engine, page)
    assert sorted(document["casestudies_casestudypage__search_facet_values_filter"]) == [
        "depth=transformative",
        "keyword=time-banking",
    ]


def test_unpublishing_takes_the_page_out_of_the_engines_results(engine, site_tree, section, client):
    page = add_page(site_tree, "Zanderwick lunch club", "Neighbours cook together.")
    refreshed(engine)
    assert engine_titles(engine, "zanderwick") == ["Zanderwick lunch club"]

    Page.objects.get(pk=page.pk).unpublish()
    refreshed(engine)

    assert engine_titles(engine, "zanderwick") == []
    response = site_search(client, section, "zanderwick")
    assert list(response.context["results"]) == []


def test_a_withdrawn_story_leaves_nothing_in_the_engine(engine, section, client):
    story = make_story(
        section(StoryIndexPage),
        title="Zanderwick tides",
        about_me="I watch the zanderwick tides.",
        publish=True,
    )
    refreshed(engine)
    assert engine_document(engine, story) is not None
    assert engine_titles(engine, "zanderwick") == ["Zanderwick tides"]

    withdraw_story(StoryPage.objects.get(pk=story.pk), by=WithdrawnBy.MODERATOR)
    refreshed(engine)

    assert engine_document(engine, story) is None
    assert (
        engine.es.count(
            index=engine.get_index_for_model(Page).name,
            body={"query": {"match": {"title": "zanderwick"}}},
        )["count"]
        == 0
    )
    assert list(site_search(client, section, "zanderwick").context["results"]) == []


def test_autocomplete_suggests_titles_from_a_word_begun(engine, site_tree, section, client, caplog):
    add_page(site_tree, "Zanderwick time bank", "Hours exchanged between neighbours.")
    add_page(site_tree, "Peer support in prison", "Prisoners trained as peer mentors.")
    refreshed(engine)

    with caplog.at_level(logging.WARNING, logger="search.backends"):
        response = client.get(section(SearchPage).url + "autocomplete/", {"q": "zande"})

    assert response.status_code == 200
    assert [hit["title"] for hit in response.json()["results"]] == ["Zanderwick time bank"]
    assert FALLBACK_WARNING not in caplog.text
    assert [page.title for page in engine.autocomplete("zande", Page)] == ["Zanderwick time bank"]


def test_facets_count_what_the_engine_found(content, engine, section, client, caplog):  # noqa: F811
    # `content` first: its factories add keywords and ratings after saving a page (a page saved
    # afterwards is indexed with them), so the engine indexes the pages once they are complete.
    refreshed(engine)

    with caplog.at_level(logging.WARNING, logger="search.backends"):
        response = site_search(client, section, "befriending")

    assert FALLBACK_WARNING not in caplog.text
    assert len(response.context["results"]) == 5
    assert facet_counts(response, "keyword") == {"peer-support": 3, "time-banking": 2}
    assert facet_counts(response, "depth") == {"transformative": 1, "descriptive": 1}

    narrowed = site_search(client, section, "befriending", keyword="time-banking")
    assert sorted(page.title for page in narrowed.context["results"]) == [
        "Befriending in Hull",
        "Starting befriending",
    ]


def test_a_spanish_query_finds_another_inflection_on_the_engine(
    engine, site_tree, section, client, caplog
):
    home, search = translated_site(site_tree, section, "es")
    page = add_page(home, "Red de cuidadores", "Apoyo entre familias que cuidan.")
    refreshed(engine)

    with caplog.at_level(logging.WARNING, logger="search.backends"):
        # "cuidadora" and "cuidadores" are one word to a Spanish stemmer (not to an English one).
        response = client.get(search.url, {"q": "cuidadora"})

    assert FALLBACK_WARNING not in caplog.text
    assert [hit.title for hit in response.context["results"]] == ["Red de cuidadores"]
    indexes = engine.get_index_for_model(Page)
    assert engine.es.exists(index=indexes.by_language["es"].name, id=str(page.pk))
    assert not engine.es.exists(index=indexes.by_language["en"].name, id=str(page.pk))


def test_a_welsh_query_finds_welsh_pages_on_the_engine_without_english_stemming(
    engine, site_tree, section, client, caplog
):
    home, search = translated_site(site_tree, section, "cy")
    add_page(home, "Pobl hŷn yn yr ysbyty", "Gwirfoddolwyr yn ymweld.")
    refreshed(engine)

    with caplog.at_level(logging.WARNING, logger="search.backends"):
        # Typed without the circumflex: Welsh is folded to plain letters, and not stemmed.
        response = client.get(search.url, {"q": "pobl hyn"})

    assert FALLBACK_WARNING not in caplog.text
    assert [hit.title for hit in response.context["results"]] == ["Pobl hŷn yn yr ysbyty"]
    analysed = engine.es.indices.analyze(
        index=engine.get_index_for_model(Page).by_language["cy"].name,
        body={"field": "_all_text", "text": "Ysbyty hŷn"},
    )
    assert [token["token"] for token in analysed["tokens"]] == ["ysbyty", "hyn"]


def control(action):
    # Plain http on 127.0.0.1, from scripts/with-search-engine.sh
    request = urllib.request.Request(f"{ENGINE_CONTROL}/{action}", method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310
        assert answer.read() == b"ok\n"


def wait_until_healthy(seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        try:
            health = f"{ENGINE_URL}/_cluster/health?wait_for_status=yellow&timeout=5s"
            with urllib.request.urlopen(health, timeout=10) as answer:  # noqa: S310
                if json.load(answer)["status"] in ("green", "yellow"):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the search engine did not come back")
        time.sleep(1)


@contextmanager
def engine_stopped():
    """The engine taken down through the launcher's control port, and brought back afterwards."""
    if not ENGINE_CONTROL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI stops the engine through scripts/with-search-engine.sh's control port")
        pytest.skip("stopping the engine needs scripts/with-search-engine.sh")
    control("stop")
    try:
        yield
    finally:
        control("start")
        wait_until_healthy()


def test_search_falls_back_to_the_database_when_the_engine_stops(
    engine, site_tree, section, client, caplog, settings
):
    add_page(site_tree, "Zanderwick repair cafe", "Neighbours mend things together.")
    refreshed(engine)
    assert engine_titles(engine, "zanderwick") == ["Zanderwick repair cafe"]
    # Give up on the stopped engine at once rather than after the client's retries.
    settings.WAGTAILSEARCH_BACKENDS["default"]["OPTIONS"] = {"max_retries": 0}

    with engine_stopped(), caplog.at_level(logging.WARNING, logger="search.backends"):
        response = site_search(client, section, "zanderwick")
        suggestions = client.get(section(SearchPage).url + "autocomplete/", {"q": "repair"})

    assert response.status_code == 200
    assert [page.title for page in response.context["results"]] == ["Zanderwick repair cafe"]
    assert suggestions.status_code == 200
    assert FALLBACK_WARNING in caplog.text
