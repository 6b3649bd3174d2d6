"""The catalogue listing: facet counts under combined filters, bad URLs, paging, query bound."""

import csv
import io
import json

import pytest

from casestudies.filters import PER_PAGE
from tests.casestudies.factories import CaseStudyPageFactory, ClientGroupFactory, SectorFactory

pytestmark = pytest.mark.django_db


def counts(catalogue, facet_name):
    return {o.value: o.count for o in catalogue.facet[facet_name].options}


@pytest.fixture
def four_cases(catalogue_index):
    """A/B/C/D chosen so that each facet gives different counts under combined filters."""
    mh = SectorFactory(key="mental-health", name="Mental health")
    asc = SectorFactory(key="adult-social-care", name="Adult social care")
    older = ClientGroupFactory(key="older-people", name="Older people")
    carers = ClientGroupFactory(key="carers", name="Carers")
    make = CaseStudyPageFactory
    return {
        "A": make(
            parent=catalogue_index,
            title="Alpha",
            keywords=["Peer Support", "Co-design"],
            ratings={"networks": 3, "assets": 1},
            depth_level="transformative",
            sector=mh,
            country="england",
            evaluated=True,
            client_groups=[older],
        ),
        "B": make(
            parent=catalogue_index,
            title="Bravo",
            keywords=["Peer Support"],
            ratings={"networks": 2, "assets": 3},
            depth_level="intermediate",
            sector=mh,
            country="scotland",
            evaluated=False,
            client_groups=[older, carers],
        ),
        "C": make(
            parent=catalogue_index,
            title="Charlie",
            keywords=["Co-design"],
            ratings={"networks": 3, "assets": 3},
            depth_level="transformative",
            sector=asc,
            country="england",
            evaluated=True,
            client_groups=[carers],
        ),
        "D": make(
            parent=catalogue_index,
            title="Delta",
            ratings={"networks": 0},
            depth_level="descriptive",
            sector=asc,
            country="wales",
        ),
    }


def get_catalogue(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    return response, response.context["catalogue"]


def titles(catalogue):
    return [page.title for page in catalogue.pages]


def test_unfiltered_listing_shows_every_live_case_study_in_title_order(
    client, catalogue_index, four_cases
):
    four_cases["D"].unpublish()
    _, catalogue = get_catalogue(client, catalogue_index)
    assert titles(catalogue) == ["Alpha", "Bravo", "Charlie"]
    assert counts(catalogue, "country") == {
        "england": 2,
        "scotland": 1,
        "wales": 0,
        "northern-ireland": 0,
        "uk-wide": 0,
        "australia": 0,
        "brazil": 0,
        "canada": 0,
        "sweden": 0,
        "usa": 0,
        "international": 0,
        "not-stated": 0,
    }


def test_facet_counts_under_combined_filters(client, catalogue_index, four_cases):
    _, catalogue = get_catalogue(
        client, catalogue_index, "?keyword=peer-support&principle=networks&strength=2"
    )
    assert titles(catalogue) == ["Alpha", "Bravo"]
    # Keywords are "any of these": how many results ticking the keyword too would give
    # (Alpha and Charlie show networks at 2+ and have co-design).
    assert counts(catalogue, "keyword") == {"co-design": 2, "peer-support": 2}
    # Principles are "all of these": how many of the current results also have the option.
    assert counts(catalogue, "principle")["networks"] == 2
    assert counts(catalogue, "principle")["assets"] == 1  # only Bravo is assets 2+
    # Single-choice facets: how many results choosing that option would give.
    assert counts(catalogue, "depth") == {
        "descriptive": 0,
        "intermediate": 1,
        "transformative": 1,
        "not_assessed": 0,
    }
    assert counts(catalogue, "sector") == {"mental-health": 2, "adult-social-care": 0}
    assert counts(catalogue, "client_group") == {"older-people": 2, "carers": 1}
    assert counts(catalogue, "evaluated") == {"yes": 1, "no": 1}

    _, catalogue = get_catalogue(
        client,
        catalogue_index,
        "?keyword=peer-support&principle=networks&strength=2&depth=transformative",
    )
    assert titles(catalogue) == ["Alpha"]
    # Depth's own counts ignore the depth choice, so the visitor can see the alternatives.
    assert counts(catalogue, "depth")["intermediate"] == 1
    assert counts(catalogue, "country") == {**counts(catalogue, "country"), "england": 1}
    assert counts(catalogue, "country")["scotland"] == 0
    assert dict(catalogue.strength_counts) == {"1": 1, "2": 1, "3": 1}


def test_default_minimum_strength_is_any_rating(client, catalogue_index, four_cases):
    _, catalogue = get_catalogue(client, catalogue_index, "?principle=networks")
    assert titles(catalogue) == ["Alpha", "Bravo", "Charlie"]  # Delta rates networks 0
    _, catalogue = get_catalogue(client, catalogue_index, "?principle=networks&strength=3")
    assert titles(catalogue) == ["Alpha", "Charlie"]
    _, catalogue = get_catalogue(
        client, catalogue_index, "?principle=networks&principle=assets&strength=3"
    )
    assert titles(catalogue) == ["Charlie"]


def test_several_keywords_mean_any_of_them_and_the_facet_says_so(
    client, catalogue_index, four_cases
):
    response, catalogue = get_catalogue(
        client, catalogue_index, "?keyword=peer-support&keyword=co-design"
    )
    assert titles(catalogue) == ["Alpha", "Bravo", "Charlie"]
    assert "any of the keywords you tick" in response.content.decode()


def test_chips_say_exactly_what_is_applied_and_each_removes_only_itself(
    client, catalogue_index, four_cases
):
    response, catalogue = get_catalogue(
        client, catalogue_index, "?principle=networks&strength=2&country=england"
    )
    chips = {f"{f.label}: {f.value_label}": f.remove_url for f in catalogue.active_filters}
    networks = next(p.name for p in catalogue.principles if p.key == "networks")
    assert set(chips) == {f"{networks}: developing or stronger", "Country: England"}
    assert "principle=networks" in chips["Country: England"]
    assert "country" not in chips["Country: England"]
    assert "principle" not in chips[f"{networks}: developing or stronger"]
    assert "country=england" in chips[f"{networks}: developing or stronger"]
    assert f"{networks}: developing or stronger" in response.content.decode()


def test_counts_are_shown_beside_options_and_the_form_is_a_shareable_get_form(
    client, catalogue_index, four_cases
):
    response, _ = get_catalogue(client, catalogue_index, "?keyword=peer-support")
    html = response.content.decode()
    assert 'method="get"' in html
    assert 'value="peer-support" checked' in html
    # Keywords are "any of these": ticking co-design as well would give Alpha and Charlie too.
    assert 'Co-design <span class="facet__count">(2' in html
    assert "Clear filters" in html


def test_search_within_the_catalogue_narrows_results_and_counts(
    client, catalogue_index, four_cases
):
    _, catalogue = get_catalogue(client, catalogue_index, "?q=charlie")
    assert titles(catalogue) == ["Charlie"]
    assert catalogue.sort == "relevance"
    assert counts(catalogue, "country")["england"] == 1


def test_sort_by_recently_reviewed_puts_unreviewed_last(client, catalogue_index, four_cases):
    import datetime

    for name, day in (("A", 1), ("C", 20)):
        page = four_cases[name]
        page.last_reviewed = datetime.date(2025, 1, day)
        page.save()
    _, catalogue = get_catalogue(client, catalogue_index, "?sort=reviewed")
    assert titles(catalogue) == ["Charlie", "Alpha", "Bravo", "Delta"]


def test_empty_result_explains_itself_and_offers_to_remove_each_filter(
    client, catalogue_index, four_cases
):
    response, catalogue = get_catalogue(
        client, catalogue_index, "?keyword=co-design&country=scotland"
    )
    assert catalogue.total == 0
    html = response.content.decode()
    assert "No case study matches everything you chose" in html
    relax = {f.value_label: (f.remove_url, f.count_without) for f in catalogue.active_filters}
    assert relax["Co-design"][1] == 1  # Scotland alone: Bravo
    assert relax["Scotland"][1] == 2  # Co-design alone: Alpha, Charlie
    assert "country=scotland" in relax["Co-design"][0]
    assert "keyword" not in relax["Co-design"][0]
    assert "Remove “Keyword: Co-design” to see 1 case study" in html


@pytest.mark.parametrize(
    "query",
    [
        "?keyword=no-such-keyword",
        "?principle=networks&strength=abc",
        "?strength=9",
        "?page=9999",
        "?page=abc",
        "?sort=bogus",
        "?depth=deep&sector=nowhere&client_group=x&country=mars&evaluated=maybe",
        "?principle=%00&q=%22%27()*",
        "?keyword=" + "x" * 5000,
    ],
)
def test_bad_filter_values_give_a_clean_page(client, catalogue_index, four_cases, query):
    response = client.get(catalogue_index.url + query)
    assert response.status_code == 200
    catalogue = response.context["catalogue"]
    # Bad values are left out, not applied: every case study, or (for "principle=networks" with
    # a bad strength) the three that show networks at the default strength, any rating.
    assert catalogue.total in (4, 3)


def test_bad_values_are_reported_to_the_visitor(client, catalogue_index, four_cases):
    response, catalogue = get_catalogue(
        client, catalogue_index, "?keyword=nonsense&strength=abc&page=9999"
    )
    assert catalogue.total == 4
    assert catalogue.page.number == 1  # the last page there is
    html = response.content.decode()
    assert "were not recognised" in html
    assert "keyword = “nonsense”" in html
    assert "strength = “abc”" in html


def test_listing_pages_fifty_at_a_time(client, catalogue_index):
    for n in range(PER_PAGE + 5):
        CaseStudyPageFactory(parent=catalogue_index, title=f"Case {n:03d}")
    _, catalogue = get_catalogue(client, catalogue_index, "?page=2")
    assert catalogue.total == PER_PAGE + 5
    assert titles(catalogue) == [f"Case {n:03d}" for n in range(PER_PAGE, PER_PAGE + 5)]


# The whole catalogue page renders in at most this many queries, however many case studies there
# are: the catalogue takes under twenty (every facet's counts in one UNION, the
# removal counts in another, taxonomy in 3, themes, funding mechanisms and source reports in one
# each and framework elements in 2, keywords in 1, the result count and the 50 ids shown, those
# pages with their ratings and keywords in 3, the search in 1 or 2); the rest is the site chrome
# (menus, breadcrumbs, language links, settings, site text), which does not depend on the listing.
QUERY_BOUND = 40


@pytest.mark.parametrize("how_many", [PER_PAGE + 10, 3 * PER_PAGE])
def test_listing_renders_in_a_bounded_number_of_queries(
    client, catalogue_index, django_assert_max_num_queries, how_many
):
    sector = SectorFactory(key="mental-health")
    group = ClientGroupFactory(key="carers")
    for n in range(how_many):
        CaseStudyPageFactory(
            parent=catalogue_index,
            ratings={"networks": n % 4, "assets": 3},
            keywords=["Peer Support", f"Keyword {n % 7}"],
            sector=sector,
            client_groups=[group],
        )
    client.get(catalogue_index.url)  # warm the site-root cache, as on a running site
    for query in ("", "?keyword=peer-support&principle=assets&depth=intermediate", "?q=case"):
        with django_assert_max_num_queries(QUERY_BOUND):
            response = client.get(catalogue_index.url + query)
        assert response.status_code == 200
        assert len(response.context["catalogue"].pages) == PER_PAGE
    # Its exports hold every result, in a number of queries that does not grow with them either.
    for export in ("csv", "json", "rss"):
        with django_assert_max_num_queries(QUERY_BOUND):
            response = client.get(catalogue_index.url, {"format": export})
            body = b"".join(response.streaming_content) if response.streaming else response.content
        if export == "json":
            assert len(json.loads(body)) == how_many


@pytest.mark.parametrize(
    "query, statements",
    [
        # the facet counts (the matches worked out once for all facets) and the ranked page
        ("?q=alpha", 2),
        # the facet counts, then the page sorted by title and its count
        ("?q=alpha&sort=title", 3),
    ],
)
def test_a_catalogue_search_runs_its_full_text_match_once_per_statement_kind(
    client, catalogue_index, four_cases, query, statements
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    match = "@@" if connection.vendor == "postgresql" else " MATCH "
    with CaptureQueriesContext(connection) as queries:
        _, catalogue = get_catalogue(client, catalogue_index, query)

    assert titles(catalogue) == ["Alpha"]
    assert catalogue.total == 1
    assert counts(catalogue, "country")["england"] == 1
    assert counts(catalogue, "client_group") == {"older-people": 1, "carers": 0}
    searches = [query["sql"] for query in queries if match in query["sql"]]
    assert len(searches) == statements, searches


def test_relevance_pages_are_the_same_whether_or_not_the_ranked_window_holds_them(
    client, catalogue_index, four_cases, monkeypatch, uncached
):
    """Pages within the ranked window come from its ids; beyond it, from the search itself."""
    monkeypatch.setattr("casestudies.filters.PER_PAGE", 2)

    def pages_with_window(window):
        monkeypatch.setattr("search.backends.RANKED_WINDOW", window)
        return [
            titles(get_catalogue(client, catalogue_index, f"?q=service&page={number}")[1])
            for number in (1, 2)
        ]

    whole = pages_with_window(1000)
    assert sorted(whole[0] + whole[1]) == ["Alpha", "Bravo", "Charlie", "Delta"]
    assert pages_with_window(1) == whole  # neither page in the window
    assert pages_with_window(3) == whole  # the second page only partly in it


def test_the_catalogue_exports_its_filtered_results_with_their_ratings_in_its_order(
    client, catalogue_index, four_cases
):
    response = client.get(
        catalogue_index.url, {"principle": "networks", "strength": "2", "format": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert [row["title"] for row in rows] == ["Alpha", "Bravo", "Charlie"]
    assert sorted(rows[0]["principles"].split("; ")) == ["assets=1", "networks=3"]
    assert sorted(rows[0]["keywords"].split("; ")) == ["Co-design", "Peer Support"]
    assert rows[1]["evaluated"] == "no" and rows[1]["country"] == "scotland"
    assert rows[2]["depth"] == "transformative" and rows[2]["sector"] == "adult-social-care"


def test_a_search_in_the_catalogue_ranks_best_match_first_unless_an_order_is_chosen(
    client, catalogue_index, four_cases
):
    response, catalogue = get_catalogue(client, catalogue_index, "?q=charlie&sort=")
    assert catalogue.sort == "relevance"
    html = response.content.decode()
    # The default order's option sends no value, so words typed into a title-ordered
    # listing are ranked; a chosen order is kept in the pages' links.
    assert '<option value="" selected>Best match</option>' in html
    _, catalogue = get_catalogue(client, catalogue_index, "?sort=reviewed")
    assert catalogue.sort == "reviewed"
    assert "sort=reviewed" in catalogue.url(page=2)
