"""PostgreSQL full-text matching that uses the search index's GIN indexes.

The stock backend matches `(title || body) @@ query`: the two indexed vectors are joined for every
index entry before matching, which no index can answer, so every search reads every entry (about
0.1 s a query on 20,000 pages, and a search page asks several times). Here the same search also
asks, for each word, for entries with the word in their title or in their body: each of those is a
GIN index lookup, and a page can only match the joined vectors if every word (or, for "any word",
some word) is in its title or body. The stock condition still decides, on the few entries left.
Only for plain words over the whole index (what the hub's search pages send); anything else is the
stock backend's. Import this module only on PostgreSQL.
"""

import re
from copy import copy
from functools import reduce
from operator import and_, or_

from django.db import connections
from django.db.models import Count, Func, IntegerField, Q, Window
from django.db.models.functions import Cast
from django.db.models.sql import Query
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.window import WindowedResults


class IndexedMatchQueryCompiler(PostgresSearchQueryCompiler):
    def indexed_condition(self, config):
        """Q narrowing the queryset to objects whose index entry could match, or None."""
        query = self.query
        if not isinstance(query, PlainText) or self.fields is not None:
            return None
        key = self.queryset.model._meta.pk
        while key.is_relation:  # a page type's key is its link to the base page
            key = key.target_field
        if not isinstance(key, IntegerField):
            return None  # index entries name objects by text; only integer keys are cast back
        words = [word for word in re.split(r"[\s\-]+", query.query_string) if word]
        if not words:
            return None

        tsqueries = [self.build_tsquery(PlainText(word), config=config) for word in words]
        # A stop word ("for") gives an empty query and a word such as "carer's" more than one
        # lexeme: neither can say where a match must be, so neither may narrow the search.
        single = [tsquery for tsquery, nodes in self.nodes(tsqueries) if nodes == 1]
        if not single or (query.operator == "or" and len(single) < len(tsqueries)):
            return None

        def in_title_or_body(tsquery):
            return Q(title=tsquery) | Q(body=tsquery)

        combine = and_ if query.operator == "and" else or_
        entries = IndexEntry.objects.filter(
            reduce(combine, (in_title_or_body(tsquery) for tsquery in single)),
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
        )
        return Q(pk__in=entries.values(object_pk=Cast("object_id", IntegerField())))

    def nodes(self, tsqueries):
        """(tsquery, how many nodes PostgreSQL parses it into) for each, in one small query.

        Asked beforehand rather than in the search's SQL: there the answer would not be known
        when the query is planned, and the planner could not use the indexes.
        """
        sql_query = Query(IndexEntry)
        compiler = sql_query.get_compiler(using=self.queryset.db)
        parts = [
            compiler.compile(
                Func(tsquery, function="numnode", output_field=IntegerField()).resolve_expression(
                    sql_query
                )
            )
            for tsquery in tsqueries
        ]
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(sql for sql, _params in parts),
                [param for _sql, params in parts for param in params],
            )
            return zip(tsqueries, cursor.fetchone(), strict=True)

    def search(self, config, start, stop, score_field=None, backend=None):
        # The results' count and each slice of them share this compiler: ask about the words
        # (the nodes() query) once per search, not once per count and slice.
        if not hasattr(self, "_indexed") or self._indexed_for != config:
            self._indexed_for, self._indexed = config, self.indexed_condition(config)
        condition = self._indexed
        if condition is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        narrowed = copy(self)
        narrowed.queryset = self.queryset.filter(condition)
        return PostgresSearchQueryCompiler.search(
            narrowed, config, start, stop, score_field=score_field, backend=backend
        )

    def ranked_window(self, config, size):
        """(ids of the `size` best matches, best first; how many objects match), in one statement.

        The count is a window over every match, taken in the pass that ranks them.
        """
        ranked = self.search(config, None, None).annotate(_hub_matches=Window(Count("pk")))
        rows = list(ranked.values_list("pk", "_hub_matches")[:size])
        return [pk for pk, _total in rows], (rows[0][1] if rows else 0)


class IndexedMatchSearchResults(WindowedResults, PostgresSearchResults):
    pass


class IndexedMatchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedMatchQueryCompiler
    results_class = IndexedMatchSearchResults
