"""The hub's database backend ranks as Wagtail's does, with one full-text query per search."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = pytest.mark.django_db

STOCK = "wagtail.search.backends.database"


@pytest.fixture
def sqlite_only():
    # On PostgreSQL the hub uses Wagtail's backend as is: comparing it with itself proves nothing.
    if connection.vendor != "sqlite":
        pytest.skip("the hub's own ranking runs on SQLite only")


@pytest.fixture
def pages(site_tree):
    """Pages where the query words appear more or less often, in title and description."""
    made = []
    for number in range(30):
        words = " ".join(["peer"] * (number % 4 + 1) + ["support"] * (number % 3))
        page = Page(title=f"Guide {number} {words}", search_description=f"About {words}")
        site_tree.add_child(instance=page)
        page.save_revision().publish()
        made.append(page)
    return made


def test_it_is_the_backend_in_use():
    backend = type(get_search_backend()).__name__
    if connection.vendor == "sqlite":
        assert backend == "RankOnceSQLiteSearchBackend"
    else:  # PostgreSQL: Wagtail's own backend, unchanged
        assert backend == "PostgresSearchBackend"


@pytest.mark.parametrize("query", ["peer", "peer support", "support", "guide peer", "nothing"])
@pytest.mark.parametrize("window", [(0, 10), (10, 20), (25, 40)])
def test_same_results_in_the_same_order_as_wagtail(sqlite_only, pages, query, window):
    queryset = Page.objects.live().filter(depth__gt=2)
    start, stop = window

    ours = [page.pk for page in queryset.search(query)[start:stop]]
    stock = [page.pk for page in queryset.search(query, backend=STOCK)[start:stop]]

    assert ours == stock
    assert queryset.search(query).count() == queryset.search(query, backend=STOCK).count()


@pytest.mark.parametrize("query", ["peer", "peer support", "nothing"])
def test_whole_lists_counts_and_facets_match_wagtail(sqlite_only, pages, query):
    queryset = Page.objects.live().filter(depth__gt=2)
    ours, stock = queryset.search(query), queryset.search(query, backend=STOCK)

    assert [page.pk for page in ours] == [page.pk for page in stock]
    assert ours.count() == stock.count()
    assert ours.facet("content_type_id") == stock.facet("content_type_id")
    specific = [type(page) for page in queryset.specific().search(query)[:3]]
    assert specific == [type(page.specific) for page in stock[:3]]


def test_filters_on_the_queryset_still_apply(pages):
    Page.objects.get(pk=pages[0].pk).unpublish()
    found = {page.pk for page in Page.objects.live().search("peer")[:50]}
    assert pages[0].pk not in found
    assert len(found) == 29


def test_one_full_text_query_per_page_of_results(pages, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert len(list(Page.objects.live().search("peer support")[:10])) == 10
