"""The hub's database search backend: Wagtail's, with faster matching and ranking.

Wagtail's database backend picks its PostgreSQL, MySQL or SQLite implementation from the
connection. On SQLite with FTS5 the hub swaps in a subclass that ranks results in one full-text
query (search/sqlite_ranking.py); on PostgreSQL, one whose matching uses the search index's GIN
indexes (search/postgres_matching.py) and which analyses each page in its own language
(search/postgres_languages.py). Elsewhere the stock backend is used unchanged.
"""

from django.db import connection
from django.utils.module_loading import import_string
from modelsearch.backends.database import SearchBackend as stock_database_backend

# Per database vendor: the stock backend Wagtail picks there, and the hub's faster subclass of it.
# Named by dotted path and loaded only on their own database, as Django and Wagtail load backends
# from settings: each module builds on full-text models that exist only on that database.
FASTER_BACKENDS = {
    "sqlite": (
        "modelsearch.backends.database.sqlite.sqlite.SQLiteSearchBackend",
        "search.sqlite_ranking.RankOnceSQLiteSearchBackend",
    ),
    "postgresql": (
        "modelsearch.backends.database.postgres.postgres.PostgresSearchBackend",
        "search.postgres_languages.PerLanguagePostgresSearchBackend",
    ),
}


def SearchBackend(params):  # noqa: N802 - Wagtail looks backends up by this name
    """The backend Wagtail's database backend would choose, or the hub's faster subclass of it."""
    backend = stock_database_backend(params)
    if connection.vendor not in FASTER_BACKENDS:
        return backend
    stock, faster = FASTER_BACKENDS[connection.vendor]
    # Not the stock one on SQLite without FTS5, for instance: that fallback is kept as it is.
    if isinstance(backend, import_string(stock)):
        return import_string(faster)(params)
    return backend
