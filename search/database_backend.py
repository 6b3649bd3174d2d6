"""The hub's database search backend: Wagtail's, with faster matching and ranking.

Wagtail's database backend picks its PostgreSQL, MySQL or SQLite implementation from the
connection. On SQLite with FTS5 the hub swaps in a subclass that ranks results in one full-text
query (search/sqlite_ranking.py); on PostgreSQL, one whose matching uses the search index's GIN
indexes (search/postgres_matching.py) and which analyses each page in its own language
(search/postgres_languages.py). Elsewhere the stock backend is used unchanged.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as stock_database_backend


def SearchBackend(params):  # noqa: N802 - Wagtail looks backends up by this name
    """The backend Wagtail's database backend would choose, or the hub's faster subclass of it."""
    backend = stock_database_backend(params)
    # The subclasses are imported only here: each backend's models exist only on its database.
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from search.sqlite_ranking import RankOnceSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):  # not the fallback used without FTS5
            return RankOnceSQLiteSearchBackend(params)
    elif connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        from search.postgres_languages import PerLanguagePostgresSearchBackend

        if isinstance(backend, PostgresSearchBackend):
            return PerLanguagePostgresSearchBackend(params)
    return backend
