"""`manage.py update_index`: Wagtail's, with the search engine given time and its debts paid.

The engine's backend (search/engine_backend.py) waits a second at most in a web request; a
rebuild sends pages in thousands, so it waits up to INDEXING_TIMEOUT. A rebuild also closes the
circuit breaker (it has just reached the engine) and sends the index changes still pending
(search/outbox.py), including those made while it ran.
"""

from modelsearch.backends import get_search_backend
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildCommand,
)

from search import breaker
from search.engine_guard import GuardedEngine, engine_timeout


class Command(RebuildCommand):
    def update_backend(self, backend_name, **options):
        backend = get_search_backend(backend_name)
        if not isinstance(backend, GuardedEngine):
            return super().update_backend(backend_name, **options)
        with engine_timeout(backend.indexing_timeout):
            super().update_backend(backend_name, **options)
            engine = get_search_backend(backend_name)
            breaker.close(engine)
            sent = engine.send_pending()
        self.write(f"{backend_name}: sent {sent} pending changes")
