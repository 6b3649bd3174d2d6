"""A guard around the search engine (Elasticsearch or OpenSearch), so it never holds up a page.

search/engine_backend.py puts GuardedEngine in front of the engine's backend class; its settings
(hub/settings/base.py: search_engine_backend) are the engine backend's own, plus:

- TIMEOUT: seconds a search or an index change in a web request waits for the engine (1);
- AUTOCOMPLETE_TIMEOUT: the same for title suggestions, shorter (0.5);
- INDEXING_TIMEOUT: for `manage.py update_index`, which sends thousands of pages at once (60).

An index change is sent to the engine at once; if the engine fails, or the circuit breaker
(search/breaker.py) is open, it is written to the outbox (search/outbox.py) and sent later. While
the breaker is open nothing calls the engine: searches made directly on this backend (the
admin's) go to the database backend, and search/backends.py's with_fallback does the same.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_instance

from search import breaker, outbox

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"
MODULE = "search.engine_backend"  # the BACKEND under which the guarded engine is configured


def _engine_errors():
    """What the engine's clients raise when the engine fails (refuses, times out, errors)."""
    errors = []
    try:
        from elastic_transport import TransportError

        errors.append(TransportError)
    except ImportError:  # pragma: no cover - the client is a declared dependency
        pass
    try:
        from elasticsearch import ApiError

        errors.append(ApiError)
    except ImportError:  # pragma: no cover
        pass
    try:  # OpenSearch's client, when installed for an OpenSearch cluster
        from opensearchpy.exceptions import TransportError as OpenSearchError

        errors.append(OpenSearchError)
    except ImportError:
        pass
    return tuple(errors)


ENGINE_ERRORS = _engine_errors()

# The timeout for engines made in this context (autocomplete, update_index), else TIMEOUT.
_timeout = ContextVar("search_engine_timeout", default=None)


@contextmanager
def engine_timeout(seconds):
    """Engines made inside this block wait at most `seconds` (None: their configured TIMEOUT)."""
    token = _timeout.set(seconds)
    try:
        yield
    finally:
        _timeout.reset(token)


def guarded(engine_class):
    """The engine's backend class with GuardedEngine in front of it."""
    return type(f"Guarded{engine_class.__name__}", (GuardedEngine, engine_class), {})


def configured_engine(name="default"):
    """The guarded engine configured under `name`, or None (the database backend, say)."""
    config = settings.WAGTAILSEARCH_BACKENDS.get(name, {})
    return get_search_backend(name) if config.get("BACKEND") == MODULE else None


def configured_engines():
    return [
        engine
        for engine in map(configured_engine, settings.WAGTAILSEARCH_BACKENDS)
        if engine is not None
    ]


def has_fallback():
    return FALLBACK_BACKEND in settings.WAGTAILSEARCH_BACKENDS


class GuardedEngine:
    """Mixed in before a Wagtail Elasticsearch/OpenSearch backend class (see guarded())."""

    def __init__(self, params):
        params = dict(params)
        self.autocomplete_timeout = params.pop("AUTOCOMPLETE_TIMEOUT", 0.5)
        self.indexing_timeout = params.pop("INDEXING_TIMEOUT", 60)
        params.setdefault("TIMEOUT", 1)
        if _timeout.get() is not None:
            params["TIMEOUT"] = _timeout.get()
        super().__init__(params)

    # Searching ------------------------------------------------------------------------------

    def search(self, *args, **kwargs):
        return self._answering().search(*args, **kwargs)

    def autocomplete(self, *args, **kwargs):
        return self._answering().autocomplete(*args, **kwargs)

    def _answering(self):
        """The database backend while the breaker is open, else the engine itself."""
        if has_fallback() and breaker.is_open(self):
            return get_search_backend(FALLBACK_BACKEND)
        return super()

    # Index upkeep ---------------------------------------------------------------------------

    def add(self, obj):
        self._send_or_queue(obj, super().add)

    def delete(self, obj):
        self._send_or_queue(obj, super().delete)

    def _send_or_queue(self, obj, send):
        """Send the change to the engine; if it cannot take it now, keep it in the outbox."""
        if not breaker.is_open(self):
            try:
                send(obj)
                return
            except ENGINE_ERRORS as error:
                breaker.trip(self, error)
        outbox.queue(obj)

    def send_pending(self):
        """Send the outbox to the engine unless the breaker is open; a failure opens it."""
        if breaker.is_open(self):
            return 0
        try:
            return outbox.send(self.reconcile)
        except ENGINE_ERRORS as error:
            breaker.trip(self, error)
            return 0

    def reconcile(self, model, object_id):
        """Make the engine's copy of one object match the database: there, or gone."""
        instance = model._default_manager.filter(pk=object_id).first()
        indexed = get_indexed_instance(instance) if instance is not None else None
        if indexed is not None:
            super().add(indexed)
        else:
            super().delete(model(pk=object_id))
