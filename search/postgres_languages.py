"""PostgreSQL full-text search analysed in each page's own language (search/languages.py).

Each object is indexed with the text search configuration of its locale ('english', 'spanish',
'simple' for Welsh), and a search uses the configuration of the language being served: the
search page of each language searches only pages of that language, so the two always agree.
Objects without a locale keep the backend's configuration (SEARCH_CONFIG, else the server's
default). Import this module only on PostgreSQL.
"""

from collections import defaultdict
from copy import copy

from modelsearch.backends.database.postgres.postgres import PostgresIndex
from wagtail.models import Locale

from search.languages import active_language, base_language, object_language, postgres_config
from search.postgres_matching import IndexedMatchPostgresSearchBackend, IndexedMatchQueryCompiler


class PerLanguagePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        languages = {
            pk: base_language(code)
            for pk, code in Locale.objects.values_list("pk", "language_code")
        }
        by_config = defaultdict(list)
        for obj in objs:
            language = object_language(obj, languages)
            by_config[postgres_config(language) if language else self.backend.config].append(obj)
        for config, group in by_config.items():
            # The stock indexer reads the configuration from the backend: give it one that says
            # this group's (a copy: the backend itself stays as configured).
            index = copy(self)
            index.backend = copy(self.backend)
            index.backend.config = config
            PostgresIndex.add_items(index, model, group)


class PerLanguageQueryCompiler(IndexedMatchQueryCompiler):
    def get_config(self, backend):
        language = active_language()
        return postgres_config(language) if language else backend.config


class PerLanguagePostgresSearchBackend(IndexedMatchPostgresSearchBackend):
    index_class = PerLanguagePostgresIndex
    query_compiler_class = PerLanguageQueryCompiler
