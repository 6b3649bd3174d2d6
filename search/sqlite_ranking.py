"""SQLite relevance ranking that stays fast as the site grows (see search/database_backend.py).

The stock backend ranks results with a correlated subquery: for every matching page it runs the
full-text MATCH again to find that page's score, so a common query ("peer support") costs time in
proportion to the square of its matches: about a second at 2,000 pages, minutes at 20,000, and
the same again for every count and facet, which are built on the ranked query. Here the MATCH
runs once: one statement scores every match, applies the page's own filters (live, public,
language), orders and slices in SQL, and returns one page of ids; the pages are then fetched by
id. Counts and facets use the matches without ranking them. Indexing and autocomplete are the
stock backend's.
Import this module only on SQLite: the full-text model it uses exists only there.
"""

from django.db import connections
from django.db.models import F, FloatField, Func
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from hub.listing.counting import materialized
from search.window import WindowedResults

# How much more a word in the title counts than the same word in the body. The stock ranking
# scores the whole entry (title and body) twice, once scaled by the title's shortness: a page
# called "Networks" whose body says "peer support" outranked the toolkit called "Setting up peer
# support". Here the title's score counts words in the title only, weighted as PostgreSQL and the
# engine weigh titles (their boost in search_fields).
TITLE_WEIGHT = 5.0
# bm25() weights, by column of the full-text table (autocomplete, body, title), per vector ranked.
COLUMN_WEIGHTS = {
    "index_entry__title": (0.0, 0.0, TITLE_WEIGHT),
    "index_entry__body": (0.0, 1.0, 0.0),
}


class ColumnBM25(Func):
    """FTS5's bm25() of the MATCH, counting the words found in one column of the entry."""

    output_field = FloatField()

    def __init__(self, weights):
        super().__init__()
        self.weights = weights

    def as_sql(self, compiler, connection, **extra_context):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, %s, %s, %s)", list(self.weights)


class TitleWeightedRanking:
    """Mixed into a SQLite search query compiler: titles ranked by their own words (see above)."""

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """bm25() of the whole MATCH in the vector's column, whatever the query's shape.

        FTS5's bm25() already scores every phrase of the MATCH expression. The stock ranking of
        an And multiplies (1 + bm25) of its parts, but bm25 is negative (lower is better), so a
        query expanded with synonyms (search/synonyms.py) was ranked nearly backwards.
        """
        rank = ColumnBM25(COLUMN_WEIGHTS.get(getattr(vector, "name", None), (0.0, 1.0, 1.0)))
        return rank * boost if boost != 1.0 else rank


class RankOnceSearchQueryCompiler(TitleWeightedRanking, SQLiteSearchQueryCompiler):
    def can_rank_once(self, score_field=None):
        query = normalize(self.query)
        return not isinstance(query, MatchAll | Not) and score_field is None

    def search(self, config, start, stop, score_field=None):
        if stop is None and start in (None, 0) and self.can_rank_once(score_field):
            # Everything that matches, unranked: what counting and facets need.
            return self.queryset.filter(pk__in=self.matching_ids(config))
        return super().search(config, start, stop, score_field=score_field)

    def ranked_window(self, config, size, counted=None):
        """(ids of the `size` best matches, best first; how many objects match), in one statement.

        With `counted`, a total past it is given as `counted` + 1, as PostgreSQL gives it (which
        stops counting there); SQLite, the small sites' database, counts every match anyway.
        None for a query that is not ranked here (everything, or nothing).
        """
        if not self.can_rank_once():
            return None
        rows = self.ranked_rows(config, 0, max(size, 1))  # each row has the total: one at least
        total = rows[0][1] if rows else 0
        if counted is not None:
            total = min(total, counted + 1)
        return [object_pk for object_pk, _total in rows[:size]], total

    def ranked_ids(self, config, start, stop):
        """Ids of the matching objects from `start` to `stop`, best first."""
        return [object_pk for object_pk, _total in self.ranked_rows(config, start, stop)]

    def ranked_rows(self, config, start, stop):
        """(id, number of matches) of the matching objects from `start` to `stop`, best first.

        The scored hits are a materialised CTE, so the MATCH runs once and is never re-planned
        as a loop; the queryset's own filters and the ordering and slicing run on them in SQL,
        so only one page of ids comes back to Python, however many objects match. The number
        of matches is a window over all of them, counted in the same pass.
        """
        scored = (
            SQLiteFTSIndexEntry.objects.filter(self.match_expression(config))
            .annotate(
                hit_object=F("index_entry__object_id"),
                hit_type=F("index_entry__content_type_id"),
                hit_score=self._build_rank_expression(self.get_search_vectors(), config),
            )
            .values_list("hit_object", "hit_type", "hit_score")
        )
        hits_sql, hits_params = scored.query.sql_with_params()
        connection = connections[self.queryset.db]
        allowed_sql, allowed_params = self.queryset.order_by().values("pk").query.sql_with_params()
        content_types = list(get_descendants_content_types_pks(self.queryset.model))
        # bm25() is lower for better matches; ties go to the newest object, as in the stock backend.
        sql = (
            f"WITH hits AS {materialized(connection)}({hits_sql}) "  # noqa: S608 (Django-compiled SQL, values are parameters)
            "SELECT CAST(hit_object AS INTEGER) AS object_pk, COUNT(*) OVER () FROM hits "
            f"WHERE hit_type IN ({', '.join(['%s'] * len(content_types))}) "
            f"AND CAST(hit_object AS INTEGER) IN ({allowed_sql}) "
            "ORDER BY hit_score, object_pk DESC LIMIT %s OFFSET %s"
        )
        limit = -1 if stop is None else stop - (start or 0)  # SQLite: -1 is no limit
        params = (*hits_params, *content_types, *allowed_params, limit, start or 0)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def match_expression(self, config):
        search_query = self.build_search_query(normalize(self.query), config=config)
        return MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)

    def matching_ids(self, config):
        """The ids of the matching objects, as a subquery.

        In two steps: the full-text hits first, then their content types. Asked in one step,
        SQLite's planner walks the index entries of the content types and runs the MATCH once
        for each (seconds for a common word on 20,000 pages, instead of a tenth of one).
        """
        hits = SQLiteFTSIndexEntry.objects.filter(self.match_expression(config))
        return IndexEntry.objects.filter(
            pk__in=hits.values("index_entry_id"),
            content_type__in=get_descendants_content_types_pks(self.queryset.model),
        ).values("object_id")


class RankOnceSearchResults(WindowedResults, SQLiteSearchResults):
    def matching_ids(self):
        """The ids of every match, as a subquery (for facets: see search.facets).

        Unsliced, the compiler's search is the unranked two-step subquery of matching_ids().
        """
        return self.get_queryset().values("pk")

    def _do_search(self):
        compiler = self.query_compiler
        ranks_once = isinstance(compiler, RankOnceSearchQueryCompiler)  # not for autocomplete
        if not (ranks_once and compiler.order_by_relevance) or not compiler.can_rank_once(
            self._score_field
        ):
            return super()._do_search()
        ids = self.window_ids()
        if ids is None:
            ids = compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)
        return self.in_order(ids)


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceSearchQueryCompiler
    results_class = RankOnceSearchResults
