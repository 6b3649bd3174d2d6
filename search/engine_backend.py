"""The search engine backend: Wagtail's Elasticsearch or OpenSearch backend, one index a language.

A search engine analyses a field one way for every document in an index, so each language of the
hub has its own index, analysed as search/languages.py says (English and Spanish stemming; Welsh
lower-cased and folded, never stemmed as English). A document goes to the index of its locale
(objects without one, to the default language's); a search asks all of a model's language
indexes at once, and each analyses the query its own way; the search page keeps to its own
language with its locale filter. Atomic rebuilds (through aliases) are not offered: update_index
rebuilds the language indexes in place.

Settings: {"BACKEND": "search.engine_backend", "ENGINE": "wagtail.search.backends.opensearch3",
...the engine backend's own settings}.
"""

import functools
from collections import defaultdict
from copy import copy, deepcopy

from django.conf import settings
from django.utils.module_loading import import_string
from modelsearch.utils import deep_update
from wagtail.models import Locale

from search.engine_guard import guarded
from search.languages import base_language, engine_analyzer, object_language


class LanguageIndexes:
    """A model's index, kept as one index a language; mixed into the engine's index class."""

    def __init__(self, backend, name):
        super().__init__(backend, name)
        self.by_language = {
            language: backend.language_index(name, language) for language in backend.languages
        }
        # Searches, counts and facets go to every language's index at once.
        self.name = ",".join(index.name for index in self.by_language.values())

    def language_of(self, obj, languages_by_locale=None):
        language = object_language(obj, languages_by_locale)
        return language if language in self.by_language else self.backend.default_language

    def index_for(self, obj):
        return self.by_language[self.language_of(obj)]

    def put(self):
        for index in self.by_language.values():
            index.put()

    def delete(self):
        for index in self.by_language.values():
            index.delete()

    def reset(self):
        for index in self.by_language.values():
            index.reset()

    def refresh(self):
        for index in self.by_language.values():
            index.refresh()

    def exists(self):
        return all(index.exists() for index in self.by_language.values())

    def add_model(self, model):
        for index in self.by_language.values():
            index.add_model(model)

    def add_item(self, item):
        self.index_for(item).add_item(item)

    def add_items(self, model, items):
        # The locales' languages looked up once, not once an item.
        locales = {
            pk: base_language(code)
            for pk, code in Locale.objects.values_list("pk", "language_code")
        }
        by_language = defaultdict(list)
        for item in items:
            by_language[self.language_of(item, locales)].append(item)
        for language, group in by_language.items():
            self.by_language[language].add_items(model, group)

    def delete_item(self, item):
        # From every language's index: wherever it went, nothing of it stays.
        for index in self.by_language.values():
            index.delete_item(item)


class EngineFilters:
    """Mixed into the engine's query compiler: filters written in the engine's own terms.

    Wagtail filters a search by the queryset's lookups on the searched model's FilterFields; the
    search's facets are indexed on each page type (search_facet_values), which a Page queryset
    cannot name, so their filters are added here, as the engine's filter clauses.
    """

    engine_filters = ()

    def get_filters(self):
        return [*super().get_filters(), *self.engine_filters]


# How many of a listing search's matches the engine gives (EngineResults.matching_ids): the
# engine's default max_result_window, and few enough for the id lists they become (SQLite takes
# 32,766 parameters a statement, the engine 65,536 terms a query).
MATCHES_COUNTED = 10_000


class EngineResults:
    """Mixed into the engine's search results: narrowing by engine filters, and aggregations."""

    def narrowed(self, clauses):
        """These results kept to the documents matching every one of the engine's `clauses`."""
        compiler = copy(self.query_compiler)
        compiler.engine_filters = (*compiler.engine_filters, *clauses)
        narrowed = self._clone()
        narrowed.query_compiler = compiler
        return narrowed

    @property
    def index_name(self):
        """The searched model's indexes, every language's (LanguageIndexes.name)."""
        return self.backend.get_index_for_model(self.query_compiler.queryset.model).name

    def matching_ids(self):
        """The ids of the MATCHES_COUNTED most relevant matches (for a listing's search box: it
        filters and counts its facets in the database over them, as over every match on the
        database backends), in one request that returns ids only, no document."""
        response = self._backend_do_search(
            self._get_es_body(for_count=True),  # no sort: the engine's own, best match first
            index=self.index_name,
            size=MATCHES_COUNTED,
            _source=False,
            **{self.fields_param_name: "pk"},
            # A shard that failed would leave matches out silently: fail, and the database
            # answers instead (search/backends.py, with_fallback).
            allow_partial_search_results=False,
        )
        return [int(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]

    def aggregated(self, aggregations):
        """(how many results there are, the engine's answer to `aggregations` over all of them),
        in one request that returns no document."""
        body = self._get_es_body(for_count=True)
        body.update(aggregations=aggregations, track_total_hits=True)
        response = self._backend_do_search(body, index=self.index_name, size=0)
        total = response["hits"]["total"]
        return (total["value"] if isinstance(total, dict) else total), response.get(
            "aggregations", {}
        )


class LanguageIndexesBackend:
    """Mixed into an engine backend class: see per_language()."""

    def __init__(self, params):
        super().__init__(params)
        self.default_language = base_language(settings.LANGUAGE_CODE)
        self.languages = list(
            dict.fromkeys(
                [self.default_language]
                + [base_language(code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
            )
        )
        self.rebuilder_class = self.basic_rebuilder_class

    def language_index(self, name, language):
        """The engine's own index class for one language, created with that language's analyser."""
        backend = copy(self)
        backend.settings = deep_update(
            deepcopy(self.settings),
            {"settings": {"analysis": {"analyzer": {"default": engine_analyzer(language)}}}},
        )
        return self.language_index_class(backend, f"{name}_{language}")


def per_language(backend_class):
    """A subclass of the engine backend class that keeps one index a language (and filters and
    aggregates as the search's facets need: EngineFilters, EngineResults)."""

    def mixed(mixin, base):
        return type(f"{mixin.__name__}{base.__name__}", (mixin, base), {})

    return type(
        f"PerLanguage{backend_class.__name__}",
        (LanguageIndexesBackend, backend_class),
        {
            "index_class": mixed(LanguageIndexes, backend_class.index_class),
            "language_index_class": backend_class.index_class,
            "query_compiler_class": mixed(EngineFilters, backend_class.query_compiler_class),
            "results_class": mixed(EngineResults, backend_class.results_class),
        },
    )


@functools.cache
def backend_class(engine):
    """The engine's backend class, one index a language, guarded (search/engine_guard.py)."""
    return guarded(per_language(import_string(f"{engine}.SearchBackend")))


def SearchBackend(params):  # noqa: N802 - Wagtail looks backends up by this name
    params = dict(params)
    engine = params.pop("ENGINE", "wagtail.search.backends.elasticsearch9")
    return backend_class(engine)(params)
