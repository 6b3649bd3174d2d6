"""PostgreSQL full-text search analysed in each page's own language (search/languages.py).

Each object is indexed with the text search configuration of its locale ('english', 'spanish',
'simple' for Welsh), and a search uses the configuration of the language being served: the
search page of each language searches only pages of that language, so the two always agree.
Objects without a locale keep the backend's configuration (SEARCH_CONFIG, else the server's
default). Import this module only on PostgreSQL.
"""

from collections import defaultdict
from copy import copy

from django.conf import settings
from modelsearch.backends.database.postgres.postgres import PostgresIndex
from wagtail.models import Locale

from search.languages import active_language, base_language, object_language, postgres_config
from search.postgres_matching import IndexedMatchPostgresSearchBackend, IndexedMatchQueryCompiler

DEFAULT_LANGUAGE = base_language(settings.LANGUAGE_CODE)


class PerLanguagePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        languages = {
            pk: base_language(code)
            for pk, code in Locale.objects.values_list("pk", "language_code")
        }
        by_config = defaultdict(list)
        for obj in objs:
            language = object_language(obj, languages)
            by_config[explicit_config(language, self.backend)].append(obj)
        for config, group in by_config.items():
            # The stock indexer reads the configuration from the backend: give it one that says
            # this group's (a copy: the backend itself stays as configured).
            index = copy(self)
            index.backend = copy(self.backend)
            index.backend.config = config
            PostgresIndex.add_items(index, model, group)


def explicit_config(language, backend):
    """The configuration to name for a language, or the backend's (None: the server's default).

    English, the default language, keeps the backend's configuration (the server default,
    'english' on a standard install), so its statements stay exactly as search/postgres_matching
    tuned them: to_tsquery() with a named configuration is immutable, so the planner folds it
    into a constant and, with some statistics, chose plans that ran for minutes on the catalogue
    (seen in the test suite with 150 case studies).
    """
    if not language or language == DEFAULT_LANGUAGE:
        return backend.config
    return postgres_config(language)


class PerLanguageQueryCompiler(IndexedMatchQueryCompiler):
    def get_config(self, backend):
        return explicit_config(active_language(), backend)


class PerLanguagePostgresSearchBackend(IndexedMatchPostgresSearchBackend):
    index_class = PerLanguagePostgresIndex
    query_compiler_class = PerLanguageQueryCompiler
