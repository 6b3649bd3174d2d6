"""The hub's database search backend: Wagtail's, with faster relevance ranking on SQLite.

Wagtail's database backend picks its PostgreSQL, MySQL or SQLite implementation from the
connection. On SQLite with FTS5 the hub swaps in a subclass that ranks results in one full-text
query (search/sqlite_ranking.py); everywhere else the stock backend is used unchanged.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as stock_database_backend


def SearchBackend(params):  # noqa: N802 - Wagtail looks backends up by this name
    """The backend Wagtail's database backend would choose, ranking once where it is SQLite's."""
    backend = stock_database_backend(params)
    if connection.vendor != "sqlite":
        return backend
    # Imported only here: the SQLite full-text model does not exist on other databases.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    from search.sqlite_ranking import RankOnceSQLiteSearchBackend

    if isinstance(backend, SQLiteSearchBackend):  # not the fallback used without FTS5
        return RankOnceSQLiteSearchBackend(params)
    return backend
