"""PostgreSQL full-text matching that uses the search index's GIN indexes.

The stock backend matches `(title || body) @@ query`: the two indexed vectors are joined for every
index entry before matching, which no index can answer, so every search reads every entry (about
0.1 s a query on 20,000 pages, and a search page asks several times). Here the same search also
asks, for each word, for entries with the word in their title or in their body: each of those is a
GIN index lookup, and a page can only match the joined vectors if every word (or, for "any word",
some word) is in its title or body. When each word is one lexeme (almost every search), that is
exactly the stock condition, which is then left out: PostgreSQL cannot estimate how many entries
match joined vectors (it guesses one), and on that guess plans loops that re-run the index lookups
for every match (0.2 s for "peer support" on 1,000 pages). Otherwise the stock condition still
decides, on the few entries left. Ranking is the stock backend's, so results come in the same
order. Only for plain words over the whole index, alone or combined by And and Or (what the hub's
search pages send, an editor's synonyms included); anything else is the stock backend's. Import
this module only on PostgreSQL.
"""

import re
from copy import copy
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Func, IntegerField, Q, TextField
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

    entries: object  # the index entries that could match (a queryset)
    exact: bool  # whether exactly those entries match
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


def _in_title_or_body(tsquery):
    return Q(title=tsquery) | Q(body=tsquery)


def _words_condition(leaf, tsqueries, parsed_words, parsed_leaf):
    """(Q on index entries, exact) for one plain text, or None where it cannot narrow.

    A stop word ("for") gives an empty query and a word such as "peer_support" more than one
    lexeme: neither can say where a match must be, so neither may narrow the search. (In a
    search for every word, each word stays a to_tsquery() call: given as constants, they let
    the planner expect fewer matches and scan every entry, not the GIN indexes.)
    """
    counts = [nodes for _text, nodes in parsed_words]
    single = [q for q, nodes in zip(tsqueries, counts, strict=True) if nodes == 1]
    if not single or (leaf.operator == "or" and len(single) < len(tsqueries)):
        return None
    if leaf.operator == "and":
        condition = reduce(and_, (_in_title_or_body(tsquery) for tsquery in single))
    else:
        # Any of the words: the part parsed once, in the title or the body. Many entries match,
        # and a to_tsquery() a word would be parsed again for each of them.
        condition = _in_title_or_body(parsed_tsquery(parsed_leaf[0]))
    # One lexeme a word: the stock query is those lexemes joined by & (or |), and an entry
    # matches title || body exactly when each (or some) lexeme is in its title or body.
    return condition, len(single) == len(tsqueries)


def _combined(query, conditions):
    """(Q, exact) for the whole search from its plain texts' conditions, or None.

    Where every word is one lexeme, an And or Or of the parts' conditions is the stock condition
    exactly. A part that cannot narrow leaves its And broader (the stock condition then decides)
    and its Or unnarrowed.
    """
    if isinstance(query, PlainText):
        return conditions[id(query)]
    parts = [_combined(subquery, conditions) for subquery in query.subqueries]
    known = [part for part in parts if part is not None]
    if not known or (isinstance(query, Or) and len(known) < len(parts)):
        return None
    joined = reduce(and_ if isinstance(query, And) else or_, (q for q, _exact in known))
    return joined, len(known) == len(parts) and all(exact for _q, exact in known)


class IndexedMatchQueryCompiler(PostgresSearchQueryCompiler):
    def narrowing(self, config):
        """A Narrowing of this search by the indexed title and body, or None.

        The search is plain words, or plain words combined by And and Or (an editor's synonyms
        turn "social prescribing" into Or("social prescribing", "community referral"),
        search/synonyms.py): without narrowing, such a search read every entry three times.
        """
        query = self.query
        leaves = _plain_texts(query)
        if self.fields is not None or leaves is None:
            return None
        key = self.queryset.model._meta.pk
        while key.is_relation:  # a page type's key is its link to the base page
            key = key.target_field
        if not isinstance(key, IntegerField):
            return None  # index entries name objects by text; only integer keys are cast back
        # The stock backend's split, so that the words are the ones its query is made of.
        words = [
            [word for word in re.split(r"[\s\-]+", leaf.query_string) if word] for leaf in leaves
        ]
        if not all(words):
            return None
        tsqueries = [
            [self.build_tsquery(PlainText(word), config=config) for word in leaf_words]
            for leaf_words in words
        ]
        # Each word and each plain-text part, parsed in one query.
        parsed = iter(
            self.parse(
                [
                    *(tsquery for leaf in tsqueries for tsquery in leaf),
                    *(self.build_tsquery(leaf, config=config) for leaf in leaves),
                ]
            )
        )
        each = [[next(parsed) for _word in leaf] for leaf in tsqueries]
        leaf_wholes = [next(parsed) for _leaf in leaves]
        conditions = {
            id(leaf): _words_condition(leaf, leaf_tsqueries, leaf_each, leaf_whole)
            for leaf, leaf_tsqueries, leaf_each, leaf_whole in zip(
                leaves, tsqueries, each, leaf_wholes, strict=True
            )
        }
        narrowed = _combined(query, conditions)
        if narrowed is None:
            return None
        condition, exact = narrowed
        entries = IndexEntry.objects.filter(
            condition,
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
        )
        parts = {id(leaf): text for leaf, (text, _nodes) in zip(leaves, leaf_wholes, strict=True)}
        return Narrowing(entries, exact, parts)

    def parse(self, tsqueries):
        """[(tsquery as PostgreSQL parses it, as text; how many nodes it has)], in one query.

        Asked beforehand rather than in the search's SQL: there the answers would not be known
        when the query is planned, and the planner could not use the indexes. And the ranking
        then uses the parsed query (see parsed_tsquery), not a to_tsquery() call, which
        PostgreSQL would repeat for every index entry it ranks.
        """
        sql_query = Query(IndexEntry)
        compiler = sql_query.get_compiler(using=self.queryset.db)
        expressions = []
        for tsquery in tsqueries:
            expressions.append(Cast(tsquery, TextField()))
            expressions.append(Func(tsquery, function="numnode", output_field=IntegerField()))
        parts = [compiler.compile(e.resolve_expression(sql_query)) for e in expressions]
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(sql for sql, _params in parts),
                [param for _sql, params in parts for param in params],
            )
            row = cursor.fetchone()
        return list(zip(row[::2], row[1::2], strict=True))

    def search(self, config, start, stop, score_field=None, backend=None):
        narrowing = self.indexed(config)
        if narrowing is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        if narrowing.exact:
            # The stock search without its condition on title || body, which this one equals.
            vectors = self.get_search_vectors(self.build_tsquery(self.query, config=config))
            rank = self._build_rank_expression(vectors, config)
            return self._apply_ordering_and_scoring(
                self.queryset.filter(narrowing.condition), rank, start, stop, score_field
            )
        narrowed = copy(self)
        narrowed.queryset = self.queryset.filter(narrowing.condition)
        return PostgresSearchQueryCompiler.search(
            narrowed, config, start, stop, score_field=score_field, backend=backend
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

    def ranked_window(self, config, size):
        """(ids of the `size` best matches, best first; how many objects match), in one statement.

        Ranked from the index entries, as the stock backend ranks them, in a materialised CTE:
        the count is a window over all of them, and PostgreSQL plans the CTE for every row, not
        for the first `size` (under a LIMIT it may plan a loop that pays for every row anyway).
        None for a search that is not narrowed by the indexes (see search()).
        """
        narrowing = self.indexed(config)
        if narrowing is None:
            return None
        entries = narrowing.entries
        if not narrowing.exact:  # the stock condition decides
            joined = F("title")._combine(F("body"), "||", False)
            search_query = self.build_tsquery(self.query, config=config)
            entries = entries.annotate(_hub_vector=joined).filter(_hub_vector=search_query)
        # The stock ranking (get_index_vectors, build_tsrank), each part's query parsed once.
        rank = self.rank(F("title"), self.query, narrowing) * F("title_norm") + (
            self.rank(F("body"), self.query, narrowing) * 1.0
        )
        hits = (
            entries.annotate(object_pk=Cast("object_id", IntegerField()))
            .filter(object_pk__in=self.queryset.order_by().values("pk"))
            .annotate(hit_score=rank)
            .values_list("object_pk", "hit_score")
        )
        hits_sql, hits_params = hits.query.sql_with_params()
        connection = connections[self.queryset.db]
        # Ties go to the newest object, as in the stock backend.
        sql = (
            f"WITH hits AS {materialized(connection)}({hits_sql}) "  # noqa: S608 (Django-compiled SQL, values are parameters)
            "SELECT object_pk, COUNT(*) OVER () FROM hits "
            "ORDER BY hit_score DESC, object_pk DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*hits_params, size))
            rows = cursor.fetchall()
        return [pk for pk, _total in rows], (rows[0][1] if rows else 0)

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
