"""The search the listings use within themselves (hub.listing.searching), from this app's backends.

Provided to hub.listing when the app is ready (search/apps.py).
"""

from search.backends import matching_pages, search_page, with_fallback


def matching(queryset, terms):
    """The pages matching the words, for `pk__in` (see matching_pages).

    A subquery runs only where it is used, outside with_fallback; that is safe, because only the
    database backend gives one, and with_fallback has nothing to fall back to from it (it catches
    only Elasticsearch's errors).
    """
    return with_fallback(
        lambda backend: matching_pages(
            queryset.search(terms, backend=backend, order_by_relevance=False)
        )
    )


def ranked_page(queryset, terms, number, per_page):
    return search_page(queryset, terms, number, per_page, ids=True)
