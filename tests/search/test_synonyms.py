"""Synonym sets: editors' equivalent terms widen every search, with no reindexing."""

import pytest
from django.urls import reverse
from modelsearch.query import And, Or, PlainText
from wagtail.models import Page

from search.models import SearchPage
from search.synonyms import SynonymSet, expanded, find_synonyms, split_terms

# These tests look inside the search's rendering, so each request must really be served: the
# page cache (tested in tests/hub/test_page_cache.py) is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

GROUPS = [
    [("time", "bank"), ("timebank",), ("time", "banking"), ("time", "credits")],
    [("peer", "support"), ("peer", "mentoring")],
]


def test_terms_are_split_on_commas_lowercased_and_deduplicated():
    assert split_terms(" Time Bank, timebank,, TIME bank , time-credits") == [
        "time bank",
        "timebank",
        "time-credits",
    ]


def test_a_query_without_synonyms_stays_a_plain_string():
    assert expanded("brain injury", groups=GROUPS) == "brain injury"


def test_the_longest_term_is_matched_and_the_other_words_keep_the_operator():
    assert find_synonyms(["time", "banking", "for", "older", "people"], GROUPS) == [
        (0, 2, ["time bank", "timebank", "time banking", "time credits"])
    ]
    query = expanded("older people time banking", "and", groups=GROUPS)

    assert isinstance(query, And)
    rest, choice = query.subqueries
    assert (rest.query_string, rest.operator) == ("older people", "and")
    assert isinstance(choice, Or)
    assert [(term.query_string, term.operator) for term in choice.subqueries] == [
        ("time bank", "and"),
        ("timebank", "and"),
        ("time banking", "and"),
        ("time credits", "and"),
    ]
    assert isinstance(expanded("older people time banking", "or", groups=GROUPS), Or)
    assert isinstance(expanded("peer mentoring", groups=GROUPS).subqueries[0], PlainText)


def test_the_first_sets_are_seeded_by_the_migration():
    terms = [str(synonyms) for synonyms in SynonymSet.objects.all()]
    assert "time bank, timebank, time banking, time credits" in terms
    assert "peer support, peer mentoring" in terms
    assert any("isf" in each.split(", ") for each in terms)  # a practitioner abbreviation


def add_page(parent, title):
    page = Page(title=title)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def titles(client, url, query):
    return sorted(page.title for page in client.get(url, {"q": query}).context["results"])


def test_a_saved_set_applies_to_the_next_search_and_a_deleted_one_stops(client, site_tree, section):
    add_page(site_tree, "Our timebank in Leeds")
    add_page(site_tree, "Time credits for carers")
    add_page(site_tree, "A bank holiday fair")
    url = section(SearchPage).url
    SynonymSet.objects.all().delete()
    assert titles(client, url, "time credits") == ["Time credits for carers"]

    synonyms = SynonymSet.objects.create(terms="time bank, timebank, time credits")
    # No reindexing: the pages were indexed before the set existed.
    assert titles(client, url, "time credits") == [
        "Our timebank in Leeds",
        "Time credits for carers",
    ]
    assert titles(client, url, "timebank") == ["Our timebank in Leeds", "Time credits for carers"]

    synonyms.delete()
    assert titles(client, url, "time credits") == ["Time credits for carers"]


def test_editors_add_a_set_in_the_admin_and_a_single_term_is_refused(admin_client, site_tree):
    add_url = reverse("wagtailsnippets_search_synonymset:add")

    refused = admin_client.post(add_url, {"terms": "co-production,  Co-production"})
    assert refused.status_code == 200
    assert "List at least two different terms" in refused.content.decode()
    assert "co-production,  Co-production" in refused.content.decode()  # what was typed is kept

    admin_client.post(add_url, {"terms": "Co-production, coproduction"})
    assert SynonymSet.objects.filter(terms="Co-production, coproduction").exists()
    assert admin_client.get(reverse("wagtailsnippets_search_synonymset:list")).status_code == 200
