"""Facet counting in the database: a fixed number of statements, whatever the listing's size.

Each facet's counts are a GROUP BY over the pages that pass the other filters; all of a listing's
facets are counted in one UNION ALL, and the listing's pages (live, in the section, matching the
words searched for) are worked out once per statement as a materialised common table expression.
"""

import sqlite3

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Count, Value
from django.db.models.expressions import RawSQL
from wagtail.models import Page


def materialized(connection):
    """The keyword asking for a CTE to be evaluated once, where the database knows it.

    PostgreSQL has it since 12 and SQLite since 3.35; Django 5.2 still runs on SQLite 3.31 (RHEL 9
    ships 3.34), where the keyword is a syntax error. Without it the answers are the same, only
    slower.
    """
    if connection.vendor == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "


def counted(name, queryset, value, page_field="pk"):
    """(facet name, value, number of pages) rows of one GROUP BY.

    One shape for every facet, so that all of a listing's facets are counted in one UNION.
    """
    return (
        queryset.order_by()  # a UNION allows no ORDER BY in its parts
        .annotate(facet=Value(name, output_field=CharField()), value=value)
        .values_list("facet", "value")
        .annotate(pages=Count(page_field, distinct=True))
    )


def union(queries):
    """The queries' rows as one UNION ALL (a single query stays itself)."""
    return queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]


class Materialised:
    """A set of pages worked out once per statement, for statements that use it many times.

    Every facet count starts from the listing's pages. Written into each count as a subquery,
    the full-text match (or the list of ids) is evaluated once per count, a dozen times per page
    of results; here it is a materialised common table expression, evaluated once for the whole
    statement, whatever the database.
    """

    NAME = "hub_matching_pages"

    def __init__(self, pages):
        """`pages`: a Page queryset, or a list of page ids (such as a search's ranked window)."""
        self.model = Page if isinstance(pages, list) else pages.model
        if isinstance(pages, list):
            # Integers written into the SQL, not parameters: no database's limit on parameters
            # applies, however long the list.
            values = ", ".join(f"({int(pk)})" for pk in pages)
            self.sql, self.params = (f"VALUES {values}" if values else None), ()
            return
        try:
            self.sql, self.params = pages.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # matched by an empty list of ids: there is nothing to count
            self.sql, self.params = None, ()

    def queryset(self):
        """The pages, as a queryset to build the counts on: its rows come from the CTE."""
        # The name is a constant of this class, not input.
        return self.model.objects.filter(pk__in=RawSQL(f"SELECT id FROM {self.NAME}", ()))  # noqa: S608, S611

    def rows(self, queryset):
        """The rows of `queryset` (built on self.queryset()), in one statement with the CTE."""
        if self.sql is None:
            return []
        sql, params = queryset.query.sql_with_params()
        connection = connections[queryset.db]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH {self.NAME}(id) AS {materialized(connection)}({self.sql}) {sql}",
                (*self.params, *params),
            )
            return cursor.fetchall()
