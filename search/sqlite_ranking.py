"""SQLite relevance ranking that stays fast as the site grows (see search/database_backend.py).

The stock backend ranks results with a correlated subquery: for every matching page it runs the
full-text MATCH again to find that page's score, so a common query ("peer support") costs time in
proportion to the square of its matches: about a second at 2,000 pages, minutes at 20,000, and
the same again for every count and facet, which are built on the ranked query. Here the MATCH
runs once: one query returns every match's score, the page's own filters (live, public,
language) are applied in a second, the pages are ordered in Python and fetched by id. Counts and
facets use the matches without ranking them. Indexing and autocomplete are the stock backend's.
Import this module only on SQLite: the full-text model it uses exists only there.
"""

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


class RankOnceSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def can_rank_once(self, score_field=None):
        query = normalize(self.query)
        return not isinstance(query, MatchAll | Not) and score_field is None

    def search(self, config, start, stop, score_field=None):
        if stop is None and start in (None, 0) and self.can_rank_once(score_field):
            # Everything that matches, unranked: what counting and facets need.
            return self.queryset.filter(pk__in=self.matching_ids(config))
        return super().search(config, start, stop, score_field=score_field)

    def ranked_ids(self, config, start, stop):
        """Ids of the matching objects from `start` to `stop`, best first."""
        # The content types are checked here rather than in SQL: with that condition SQLite's
        # planner loops over the index entries and runs the MATCH once for each of them.
        content_types = set(get_descendants_content_types_pks(self.queryset.model))
        scored = (
            SQLiteFTSIndexEntry.objects.filter(self.match_expression(config))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .values_list("index_entry__object_id", "index_entry__content_type_id", "score")
        )
        scores = {
            int(object_id): score
            for object_id, content_type, score in scored
            if content_type in content_types
        }
        allowed = self.queryset.filter(pk__in=list(scores)).values_list("pk", flat=True)
        # bm25() is lower for better matches; ties go to the newest object, as in the stock backend.
        return sorted(allowed, key=lambda pk: (scores[pk], -pk))[start or 0 : stop]

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


class RankOnceSearchResults(SQLiteSearchResults):
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
        ids = compiler.ranked_ids(compiler.get_config(self.backend), self.start, self.stop)
        objects = compiler.queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceSearchQueryCompiler
    results_class = RankOnceSearchResults
