"""The hub's database backend finds and ranks as Wagtail's does, with less work per search.

On SQLite it ranks with one full-text query per search; on PostgreSQL it narrows the match with
the search index's GIN indexes. Both are compared with Wagtail's stock backend on the same index
(on SQLite, the stock backend given the hub's title weighting, the one intended difference).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string
from django.utils.text import slugify
from modelsearch.query import And, Or, PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.window import ranked_window

# These tests look inside the search and its rendering (context, engine connections), so each
# request must really be served: the page cache (tested in tests/hub/test_page_cache.py) is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

STOCK = "wagtail.search.backends.database"


def stock_backend():
    """Wagtail's stock database backend; on SQLite, ranking titles as the hub does.

    search/sqlite_ranking.py weighs a title's own words (Wagtail's SQLite ranking weighs the
    whole entry by the title's shortness): that is meant, so the stock algorithm (a ranked
    subquery a match) is given the same weighting, and everything else must agree.
    """
    backend = get_search_backend(STOCK)
    if connection.vendor == "sqlite":
        # Imported only on SQLite: the module builds on SQLite's full-text model.
        ranking = import_string("search.sqlite_ranking.TitleWeightedRanking")
        backend.query_compiler_class = type(
            "TitleWeightedStockCompiler", (ranking, backend.query_compiler_class), {}
        )
    return backend


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
    else:
        # The GIN-indexed matching, with each language's text search configuration
        assert backend == "PerLanguagePostgresSearchBackend"


@pytest.mark.parametrize("query", ["peer", "peer support", "support", "guide peer", "nothing"])
@pytest.mark.parametrize("window", [(0, 10), (10, 20), (25, 40)])
def test_same_results_in_the_same_order_as_wagtail(pages, query, window):
    queryset = Page.objects.live().filter(depth__gt=2)
    start, stop = window

    ours = [page.pk for page in queryset.search(query)[start:stop]]
    stock = [page.pk for page in stock_backend().search(query, queryset)[start:stop]]

    assert ours == stock
    assert queryset.search(query).count() == stock_backend().search(query, queryset).count()


@pytest.mark.parametrize("query", ["peer", "peer support", "nothing"])
def test_whole_lists_counts_and_facets_match_wagtail(pages, query):
    queryset = Page.objects.live().filter(depth__gt=2)
    ours, stock = queryset.search(query), stock_backend().search(query, queryset)

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


@pytest.mark.parametrize(
    "query, operator, expected",
    [
        ("harbour lantern", "and", {"both in the title", "one in each field"}),
        ("harbour lantern", "or", {"both in the title", "one in each field", "title only"}),
        # SQLite reads a hyphenated pair as a phrase, PostgreSQL as two words: only agreement
        # with the stock backend is asserted.
        ("harbour-lantern", "and", None),
        # A stop word (PostgreSQL drops it) and a word that splits into more than one lexeme.
        ("harbour for the lantern", "and", None),
        ("harbour's lantern", "and", None),
        ("harbour lantern_door", "or", None),  # 'lantern' <-> 'door': the stock match decides
        ("harbour beacon", "and", set()),
    ],
)
def test_words_split_between_title_and_body_match_as_in_wagtail(
    site_tree, query, operator, expected
):
    # PostgreSQL looks the search up in the body's index and its words in the title's; a page
    # with one word in each must still match every word, as with the stock backend.
    from toolkits.models import ToolkitPage

    if connection.vendor == "postgresql":
        # As on most production clusters (the test cluster's default is "simple"): English
        # drops stop words such as "for" from a query, and stems the rest.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL default_text_search_config = 'pg_catalog.english'")
    for title, summary in [
        ("Harbour lantern: both in the title", "Nothing else here."),
        ("Harbour: one in each field", "A lantern by the door."),
        ("Harbour: title only", "Nothing else here."),
    ]:
        page = ToolkitPage(title=title, slug=slugify(title), summary=summary)
        site_tree.add_child(instance=page)
        page.save_revision().publish()
    queryset = ToolkitPage.objects.live()

    def found(backend=None):
        results = queryset.search(query, operator=operator, backend=backend or "default")
        return {page.title.partition(": ")[2] for page in results}

    assert found() == found(STOCK)
    if expected is not None:
        assert found() == expected


def test_postgresql_matches_through_the_indexed_title_and_body(site_tree):
    # The stock match joins title and body for every index entry, which no index can answer;
    # the hub's asks the body's index for the whole search and the title's for any of its words,
    # and joins the vectors only for entries with a word in their title. (That it finds what
    # Wagtail finds, words split between title and body included, is tested above.)
    if connection.vendor != "postgresql":
        pytest.skip("the GIN-indexed narrowing is PostgreSQL's")
    for query in ["peer support", "peer_support network"]:
        sql = str(Page.objects.live().search(query).get_queryset().query)
        assert '"body" @@' in sql and '"title" @@' in sql, query
    stock_sql = str(Page.objects.live().search("peer support", backend=STOCK).get_queryset().query)
    assert '"body" @@' not in stock_sql


def test_postgresql_keeps_the_index_vectors_in_their_rows():
    # Matching and ranking read the vectors of most entries; out of line (TOAST), each costs a
    # lookup of its own (search/migrations/0002_index_vectors_inline.py).
    if connection.vendor != "postgresql":
        pytest.skip("column storage is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute "
            "WHERE attrelid = 'wagtailsearch_indexentry'::regclass "
            "AND attname IN ('title', 'body', 'body_text')"
        )
        storage = dict(cursor.fetchall())
    # 'm': compressed in the row if need be, moved out only as a last resort; 'x': either.
    assert storage == {"title": "m", "body": "m", "body_text": "x"}


def test_sqlite_before_materialized_ctes_gives_the_same_answers(pages, monkeypatch):
    # Django 5.2 runs on SQLite 3.31; the MATERIALIZED keyword came in 3.35 and is a syntax error
    # before it. The ranking and the facet counts must then run without it, with the same answers.
    from hub.listing import counting as sql
    from search.facets import facet_counts

    queryset = Page.objects.live().filter(depth__gt=2)

    def answers():
        ranked = [page.pk for page in queryset.search("peer support")[:10]]
        return ranked, facet_counts(queryset, {})

    expected = answers()
    monkeypatch.setattr(sql.sqlite3, "sqlite_version_info", (3, 34, 1))
    keyword = "" if connection.vendor == "sqlite" else "MATERIALIZED "
    assert sql.materialized(connection) == keyword
    assert answers() == expected
    assert expected[1]["type"]  # the counts were really counted


def test_postgresql_asks_about_the_words_once_per_search(pages):
    # Counting the results and fetching a page of them share one question about the words.
    if connection.vendor != "postgresql":
        pytest.skip("the GIN-indexed narrowing is PostgreSQL's")
    results = Page.objects.live().search("peer support")
    with CaptureQueriesContext(connection) as queries:
        assert results.count() == 20  # the pages with both words
        assert len(list(results[:10])) == 10
        assert len(list(results[10:20])) == 10
    parsing = [
        query["sql"]
        for query in queries.captured_queries
        if "to_tsquery" in query["sql"] and "wagtailsearch_indexentry" not in query["sql"]
    ]
    assert len(parsing) == 1


@pytest.mark.parametrize("window", [5, 100])
def test_a_ranked_window_answers_counts_and_slices_as_wagtail_does(pages, window):
    """After ranked_window(), counts and slices, within the window or past it, are unchanged."""
    ours = Page.objects.live().search("peer")
    ids, total = ranked_window(ours, window)
    stock = stock_backend().search("peer", Page.objects.live())

    assert total == stock.count() == 30
    assert ids == [page.pk for page in stock[:window]]
    for start, stop in [(0, 3), (3, 8), (25, None), (40, None)]:
        assert ours[start:stop].count() == stock[start:stop].count(), (start, stop)
        assert [p.pk for p in ours[start:stop]] == [p.pk for p in stock[start:stop]], (start, stop)


def test_a_search_page_counts_and_ranks_a_bounded_number_of_matches(site_tree):
    """On PostgreSQL, past `counted` matches a ranked window stops: its total says "more than
    `counted`", and pages with every word in their title are ranked before any other match."""
    from toolkits.models import ToolkitPage

    if connection.vendor != "postgresql":
        pytest.skip("SQLite counts and ranks every match (the small sites' database)")
    made = []
    # Body matches first, so that the order the indexes give puts the titled ones last.
    for number in range(15):
        made.append((f"Guide {number}", "How peer support works."))
    for number in range(5):
        made.append((f"Peer support {number}", "Nothing else here."))
    for title, summary in made:
        page = ToolkitPage(title=title, slug=slugify(title), summary=summary)
        site_tree.add_child(instance=page)
        page.save_revision().publish()
    queryset = ToolkitPage.objects.live()
    stock = [page.pk for page in stock_backend().search("peer support", queryset)]
    titled = {page.pk for page in queryset.filter(title__startswith="Peer support")}
    assert len(stock) == 20

    ids, total = ranked_window(queryset.search("peer support"), 20, counted=8)

    assert total == 9  # more than 8
    assert len(ids) == 9 and titled <= set(ids)
    assert ids == sorted(ids, key=stock.index)  # in Wagtail's order, among those counted
    # Unbounded, as the listings ask: every match, in Wagtail's order, even from results whose
    # window was counted up to 8 before.
    results = queryset.search("peer support")
    assert ranked_window(results, 20, counted=8)[1] == 9
    assert ranked_window(results, 20) == (stock, 20)
    assert results.count() == 20
    assert ranked_window(queryset.search("peer support"), 0, counted=8) == ([], 9)


def test_a_ranked_window_of_a_queryset_that_allows_nothing_is_empty(pages):
    # An empty list of allowed ids (Elasticsearch's, when the page falls back to the database)
    # cannot be written as SQL: Django raises EmptyResultSet when compiling it.
    results = Page.objects.live().filter(pk__in=[]).search("peer")
    assert ranked_window(results, 10) == ([], 0)
    assert results.count() == 0


# What search/synonyms.py makes of a search with an editor's synonyms in it.
SYNONYM_SEARCHES = {
    "a term or its synonym": Or([PlainText("peer support"), PlainText("guide")]),
    "a word and a term or its synonym": And(
        [PlainText("guide"), Or([PlainText("peer"), PlainText("support")])]
    ),
    "any word or a synonym": Or([PlainText("support guide", operator="or"), PlainText("peer")]),
    # A word of two lexemes ('peer' & 'support' on PostgreSQL).
    "with a word of two lexemes": And(
        [PlainText("guide"), Or([PlainText("peer_support"), PlainText("about")])]
    ),
}


@pytest.mark.parametrize("name", SYNONYM_SEARCHES)
def test_searches_with_synonyms_find_and_rank_as_wagtail_does(pages, name):
    query = SYNONYM_SEARCHES[name]
    queryset = Page.objects.live().filter(depth__gt=2)
    ours = queryset.search(query)
    stock = stock_backend().search(query, queryset)

    ids, total = ranked_window(ours, 100)
    assert total == stock.count() > 0
    assert ids == [page.pk for page in stock[:100]]
    assert [page.pk for page in ours[5:15]] == [page.pk for page in stock[5:15]]
    if connection.vendor == "postgresql":
        # Matched through the GIN-indexed columns: with Wagtail's joined vectors alone, such a
        # search read every index entry, three times a search page (seconds at 100,000 pages).
        sql = str(ours.get_queryset().query)
        assert '"body" @@' in sql and '"title" @@' in sql
