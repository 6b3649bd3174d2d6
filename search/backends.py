"""Search that survives its backend.

With ELASTICSEARCH_URL set, the search engine (Elasticsearch or OpenSearch) answers queries and
the database index is kept in step (both backends auto-update). If the engine is unreachable or
errors, the same query is answered from the database index with a logged warning: a search outage
never takes a page down.
"""

import logging

from django.conf import settings
from django.core.paginator import Paginator

from search.window import RANKED_WINDOW, ResultIds, WindowedResults, first_ids

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"


def _backend_errors():
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
    try:
        # OpenSearch's client: connection failures and error answers alike
        from opensearchpy.exceptions import TransportError as OpenSearchTransportError

        errors.append(OpenSearchTransportError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


BACKEND_ERRORS = _backend_errors()


def with_fallback(operation):
    """operation(backend_name) on the main backend; on its failure, on the database backend."""
    try:
        return operation("default")
    except BACKEND_ERRORS as error:
        if FALLBACK_BACKEND not in settings.WAGTAILSEARCH_BACKENDS:
            raise
        logger.warning("Search backend failed, answering from the database index: %s", error)
        return operation(FALLBACK_BACKEND)


def search_page(queryset, terms, page_number=1, per_page=20, ids=False, **search_kwargs):
    """One page of `queryset.search(terms)`, from the database index if the main backend fails.

    With `ids`, the page lists the results' ids: for callers that load the pages their own way.
    """
    return with_fallback(
        lambda backend: evaluated_page(
            queryset.search(terms, backend=backend, **search_kwargs), page_number, per_page, ids
        )
    )


def evaluated_page(results, page_number, per_page, ids=False):
    """One page of search results (or of their ids), counted and sliced now.

    Search results are lazy: call this inside with_fallback, so that its error handling covers
    the searching. Where the backend ranks a window (search/window.py), the results up to this
    page and their count come from one statement, not a count and then a page.
    """
    if isinstance(results, WindowedResults):
        results.ranked_window(min(page_wanted(page_number) * per_page, RANKED_WINDOW))
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
    indexes (search/postgres_matching.py). Wagtail's other database backends give the list of
    ids; Elasticsearch the ids of its first RANKED_WINDOW matches (the backend's own facets
    return only the most common values).
    """
    if hasattr(results, "matching_ids"):
        return results.matching_ids()
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", flat=True))
    return first_ids(results, RANKED_WINDOW)
