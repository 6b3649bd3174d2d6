"""SQLite relevance ranking that stays fast as the site grows (see search/database_backend.py).

The stock backend ranks results with a correlated subquery: for every matching page it runs the
full-text MATCH again to find that page's score, so a common query ("peer support") costs time in
proportion to the square of its matches (about a second at 2,000 pages, far more at 20,000). Here
the MATCH runs once: one query returns every match's score, the page's filters (live, public,
language) are applied in a second query, and only the requested slice is fetched in rank order.
Everything else (indexing, counting, facets, autocomplete) is the stock backend. Import this
module only on SQLite: the full-text model it uses exists only there.
"""

from django.db.models import Case, IntegerField, Value, When
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class RankOnceSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        # The stock path is right (and cheap enough) when nothing is ranked, when the caller
        # wants scores annotated, or when every result is asked for at once (e.g. counting).
        if (
            not self.order_by_relevance
            or score_field is not None
            or stop is None
            or isinstance(query, MatchAll | Not)
        ):
            return super().search(config, start, stop, score_field=score_field)

        matches = self._index_query(query, config).values_list("index_entry__object_id", "score")
        scores = {int(object_id): score for object_id, score in matches}
        allowed = self.queryset.filter(pk__in=list(scores)).values_list("pk", flat=True)
        # bm25() is lower for better matches; ties go to the newest page, as in the stock backend.
        ranked = sorted(allowed, key=lambda pk: (scores[pk], -pk))[start or 0 : stop]
        if not ranked:
            return self.queryset.none()
        order = Case(
            *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked)],
            output_field=IntegerField(),
        )
        return self.queryset.filter(pk__in=ranked).annotate(_rank=order).order_by("_rank")

    def _index_query(self, query, config):
        """Index entries matching the query, with their bm25 score (as the stock search builds)."""
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
        )


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceSearchQueryCompiler
