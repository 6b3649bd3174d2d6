"""Search facets beyond the page type: principle, keyword, depth and life factor, with counts."""

import pytest

from casestudies.models import CaseStudyIndexPage, ResourceIndexPage
from hub.models import LifeFactor
from search.facets import declared, declared_values
from search.models import SearchPage
from stories.models import StoryIndexPage
from tests.casestudies.factories import CaseStudyPageFactory, ResourcePageFactory
from tests.stories.factories import make_story
from tests.toolkits.factories import ToolkitPageFactory
from toolkits.models import ToolkitIndexPage

# These tests look inside the search and its rendering (context, engine connections), so each
# request must really be served: the page cache (tested in tests/hub/test_page_cache.py) is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


@pytest.fixture
def search_url(section):
    return section(SearchPage).url


@pytest.fixture
def content(section):
    """Five pages about befriending, each described differently."""
    cases = section(CaseStudyIndexPage)
    CaseStudyPageFactory(
        parent=cases,
        title="Befriending in Leeds",
        depth_level="transformative",
        ratings={"assets": 3, "networks": 1},
        keywords=["Peer Support"],
        live=True,
    )
    CaseStudyPageFactory(
        parent=cases,
        title="Befriending in Hull",
        depth_level="descriptive",
        ratings={"assets": 1, "networks": 2},
        keywords=["Peer Support", "Time Banking"],
        live=True,
    )
    ToolkitPageFactory(
        parent=section(ToolkitIndexPage),
        title="Starting befriending",
        principles=["assets"],
        keywords=["Time Banking"],
        live=True,
    )
    ResourcePageFactory(
        parent=section(ResourceIndexPage),
        title="Befriending research",
        keywords=["Peer Support"],
        live=True,
    )
    money = LifeFactor.objects.get(key="money", locale__language_code="en")
    make_story(
        section(StoryIndexPage), title="My befriending week", life_factors=[money], publish=True
    )


def facet_counts(response, name):
    for facet in response.context["facets"]:
        if facet.name == name:
            return {option.value: option.count for option in facet.options}
    return {}


def titles(response):
    return sorted(page.title for page in response.context["results"])


def test_facets_count_the_matching_pages(client, search_url, content):
    response = client.get(search_url, {"q": "befriending"})

    assert response.context["results"].paginator.count == 5
    # Case studies count under a principle they show at least "developing" (2); toolkits
    # under the principles they are tagged with.
    assert facet_counts(response, "principle") == {"assets": 2, "networks": 1}
    assert facet_counts(response, "keyword") == {"peer-support": 3, "time-banking": 2}
    assert facet_counts(response, "depth") == {"transformative": 1, "descriptive": 1}
    assert facet_counts(response, "life_factor") == {"money": 1}
    assert facet_counts(response, "type") == {
        "casestudies.casestudypage": 2,
        "toolkits.toolkitpage": 1,
        "casestudies.resourcepage": 1,
        "stories.storypage": 1,
    }


def test_each_filter_narrows_the_results(client, search_url, content):
    def found(**filters):
        return titles(client.get(search_url, {"q": "befriending", **filters}))

    assert found(principle="assets") == ["Befriending in Leeds", "Starting befriending"]
    assert found(keyword="time-banking") == ["Befriending in Hull", "Starting befriending"]
    assert found(depth="descriptive") == ["Befriending in Hull"]
    assert found(life_factor="money") == ["My befriending week"]


def test_counts_are_right_for_combined_filters(client, search_url, content):
    response = client.get(
        search_url, {"q": "befriending", "keyword": "peer-support", "principle": "assets"}
    )

    assert titles(response) == ["Befriending in Leeds"]
    # Each facet counts the pages matching every other filter: the number its option would give.
    assert facet_counts(response, "principle") == {"assets": 1, "networks": 1}
    assert facet_counts(response, "keyword") == {"peer-support": 1, "time-banking": 1}
    assert facet_counts(response, "type") == {"casestudies.casestudypage": 1}
    html = response.content.decode()
    # The filter form is the same search with a filter changed: it keeps the words and the
    # chosen filters, and each chip removes its own filter only.
    assert '<input type="hidden" name="q" value="befriending">' in html
    assert 'name="keyword" value="peer-support" checked' in html
    assert 'name="principle" value="assets" checked' in html
    assert 'name="principle" value="networks">' in html
    assert "?q=befriending&amp;principle=assets" in html  # the keyword chip
    assert "?q=befriending&amp;keyword=peer-support" in html  # the principle chip


@pytest.mark.parametrize(
    "filters",
    [
        {"principle": "kindness"},
        {"keyword": "no-such-keyword"},
        {"depth": "bottomless"},
        {"life_factor": "weather"},
        {"principle": "", "keyword": "", "depth": "", "life_factor": ""},
    ],
)
def test_unknown_filter_values_are_left_out_with_a_notice(client, search_url, content, filters):
    response = client.get(search_url, {"q": "befriending", **filters})

    assert response.status_code == 200
    assert response.context["results"].paginator.count == 5
    notice = "were not recognised and have been left out" in response.content.decode()
    assert notice is any(filters.values())


def test_a_filter_that_leaves_nothing_offers_a_search_without_filters(client, search_url, content):
    response = client.get(
        search_url, {"q": "befriending", "life_factor": "money", "depth": "descriptive"}
    )

    assert response.context["results"].paginator.count == 0
    html = response.content.decode()
    assert "Search without filters instead" in html
    # Each chip names its value, though no result has it; the panel still offers it, checked.
    assert "Life factor: Money <span" in html
    assert 'name="life_factor" value="money" checked' in html


@pytest.mark.parametrize("more", [0, 25])
def test_faceted_search_queries_are_bounded_whatever_the_number_of_results(
    client, search_url, content, section, django_assert_max_num_queries, more
):
    """The same bound for 5 results and for more than a page of them (20 a page)."""
    cases = section(CaseStudyIndexPage)
    for number in range(more):
        CaseStudyPageFactory(
            parent=cases,
            title=f"Befriending {number}",
            ratings={"assets": 3},
            keywords=["Peer Support", f"Word {number}"],
            live=True,
        )
    filtered = {"q": "befriending", "principle": "assets", "keyword": "peer-support"}
    client.get(search_url, filtered)  # warm the site-root cache, as on a running site
    for params in ({"q": "befriending"}, filtered, {**filtered, "page": "2"}):
        with django_assert_max_num_queries(40):
            response = client.get(search_url, params)
        assert response.status_code == 200
    assert response.context["results"].paginator.count == 1 + more


@pytest.mark.parametrize("filters", [{}, {"principle": "assets"}, {"keyword": "peer-support"}])
def test_a_list_of_matches_counts_and_filters_like_the_database_subquery(
    client, search_url, content, monkeypatch, filters
):
    """Elasticsearch's results are read page by page and filtered by lists of ids; the hub's
    database backends rank a window in one statement and filter by subqueries."""
    params = {"q": "befriending", **filters}
    from_subquery = client.get(search_url, params)

    class NotWindowed:  # as Elasticsearch's results are
        pass

    monkeypatch.setattr("search.window.WindowedResults", NotWindowed)  # ranked_window()
    monkeypatch.setattr("search.models.WindowedResults", NotWindowed)  # SearchPage.filtered()
    from_list = client.get(search_url, params)

    assert titles(from_list) == titles(from_subquery)
    assert len(titles(from_list)) > 0
    for name in ["type", "principle", "keyword", "depth", "life_factor"]:
        assert facet_counts(from_list, name) == facet_counts(from_subquery, name), name


def test_facets_count_the_most_relevant_matches_when_there_are_more(
    client, search_url, content, monkeypatch
):
    """A broad query's facets count the ranked window; its results and count stay whole."""
    everything = client.get(search_url, {"q": "befriending"})
    best_two = [page.pk for page in everything.context["results"]][:2]
    assert "most relevant results" not in everything.content.decode()
    monkeypatch.setattr("search.models.RANKED_WINDOW", 2)

    response = client.get(search_url, {"q": "befriending"})

    assert response.context["results"].paginator.count == 5
    assert [page.pk for page in response.context["results"]][:2] == best_two
    assert len(response.context["results"]) == 5  # past the window, ranked as before
    assert sum(facet_counts(response, "type").values()) == 2
    assert "Counts are of the 2 most relevant results." in response.content.decode()


@pytest.mark.parametrize(
    "filters, statements",
    [
        ({}, 1),  # the window gives the count, the facets and the first page
        ({"principle": "assets"}, 2),  # and the filtered results' count and page: one more
    ],
)
def test_each_search_runs_its_full_text_match_once(
    client, search_url, content, filters, statements
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    match = "@@" if connection.vendor == "postgresql" else " MATCH "
    with CaptureQueriesContext(connection) as queries:
        response = client.get(search_url, {"q": "befriending", **filters})

    assert response.context["results"].paginator.count == (5 if not filters else 2)
    searches = [query["sql"] for query in queries if match in query["sql"]]
    assert len(searches) == statements, searches


def test_the_search_offers_the_facets_page_types_declare():
    """search/ collects `listing_facets` from every page type rather than naming the types."""
    assert {model.__name__ for model, _spec in declared("principle")} == {
        "CaseStudyPage",
        "ToolkitPage",
        "GuidePage",
    }
    assert {model.__name__ for model, _spec in declared("keyword")} == {
        "CaseStudyPage",
        "ResourcePage",
        "StoryPage",
        "ToolkitPage",
        "GuidePage",
    }
    assert [model.__name__ for model, _spec in declared("life_factor")] == ["StoryPage"]
    assert dict(declared_values("depth"))["transformative"] == "Transformative"
