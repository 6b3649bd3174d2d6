"""The most relevant matches of a search and how many there are, in one database statement.

The search page shows twenty results, a count and facet counts. Asked separately, each of those
runs the full-text match again, and facets counted over every match cost time in proportion to
the matches: a broad query ("time bank older people" finds most pages by one word or another)
grew ten times slower from 1,000 to 20,000 pages. Here the hub's database backends rank the
matches once and return the ids of the first RANKED_WINDOW with the total; the count and the
first pages of results are then read from that window, and facets count the pages in it.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet

# Facet counts cover at most this many of the most relevant matches (the page says so when
# there are more).
RANKED_WINDOW = 1000
# The search page counts and ranks at most this many matches on PostgreSQL; past it the page
# says "more than" this many (search/postgres_matching.py, ranked_window). PostgreSQL ranks every
# match it counts, and a broad search's matches grow with the site: this keeps the cost of a
# broad search flat. Twice the facets' window, a fifth of Elasticsearch's own exact total.
MATCHES_RANKED = 2_000


@dataclass
class Window:
    ids: list  # best first
    total: int  # every match, not just those in ids (up to counted + 1)
    counted: int | None = None  # the `counted` it was asked with (ranked_window)


def ranked_window(results, size=RANKED_WINDOW, counted=None):
    """(the ids of the first `size` results, best first; how many results there are in all).

    One statement on the hub's database backends; elsewhere (Elasticsearch) a page of `size`
    results and a count. With `counted`, a backend may stop counting (and ranking) at
    `counted` + 1 results: PostgreSQL does (search/postgres_matching.py).
    """
    if isinstance(results, WindowedResults):
        window = results.ranked_window(size, counted)
        if window is not None:
            return window
    ids = first_ids(results, size)
    return ids, (len(ids) if len(ids) < size else results.count())


def first_ids(results, size):
    """The ids of the first `size` results, as any backend's results can give them."""
    return [page.pk for page in results[:size]]


class ResultIds:
    """Search results seen as their ids, for a Paginator that only needs the ids of a page.

    Where the ranked window holds the page, no object is loaded; elsewhere the page's objects are.
    """

    def __init__(self, results):
        self.results = results

    def count(self):
        return self.results.count()

    def __getitem__(self, key):  # a Paginator only slices
        part = self.results[key]
        ids = part.window_ids() if isinstance(part, WindowedResults) else None
        return [page.pk for page in part] if ids is None else ids


class WindowedResults:
    """Search results that keep their ranked window for the count and the early pages.

    Mixed into a backend's results class. Its search query compiler has
    `ranked_window(config, size, counted)`, returning (ids, total), or None for a query it
    cannot rank that way. Slices of results share the compiler, so a Paginator's count and
    page, taken after ranked_window(), run no further search: they read the window last asked
    for, its total counted as far as that asked.
    """

    def ranked_window(self, size, counted=None):
        """(ids, total) as ranked_window() gives them, or None where this search cannot."""
        compiler = self.query_compiler
        ranks = getattr(compiler, "ranked_window", None)  # not autocomplete's compiler
        if ranks is None or not compiler.order_by_relevance or self._score_field is not None:
            return None
        window = getattr(compiler, "_hub_window", None)
        # A window counted up to `counted` is no answer to a search counted further, or less far.
        if window is None or window.counted != counted or len(window.ids) < min(size, window.total):
            try:
                found = ranks(compiler.get_config(self.backend), size, counted)
            except EmptyResultSet:  # the queryset allows nothing (an empty list of ids)
                found = ([], 0)
            if found is None:
                return None
            window = compiler._hub_window = Window(*found, counted)
        return window.ids[:size], window.total

    def _do_count(self):
        """The number of results in this slice of them (the whole total when unsliced)."""
        window = getattr(self.query_compiler, "_hub_window", None)
        if window is None:
            return super()._do_count()
        stop = window.total if self.stop is None else min(self.stop, window.total)
        return max(stop - self.start, 0)

    def window_ids(self):
        """The ids of this slice of results from the ranked window, or None if it is not there."""
        window = getattr(self.query_compiler, "_hub_window", None)
        if window is None or self._score_field is not None:  # the window holds no scores
            return None
        stop = window.total if self.stop is None else min(self.stop, window.total)
        return window.ids[self.start : stop] if stop <= len(window.ids) else None

    def in_order(self, ids):
        """The objects with these ids, in this order (ids that have gone are left out)."""
        objects = self.query_compiler.queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]

    def _do_search(self):
        ids = self.window_ids()
        return super()._do_search() if ids is None else self.in_order(ids)
