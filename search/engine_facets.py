"""The search page's facets on the search engine: counted by its aggregations, over every match.

On the database backends the facets count the RANKED_WINDOW most relevant matches
(search/window.py, search/facets.py). The engine counts them all, in the request that also
counts the matches (size 0, no document returned):

- the page type from Wagtail's own `content_type` FilterField of Page;
- principle, keyword, depth and life factor from the FilterField `search_facet_values` of each
  page type declaring them (hub.listing.facets.search_facet_values: "principle=assets",
  "keyword=peer-support", ...), a terms aggregation per indexed field, kept to the facet's
  prefix. A page is of one type, so the counts of the page types add up.

Each facet's counts are over the matches passing every *other* selected filter: one filter
aggregation per facet around its terms aggregations (rather than a post_filter, which would
need a request of its own for the results' count anyway). The results, when filters are
selected, are the same search narrowed by the same filter clauses (EngineResults.narrowed), so
a count is the number of results its option gives, however many pages match.

Wagtail's own SearchResults.facet(field) asks for one field of the searched model, without the
other filters and only its ten most frequent values, so it is not used here.
"""

from wagtail.models import Page
from wagtail.search import index

from search.facets import FILTERS, declared

INDEXED_FIELD = "search_facet_values"
# At most this many values of one facet are counted (the most frequent first); the page shows
# fewer (search/facets.py: KEYWORD_OPTIONS_LIMIT).
VALUES_COUNTED = 1000


def supported(results):
    """Whether these search results are the engine's, able to count facets themselves."""
    return hasattr(results, "aggregated")


def _column(results, model, field_name):
    """The engine's name for the FilterField `field_name` of `model`."""
    field = next(
        field
        for field in model.get_search_fields()
        if isinstance(field, index.FilterField) and field.field_name == field_name
    )
    return results.query_compiler.mapping_class(model).get_field_column_name(field)


def _columns(results, name):
    """The engine's fields holding facet `name`'s values (page types may share one)."""
    columns = (_column(results, model, INDEXED_FIELD) for model, _spec in declared(name))
    return list(dict.fromkeys(columns))


def _clause(results, name, value):
    """The engine's filter clause for pages having `value` of facet `name`."""
    if name == "type":
        return {"term": {_column(results, Page, "content_type"): value}}
    either = [{"term": {column: f"{name}={value}"}} for column in _columns(results, name)]
    return {"bool": {"should": either, "minimum_should_match": 1}}


def filter_clauses(results, selected, except_filter=None):
    """The engine's clauses for every selected filter but `except_filter`'s."""
    return [
        _clause(results, name, value) for name, value in selected.items() if name != except_filter
    ]


def _aggregations(results, selected):
    aggregations = {}
    for name in FILTERS:
        if name == "type":
            terms = {"0": {"terms": {"field": _column(results, Page, "content_type")}}}
        else:
            terms = {
                str(position): {"terms": {"field": column, "include": f"{name}=.*"}}
                for position, column in enumerate(_columns(results, name))
            }
        for aggregation in terms.values():
            aggregation["terms"]["size"] = VALUES_COUNTED
        others = filter_clauses(results, selected, except_filter=name)
        aggregations[name] = {"filter": {"bool": {"filter": others}}, "aggs": terms}
    return aggregations


def counted(results, selected):
    """(how many results there are, filters aside; {facet: {value: pages}}), as facet_counts
    gives them, from one request to the engine."""
    total, answer = results.aggregated(_aggregations(results, selected))
    counts = {name: {} for name in FILTERS}
    for name in FILTERS:
        for terms in answer.get(name, {}).values():
            if not isinstance(terms, dict) or "buckets" not in terms:
                continue  # the filter aggregation's own doc_count
            for bucket in terms["buckets"]:
                value = bucket["key"] if name == "type" else bucket["key"].partition("=")[2]
                counts[name][value] = counts[name].get(value, 0) + bucket["doc_count"]
    return total, counts
