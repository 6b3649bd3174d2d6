"""PostgreSQL full-text matching that uses the search index's GIN indexes.

The stock backend matches `(title || body) @@ query`: the two indexed vectors are joined for every
index entry before matching, which no index can answer, so every search reads every entry (about
0.1 s a query on 20,000 pages, and a search page asks several times). Here the same matches are
found through the GIN indexes of the title and the body (IndexedMatchQueryCompiler.narrowing),
ranked as the stock backend ranks them, so results come in the same order, and a search page's
matches are counted and ranked in one statement (ranked_window). Only for plain words over the
whole index, alone or combined by And and Or (what the hub's search pages send, an editor's
synonyms included); anything else is the stock backend's. Import this module only on PostgreSQL.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, IntegerField, Q, TextField
from django.db.models.functions import Cast
from django.db.models.sql import Query
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, Or, PlainText
from modelsearch.utils import ADD, MUL, get_descendants_content_types_pks

from hub.listing.counting import materialized
from search.window import WindowedResults


class ParsedQuery(SearchQuery):
    """A tsquery from its text as PostgreSQL prints it: a constant, read once when planned."""

    template = "(%(expressions)s)::tsquery"


def parsed_tsquery(text):
    return ParsedQuery(text, search_type="raw")  # the type is unused: the template casts


@dataclass
class Narrowing:
    """What the GIN indexes say about a search: see IndexedMatchQueryCompiler.narrowing()."""

    entries: object  # the index entries that match (a queryset)
    query: object  # the whole search, parsed (parsed_tsquery)
    # Each plain-text part of the search (the whole of a plain search) as PostgreSQL parses it
    # (tsquery text), by the part's id(), for ranking (IndexedMatchQueryCompiler.rank()).
    parsed_parts: dict

    @property
    def condition(self):
        """Q for the objects of those entries."""
        return Q(pk__in=self.entries.values(object_pk=Cast("object_id", IntegerField())))


def _plain_texts(query):
    """The PlainText parts of a search made of plain texts combined by And and Or, in order;
    None for any other search (a phrase, a boost, a fuzzy search...)."""
    if isinstance(query, PlainText):
        return [query]
    if not isinstance(query, And | Or):
        return None
    parts = [_plain_texts(subquery) for subquery in query.subqueries]
    if not parts or None in parts:
        return None
    return [leaf for part in parts for leaf in part]


class IndexedMatchQueryCompiler(PostgresSearchQueryCompiler):
    def narrowing(self, config):
        """A Narrowing of this search by the indexed title and body, or None.

        The stock condition, (title || body) @@ query, joins the two vectors of every entry
        before matching, which no index can answer. An entry matches it exactly when its body
        matches the query, or when its title holds one of the query's words and the joined
        vectors match: without any of the words in its title, title || body matches as its body
        does. Both are GIN index lookups (body @@ query; title @@ any word), and the joined
        vectors are matched only for entries with a word in their title. For a search of plain
        words, alone or combined by And and Or (an editor's synonyms turn "social prescribing"
        into Or("social prescribing", "community referral"), search/synonyms.py).
        """
        leaves = _plain_texts(self.query)
        if self.fields is not None or leaves is None:
            return None
        key = self.queryset.model._meta.pk
        while key.is_relation:  # a page type's key is its link to the base page
            key = key.target_field
        if not isinstance(key, IntegerField):
            return None  # index entries name objects by text; only integer keys are cast back
        # The whole search and each plain-text part, parsed in one query.
        whole, *parts = self.parse(
            [self.build_tsquery(query, config=config) for query in (self.query, *leaves)]
        )
        words = set(re.findall(r"'(?:[^']|'')*'", whole))  # PostgreSQL quotes every lexeme
        if not words:
            return None  # only stop words: the stock search finds nothing, and says why
        query = parsed_tsquery(whole)
        any_word = parsed_tsquery(" | ".join(sorted(words)))
        joined = F("title")._combine(F("body"), "||", False)
        entries = IndexEntry.objects.annotate(_hub_vector=joined).filter(
            Q(body=query) | Q(title=any_word, _hub_vector=query),
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
        )
        parsed_parts = {id(leaf): text for leaf, text in zip(leaves, parts, strict=True)}
        return Narrowing(entries, query, parsed_parts)

    def parse(self, tsqueries):
        """[each tsquery as PostgreSQL parses it, as text], in one query.

        Asked beforehand rather than in the search's SQL: there the answers would not be known
        when the query is planned, and the planner could not use the indexes. And the ranking
        then uses the parsed query (see parsed_tsquery), not a to_tsquery() call, which
        PostgreSQL would repeat for every index entry it ranks.
        """
        parts = [self.compiled(Cast(tsquery, TextField())) for tsquery in tsqueries]
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(sql for sql, _params in parts),
                [param for _sql, params in parts for param in params],
            )
            return list(cursor.fetchone())

    def search(self, config, start, stop, score_field=None, backend=None):
        narrowing = self.indexed(config)
        if narrowing is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        # The stock search, with the narrowing for its condition on title || body.
        vectors = self.get_search_vectors(self.build_tsquery(self.query, config=config))
        rank = self._build_rank_expression(vectors, config)
        return self._apply_ordering_and_scoring(
            self.queryset.filter(narrowing.condition), rank, start, stop, score_field
        )

    def indexed(self, config):
        """narrowing(config), asked once per search.

        The results' count and each slice of them share this compiler: the words are looked at
        (the parse() query) once, not once per count and slice.
        """
        indexed = getattr(self, "_indexed", None)
        if indexed is None or indexed[0] != config:
            indexed = self._indexed = (config, self.narrowing(config))
        return indexed[1]

    def ranked_window(self, config, size, counted=None):
        """(ids of the `size` best matches, best first; how many objects match), in one statement.

        With `counted`, at most `counted` + 1 matches are counted and ranked: past that the total
        is `counted` + 1 ("more than `counted`"), and the best of those are shown. Pages with
        every word in their title come first (the ranking weighs titles most), then the others
        in the order the indexes give them. PostgreSQL has no index that finds the best matches
        first, so ranking every match of a broad search grows with the site: "time bank older
        people" took 1.4 s among the 85,163 matches of 100,000 pages (docs/performance.md).
        The matches are ranked from the index entries, as the stock backend ranks them, in
        materialised CTEs: planned for every row, not for the first `size` (under a LIMIT
        PostgreSQL may plan a loop that pays for every row anyway). None for a search that is
        not narrowed by the indexes (see search()).
        """
        narrowing = self.indexed(config)
        if narrowing is None:
            return None
        hits = narrowing.entries.annotate(object_pk=Cast("object_id", IntegerField())).filter(
            object_pk__in=self.queryset.order_by().values("pk")
        )
        if size:
            # The stock ranking (get_index_vectors, build_tsrank), each part's query parsed once,
            # of each match as it is found.
            rank = self.rank(F("title"), self.query, narrowing) * F("title_norm") + (
                self.rank(F("body"), self.query, narrowing) * 1.0
            )
            hits = hits.annotate(hit_score=rank).values_list("object_pk", "hit_score")
        else:  # a count: nothing to rank
            hits = hits.values_list("object_pk")
        connection = connections[self.queryset.db]
        keyword = materialized(connection)
        # Django-compiled SQL throughout; every value is a parameter.
        if counted is None:
            hits_sql, params = hits.query.sql_with_params()
            ctes = f"hits AS {keyword}({hits_sql})"
        else:
            # Each part planned for its own LIMIT; a part is read only as far as it is needed.
            titled = hits.filter(title=narrowing.query)[: counted + 1]
            others = hits.exclude(title=narrowing.query)[: counted + 1]
            titled_sql, titled_params = titled.query.sql_with_params()
            others_sql, others_params = others.query.sql_with_params()
            ctes = (
                f"titled AS {keyword}({titled_sql}), others AS {keyword}({others_sql}), "  # noqa: S608
                f"hits AS {keyword}(SELECT * FROM titled UNION ALL SELECT * FROM others LIMIT %s)"
            )
            params = (*titled_params, *others_params, counted + 1)
        # Ties go to the newest object, as in the stock backend.
        select = "SELECT NULL, COUNT(*) FROM hits"
        if size:
            select = (
                "SELECT object_pk, (SELECT COUNT(*) FROM hits) FROM hits "
                "ORDER BY hit_score DESC, object_pk DESC LIMIT %s"
            )
            params = (*params, size)
        with connection.cursor() as cursor:
            cursor.execute(f"WITH {ctes} {select}", params)  # noqa: S608
            rows = cursor.fetchall()
        return [pk for pk, _total in rows if pk is not None], (rows[0][1] if rows else 0)

    def compiled(self, expression):
        """(SQL, params) of an expression over the index entries' table."""
        sql_query = Query(IndexEntry)
        compiler = sql_query.get_compiler(using=self.queryset.db)
        return compiler.compile(expression.resolve_expression(sql_query))

    def rank(self, vector, query, narrowing):
        """The stock ranking of `query` (build_tsrank: And multiplies, Or averages), each plain
        text ranked with its parsed query: as to_tsquery(), PostgreSQL would parse it again for
        every entry ranked."""
        if isinstance(query, PlainText):
            parsed = parsed_tsquery(narrowing.parsed_parts[id(query)])
            return SearchRank(vector, parsed, weights=self.sql_weights)
        ranks = [self.rank(vector, subquery, narrowing) for subquery in query.subqueries]
        if isinstance(query, And):
            return MUL(1 + rank for rank in ranks) - 1
        return ADD(ranks) / len(ranks)


class IndexedMatchSearchResults(WindowedResults, PostgresSearchResults):
    def matching_ids(self):
        """Every match's id, as a subquery (for facets: search.backends.matching_pages)."""
        return self.get_queryset().values("pk")


class IndexedMatchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedMatchQueryCompiler
    results_class = IndexedMatchSearchResults
