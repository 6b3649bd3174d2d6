"""Search that survives its backend.

With ELASTICSEARCH_URL set, the search engine (Elasticsearch or OpenSearch, behind
search/engine_backend.py and search/engine_guard.py) answers queries and the database index is
kept in step (both backends auto-update). If the engine is unreachable, hangs past its timeout
or errors, the same query is answered from the database index with a logged warning, and the
circuit breaker (search/breaker.py) sends every search to the database index for a cooling-off
period, without calling the engine: a search outage never takes a page down nor holds one up.
"""

import logging

from django.core.paginator import Paginator

from search import breaker
from search.engine_guard import (
    ENGINE_ERRORS,
    FALLBACK_BACKEND,
    configured_engine,
    engine_timeout,
    has_fallback,
)
from search.outbox import pending
from search.window import RANKED_WINDOW, ResultIds, WindowedResults

logger = logging.getLogger(__name__)

BACKEND_ERRORS = ENGINE_ERRORS  # the name the rest of the hub knows them by


def with_fallback(operation, autocomplete=False):
    """operation(backend_name) on the main backend; on its failure, on the database backend.

    While the engine's breaker is open the database backend answers straight away. With
    `autocomplete`, the engine is given its shorter autocomplete timeout. After the engine has
    answered, the index changes it still owes are sent (search/outbox.py).
    """
    engine = configured_engine()
    if engine is not None and has_fallback() and breaker.is_open(engine):
        return operation(FALLBACK_BACKEND)
    timeout = engine.autocomplete_timeout if engine is not None and autocomplete else None
    try:
        with engine_timeout(timeout):
            result = operation("default")
    except BACKEND_ERRORS as error:
        if engine is not None:
            breaker.trip(engine, error)
        if not has_fallback():
            raise
        logger.warning("Search backend failed, answering from the database index: %s", error)
        return operation(FALLBACK_BACKEND)
    if engine is not None and pending():
        engine.send_pending()
    return result


def search_page(queryset, terms, page_number=1, per_page=20, ids=False, **search_kwargs):
    """One page of `queryset.search(terms)`, from the database index if the main backend fails.

    With `ids`, the page lists the results' ids: for callers that load the pages their own way.
    """
    return with_fallback(
        lambda backend: evaluated_page(
            queryset.search(terms, backend=backend, **search_kwargs), page_number, per_page, ids
        )
    )


def evaluated_page(results, page_number, per_page, ids=False, counted=None):
    """One page of search results (or of their ids), counted and sliced now.

    Search results are lazy: call this inside with_fallback, so that its error handling covers
    the searching. Where the backend ranks a window (search/window.py), the results up to this
    page and their count come from one statement, not a count and then a page. With `counted`
    (search/window.py, ranked_window), every page of the results is read from such a window.
    """
    if isinstance(results, WindowedResults):
        deepest = RANKED_WINDOW if counted is None else counted + 1
        results.ranked_window(min(page_wanted(page_number) * per_page, deepest), counted)
    page = Paginator(ResultIds(results) if ids else results, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def page_wanted(page_number):
    """The page number asked for, as Paginator.get_page reads it (1 for anything unreadable)."""
    try:
        return max(int(page_number), 1)
    except (TypeError, ValueError):
        return 1


def matching_pages(results):
    """The pages in search results, as something `pk__in` accepts, without loading the pages.

    The hub's database backends give a subquery (the ids never travel to Python and back):
    SQLite's matches in two steps that its planner handles well, PostgreSQL's through the GIN
    indexes (search/postgres_matching.py). The search engine gives the ids of its
    MATCHES_COUNTED most relevant matches (search/engine_backend.py), Wagtail's other database
    backends the list of every match's id.
    """
    if hasattr(results, "matching_ids"):
        return results.matching_ids()
    return list(results.get_queryset().values_list("pk", flat=True))
