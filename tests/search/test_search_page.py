"""The site-wide search page: visibility, facets, snippets, promotions, help, autocomplete."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page, PageViewRestriction

from search.models import SearchPage
from search.snippets import highlight
from search.suggestions import POPULAR_MIN_HITS

pytestmark = pytest.mark.django_db


def add_page(parent, title, description="", live=True):
    page = Page(title=title, search_description=description, live=live)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


@pytest.fixture
def search_url(section):
    return section(SearchPage).url


@pytest.fixture
def pages(site_tree):
    """Three findable pages, and three that must never be found."""
    found = [
        add_page(site_tree, "Peer support basics", "How peers help each other in recovery."),
        add_page(site_tree, "Peer support in prison", "Prisoners trained as peer mentors."),
        add_page(
            site_tree, "Peer support through a time bank", "Exchanging hours with neighbours."
        ),
    ]
    draft = add_page(site_tree, "Peer support draft", live=False)
    private = add_page(site_tree, "Peer support members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    welsh_home = site_tree.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh_home.save_revision().publish()
    welsh = add_page(welsh_home, "Cymorth gan gymheiriaid peer support")
    return {"found": found, "hidden": [draft, private, welsh]}


def facet_counts(response, name):
    """{option key: count} of one facet group on a results page ({} when it is not shown)."""
    for facet in response.context["facets"]:
        if facet.name == name:
            return {option.value: option.count for option in facet.options}
    return {}


def result_titles(response):
    return [page.title for page in response.context["results"]]


def test_only_live_public_pages_of_the_active_locale(client, search_url, pages):
    response = client.get(search_url, {"q": "peer support"})

    assert response.status_code == 200
    assert set(result_titles(response)) == {page.title for page in pages["found"]}


def test_content_type_facet_counts_and_filter(client, search_url, pages, section):
    response = client.get(search_url, {"q": "peer"})
    assert facet_counts(response, "type") == {"wagtailcore.page": 3}

    filtered = client.get(search_url, {"q": "peer", "type": "hub.homepage"})
    assert result_titles(filtered) == []
    assert "Search without filters instead" in filtered.content.decode()


@pytest.mark.parametrize("value", ["nonsense", "auth.user.extra", ".", "hub."])
def test_unknown_type_filters_are_ignored(client, search_url, pages, value):
    response = client.get(search_url, {"q": "peer", "type": value})
    assert response.status_code == 200
    assert len(result_titles(response)) == 3


def test_results_show_highlighted_snippets(client, search_url, pages):
    html = client.get(search_url, {"q": "prison"}).content.decode()
    assert "<mark>Prisoners</mark> trained as peer mentors." in html  # whole words are marked
    html = client.get(search_url, {"q": "peer"}).content.decode()
    assert "Prisoners trained as <mark>peer</mark> mentors." in html


def test_promotions_come_first_and_only_when_live(client, search_url, pages, site_tree):
    query = Query.get("time bank")
    SearchPromotion.objects.create(query=query, page=pages["found"][2], description="Start here.")
    SearchPromotion.objects.create(query=query, page=pages["hidden"][0], description="Draft")

    response = client.get(search_url, {"q": "Time   BANK"})

    assert [p.page.title for p in response.context["promotions"]] == [
        "Peer support through a time bank"
    ]
    assert "Start here." in response.content.decode()


def test_queries_are_counted_for_editors(client, search_url, pages):
    client.get(search_url, {"q": "peer support"})
    client.get(search_url, {"q": "Peer, support!"})
    client.get(search_url, {"q": "peer support", "page": "2"})  # later pages are not new searches

    assert Query.get("peer support").hits == 2


def test_a_misspelt_query_shows_the_results_of_its_correction(client, search_url, pages):
    response = client.get(search_url, {"q": "pear suport"})

    assert response.context["searched"] == "peer support"
    assert response.context["results"].paginator.count == 3


def test_a_search_past_the_counted_matches_says_more_than(client, search_url, pages, monkeypatch):
    # The database counts and ranks at most MATCHES_RANKED matches (search/window.py).
    monkeypatch.setattr("search.models.MATCHES_RANKED", 2)
    response = client.get(search_url, {"q": "peer support"})
    assert response.context["results_sentence"] == "More than 2 results for “peer support”"
    assert len(response.context["results"].object_list) == 3
    # The pages of such a search are counted from the same window: "more than 2", as 3.
    assert response.context["results"].paginator.count == 3
    monkeypatch.setattr("search.models.MATCHES_RANKED", 3)
    response = client.get(search_url, {"q": "peer support", "page": "1"})
    assert response.context["results_sentence"] == "3 results for “peer support”"


def test_zero_results_offer_ways_to_browse(client, search_url, pages):
    response = client.get(search_url, {"q": "zzzz qqqq"})
    html = response.content.decode()

    assert response.context["results"].paginator.count == 0
    assert "Try fewer words" in html
    assert 'href="/en/case-studies/"' in html


def test_only_frequent_queries_are_shown_as_popular(client, search_url, pages):
    for _ in range(POPULAR_MIN_HITS):
        Query.get("peer support").add_hit()
    Query.get("my neighbour jo").add_hit()  # a one-off query is never repeated to the public

    response = client.get(search_url, {"q": "zzzz"})

    assert response.context["popular"] == ["peer support"]


def test_autocomplete_suggests_titles_as_json(client, search_url, pages):
    response = client.get(search_url + "autocomplete/", {"q": "Peer sup"})

    assert response.status_code == 200
    data = response.json()
    assert {item["title"] for item in data["results"]} == {
        "Peer support basics",
        "Peer support in prison",
        "Peer support through a time bank",
    }
    assert all(item["url"].startswith("/en/") for item in data["results"])
    assert client.get(search_url + "autocomplete/", {"q": "((("}).json()["results"] == []


def test_search_page_queries_are_bounded(client, search_url, pages, django_assert_max_num_queries):
    client.get(search_url, {"q": "peer"})
    with django_assert_max_num_queries(40):
        assert client.get(search_url, {"q": "peer"}).status_code == 200


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=300),
    page_number=st.one_of(st.none(), st.text(max_size=5), st.integers()),
)
def test_any_query_gives_a_normal_page(client, search_url, site_tree, query, page_number):
    params = {"q": query}
    if page_number is not None:
        params["page"] = page_number
    assert client.get(search_url, params).status_code == 200
    assert client.get(search_url + "autocomplete/", {"q": query}).status_code == 200


def test_highlight_escapes_and_never_splits_entities():
    text = 'Tom & Jerry <script>alert("amp")</script> amp'
    html = highlight(text, ["amp"])
    assert "<script>" not in html
    assert "&amp;" in html
    assert html.count("<mark>amp</mark>") == 2


def test_catalogue_pages_have_snippets_and_stories_show_content_notes_first(
    client, search_url, section
):
    from casestudies.models import ResourceIndexPage
    from tests.casestudies.factories import ResourcePageFactory
    from tests.stories.factories import make_story

    ResourcePageFactory(
        parent=section(ResourceIndexPage),
        title="Befriending research",
        why_useful="Shows what befriending changes.",
        live=True,
    )
    make_story(title="A befriending day", content_notes=["bereavement"], publish=True)

    html = client.get(search_url, {"q": "befriending"}).content.decode()

    assert "Shows what <mark>befriending</mark> changes." in html
    story = html[html.index("A befriending day") :]
    assert story.index("Content notes:") < story.index("</li>")
    assert "Bereavement" in story[: story.index("</li>")]
