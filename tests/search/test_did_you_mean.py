"""Did you mean: a close variant of a query, from the index's own words, offered or searched."""

import pytest
from django.db import connection
from wagtail.models import Page

from search.did_you_mean import Vocabulary, closest_words, has_trigrams, variants
from search.models import SearchPage
from search.synonyms import SynonymSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

VOCABULARY = Vocabulary(
    ["Shared Lives", "The Recovery College", "Starting a time bank", "Timebanking in Wales"]
    + ["Banking on neighbours"]
)


def test_variants_respell_join_and_split_words():
    assert variants("sheared lives", VOCABULARY) == ["shared lives"]
    assert variants("recovery collage", VOCABULARY) == ["recovery college"]
    # Split where "time bank" follows in a title, and respelt as the closest known word.
    assert variants("timebank", VOCABULARY) == ["time bank", "timebanking"]
    assert variants("time banking", VOCABULARY) == ["timebanking"]
    assert variants("shared lives", VOCABULARY) == []  # known words: nothing to offer
    assert variants("tme", VOCABULARY) == []  # too short to correct safely


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_has_trigrams_from_the_migration_and_uses_them():
    assert has_trigrams()
    assert closest_words("collage", {"college", "colleague", "cottage", "village"}, True)[0] in {
        "college",
        "cottage",
    }
    assert closest_words("sheared", {"shared", "lives", "recovery"}, True) == ["shared"]
    assert closest_words("zzzz", {"shared", "lives"}, True) == []


def test_python_fallback_without_trigrams():
    assert closest_words("sheared", {"shared", "lives", "recovery"}, False) == ["shared"]


def add_page(parent, title, description=""):
    page = Page(title=title, search_description=description)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_no_results_show_the_results_of_a_variant_with_a_note(client, site_tree, section):
    add_page(site_tree, "Shared Lives", "Carers share their homes.")
    add_page(site_tree, "Shared Lives in Wales", "Carers share their homes.")

    response = client.get(section(SearchPage).url, {"q": "sheared lives"})
    html = response.content.decode()

    assert response.context["searched"] == "shared lives"
    assert sorted(page.title for page in response.context["results"]) == [
        "Shared Lives",
        "Shared Lives in Wales",
    ]
    assert "so these are the results for “shared lives”" in html
    assert "2 results for “shared lives”" in html


def test_few_results_keep_them_and_offer_the_variant_that_finds_more(client, site_tree, section):
    add_page(site_tree, "Our timebank", "Members swap hours.")
    for place in ("Leeds", "Hull", "York"):
        add_page(site_tree, f"A time bank in {place}", "Members swap hours.")
    SynonymSet.objects.all().delete()  # "timebank" alone: only the split word can help
    response = client.get(section(SearchPage).url, {"q": "timebank"})
    html = response.content.decode()

    assert [page.title for page in response.context["results"]] == ["Our timebank"]
    assert response.context["suggested"] == "time bank"
    assert "Did you mean" in html and "q=time+bank" in html
    # A query that finds enough is left alone.
    assert client.get(section(SearchPage).url, {"q": "time bank"}).context["suggested"] is None


def test_nothing_close_leaves_the_zero_results_help(client, site_tree, section):
    add_page(site_tree, "Shared Lives")

    response = client.get(section(SearchPage).url, {"q": "xylophone"})

    assert response.context["suggested"] is None
    assert response.context["results"].paginator.count == 0
    assert "Try fewer words" in response.content.decode()
