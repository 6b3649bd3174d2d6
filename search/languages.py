"""How each language of the hub is analysed for search.

English and Spanish words are stemmed, so that "supporting" finds "support" and "comunidades"
finds "comunidad". Welsh has no stemmer in PostgreSQL or in the search engine, and an English one
would mangle it (and its mutations, "cymuned" / "gymuned", are beyond any stemmer): Welsh words
are lower-cased (and, on the engine, folded to plain letters, so "ŵyr" and "wyr" meet) and
otherwise kept as they are. A language not listed here is analysed as Welsh is.
"""

from django.utils import translation

# PostgreSQL text search configurations (pg_catalog), by language code.
POSTGRES_CONFIGS = {"en": "english", "es": "spanish", "cy": "simple"}
POSTGRES_UNSTEMMED = "simple"

# Analysers of the search engine (OpenSearch and Elasticsearch have the same), by language code.
UNSTEMMED_ANALYZER = {
    "type": "custom",
    "tokenizer": "standard",
    "filter": ["lowercase", "asciifolding"],
}
ENGINE_ANALYZERS = {
    "en": {"type": "english"},
    "es": {"type": "spanish"},
    "cy": UNSTEMMED_ANALYZER,
}


def base_language(code):
    """'en' for 'en', 'en-gb' or 'en_GB'."""
    return (code or "").replace("_", "-").split("-")[0].lower()


def postgres_config(code):
    return POSTGRES_CONFIGS.get(base_language(code), POSTGRES_UNSTEMMED)


def engine_analyzer(code):
    return ENGINE_ANALYZERS.get(base_language(code), UNSTEMMED_ANALYZER)


def active_language():
    """The language of the page being served: a search page searches its own language."""
    return base_language(translation.get_language())


def object_language(obj, languages_by_locale=None):
    """The language of what is indexed: its locale's, or None for what has no locale."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    if languages_by_locale is not None and locale_id in languages_by_locale:
        return languages_by_locale[locale_id]
    return base_language(obj.locale.language_code)
