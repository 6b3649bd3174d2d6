"""Each language searched in its own way on PostgreSQL (search/languages.py).

Spanish words are stemmed as Spanish, English as English, Welsh not at all: a stemmer of another
language would mangle it. SQLite's full-text index stems no language, so these run on PostgreSQL.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale, Page
from wagtail.search.models import IndexEntry

from search.models import SearchPage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="text search configurations are PostgreSQL's"
    ),
]


def translated_site(site_tree, section, language_code):
    """The home page and the search page in another language."""
    locale = Locale.objects.get(language_code=language_code)
    home = site_tree.copy_for_translation(locale)
    home.save_revision().publish()
    search = section(SearchPage).copy_for_translation(locale)
    search.save_revision().publish()
    return home, SearchPage.objects.get(pk=search.pk)


def add_page(parent, title, description=""):
    page = Page(title=title, search_description=description)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def found(client, search_page, query):
    return [page.title for page in client.get(search_page.url, {"q": query}).context["results"]]


def title_lexemes(page):
    entry = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(tsvector_to_array(%s::tsvector), ' ')", [entry.title]
        )
        return set(cursor.fetchone()[0].split())


def test_a_spanish_query_finds_another_inflection_of_its_words(client, site_tree, section):
    home, search = translated_site(site_tree, section, "es")
    add_page(home, "Red de cuidadores", "Apoyo entre familias que cuidan.")

    # "cuidadora" and "cuidadores" are one word to a Spanish stemmer (not to an English one).
    assert found(client, search, "cuidadora") == ["Red de cuidadores"]
    assert found(client, search, "redes de cuidadoras") == ["Red de cuidadores"]


def test_english_is_still_stemmed_as_english(client, site_tree, section):
    add_page(site_tree, "Supporting carers", "Carers supported by their peers.")

    assert found(client, section(SearchPage), "support carer") == ["Supporting carers"]


def test_a_welsh_query_finds_welsh_pages_whose_words_are_kept_as_they_are(
    client, site_tree, section
):
    home, search = translated_site(site_tree, section, "cy")
    page = add_page(home, "Gwirfoddolwyr yr ysbyty", "Cymorth gan gymheiriaid i bobl hŷn.")
    add_page(site_tree, "Hospital volunteers", "Peer support for older people.")

    assert found(client, search, "gwirfoddolwyr ysbyty") == ["Gwirfoddolwyr yr ysbyty"]
    # No English stemmer turned "ysbyty" into "ysbyti".
    assert title_lexemes(page) == {"gwirfoddolwyr", "yr", "ysbyty"}
