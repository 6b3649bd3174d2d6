"""Facet counts of a search matching more than RANKED_WINDOW pages.

The engine counts every match with its aggregations (search/engine_facets.py); the database
backends count the RANKED_WINDOW most relevant and the page says so. Built once for the module:
1,000 plain pages titled with the word searched for (created and indexed in bulk), and case
studies, toolkits and stories that have it only in their text, so that they rank after the
plain pages and a window of the 1,000 most relevant leaves them all out.
"""

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from hub.models import HomePage, LifeFactor
from hub.settings.base import search_engine_backend
from provisioning.page_copies import copy_children, copy_engine_documents
from search.engine_backend import SearchBackend as EngineBackend
from search.facets import facet_counts
from search.models import SearchPage
from search.window import RANKED_WINDOW
from stories.models import StoryIndexPage, StoryPage
from tests.casestudies.factories import CaseStudyPageFactory
from tests.search.test_elasticsearch_live import ENGINE, ENGINE_URL, index_every_page
from tests.stories.factories import make_story
from tests.toolkits.factories import ToolkitPageFactory
from toolkits.models import ToolkitIndexPage, ToolkitPage

WORD = "zanderwick"
PLAIN_PAGES = RANKED_WINDOW  # enough on their own to fill the window
DEPTHS = ["descriptive", "intermediate", "transformative"]
KEYWORDS = ["Peer Support", "Time Banking", "Recovery College"]
PRINCIPLES = ["assets", "networks", "mutuality"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def bulk_plain_pages(parent, number):
    """`number` live plain pages under `parent`, in one INSERT (tree paths written here)."""
    content_type = ContentType.objects.get_for_model(Page)
    pages = [
        Page(
            title=f"{WORD.capitalize()} notice {position}",
            draft_title=f"{WORD.capitalize()} notice {position}",
            slug=f"{WORD}-notice-{position}",
            url_path=f"{parent.url_path}{WORD}-notice-{position}/",
            path=Page._get_path(parent.path, parent.depth + 1, position),
            depth=parent.depth + 1,
            numchild=0,
            live=True,
            content_type=content_type,
            locale_id=parent.locale_id,
        )
        for position in range(1, number + 1)
    ]
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=number)
    return pages


def faceted_pages(home):
    """Case studies, toolkits and stories with the word in their text only, facets varied."""
    cases = CaseStudyIndexPage.objects.child_of(home).get()
    for number, depth, keyword, ratings in zip(
        range(45),
        itertools.cycle(DEPTHS),
        itertools.cycle(KEYWORDS),
        itertools.cycle([{"assets": 3}, {"assets": 2, "networks": 3}, {"networks": 1}]),
        strict=False,
    ):
        CaseStudyPageFactory(
            parent=cases,
            title=f"Case study {number}",
            summary=f"Run with the people who use it, as at {WORD}.",
            depth_level=depth,
            ratings=ratings,
            keywords=[keyword] if number % 4 else [keyword, KEYWORDS[0]],
            live=True,
        )
    toolkits = ToolkitIndexPage.objects.child_of(home).get()
    for number, principle in zip(range(6), itertools.cycle(PRINCIPLES), strict=False):
        ToolkitPageFactory(
            parent=toolkits,
            title=f"Toolkit {number}",
            summary=f"How {WORD} did it.",
            principles=[principle],
            keywords=[KEYWORDS[number % 2]],
            live=True,
        )
    stories = StoryIndexPage.objects.child_of(home).get()
    factors = LifeFactor.objects.filter(locale=home.locale).order_by("key")[:2]
    for number in range(4):
        make_story(
            stories,
            about_me=f"I live near {WORD}.",
            life_factors=[factors[number % 2]],
            publish=True,
        )


@pytest.fixture(scope="module")
def many_matches(django_db_setup, django_db_blocker):
    """The pages above, once for the module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = HomePage.objects.get(depth=2, locale__language_code="en")
        notices = home.add_child(instance=Page(title="Notices"))
        plain = bulk_plain_pages(notices, PLAIN_PAGES)
        # Bulk-created pages send no signal: the database's own index gets them in one go too.
        get_search_backend().get_index_for_model(Page).add_items(Page, plain)
        faceted_pages(home)
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def engine_backend(many_matches):
    """Settings of the engine holding every page, indexed in bulk in this module's prefix."""
    if not ENGINE_URL:
        pytest.skip("run through scripts/with-search-engine.sh, or set HUB_TEST_ELASTICSEARCH_URL")
    params = search_engine_backend(
        ENGINE_URL, engine=ENGINE, index_prefix="hubtest_facets_", timeout=30
    )
    index = EngineBackend(params).get_index_for_model(Page)
    index_every_page(index)
    yield params
    index.delete()


@pytest.fixture
def on_engine(engine_backend, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": engine_backend,
        "database": {"BACKEND": "search.database_backend"},
    }


def matching_ids():
    """Every page with the word, found without any search backend (the test's own truth)."""
    plain = Page.objects.filter(title__startswith=f"{WORD.capitalize()} notice")
    cases = CaseStudyPage.objects.filter(summary__contains=WORD)
    toolkits = ToolkitPage.objects.filter(summary__contains=WORD)
    stories = StoryPage.objects.filter(about_me__contains=WORD)
    return [
        pk
        for pages in (plain, cases, toolkits, stories)
        for pk in pages.live().values_list("pk", flat=True)
    ]


def shown_counts(response):
    """{facet: {URL value: count}} as the page shows them (type by its URL value)."""
    return {
        facet.name: {option.value: option.count for option in facet.options}
        for facet in response.context["facets"]
    }


def true_counts(selected):
    """The counts over every matching page, by the database (type keyed by its URL value)."""
    counts = facet_counts(matching_ids(), selected)
    counts["type"] = {
        f"{type_.app_label}.{type_.model}": number
        for type_, number in (
            (ContentType.objects.get_for_id(pk), number) for pk, number in counts["type"].items()
        )
    }
    return {name: values for name, values in counts.items() if values}


def search(client, **filters):
    response = client.get(
        SearchPage.objects.live().get(locale__language_code="en").url,
        {
            "q": WORD,
            **filters,
        },
    )
    assert response.status_code == 200
    return response


def without_type(counts):
    """The counts without the page type: keywords are shown fifteen at most, so compared whole."""
    return {name: values for name, values in counts.items() if name != "type"}


@pytest.mark.usefixtures("on_engine")
def test_the_engine_counts_facets_over_every_match(client, caplog):
    everything = len(matching_ids())
    assert everything > RANKED_WINDOW

    response = search(client)

    assert "answering from the database index" not in caplog.text
    assert response.context["results"].paginator.count == everything
    shown = shown_counts(response)
    assert shown == true_counts({})
    assert shown["type"]["wagtailcore.page"] == PLAIN_PAGES
    assert sum(shown["type"].values()) == everything  # beyond the window
    assert shown["depth"] == {"descriptive": 15, "intermediate": 15, "transformative": 15}
    assert not response.context["facets_sampled"]
    assert "most relevant results" not in response.content.decode()


@pytest.mark.usefixtures("on_engine")
def test_each_engine_count_is_over_the_pages_matching_the_other_filters(client):
    keyword = search(client, keyword="peer-support")
    expected = true_counts({"keyword": "peer-support"})
    assert without_type(shown_counts(keyword)) == without_type(expected)
    # The results are the pages the keyword's option counted, from every match.
    assert keyword.context["results"].paginator.count == expected["keyword"]["peer-support"]

    selected = {"principle": "assets", "depth": "intermediate"}
    both = search(client, **selected)
    expected = true_counts(selected)
    assert shown_counts(both) == expected
    assert both.context["results"].paginator.count == expected["depth"]["intermediate"]
    assert {page.pk for page in both.context["results"]} == set(
        CaseStudyPage.objects.filter(
            depth_level="intermediate",
            principle_ratings__principle__key="assets",
            principle_ratings__strength__gte=2,
            summary__contains=WORD,
        ).values_list("pk", flat=True)
    )


def test_the_database_counts_the_window_and_says_so(client):
    response = search(client)

    assert response.context["results"].paginator.count == len(matching_ids())
    counts = shown_counts(response)
    assert sum(counts["type"].values()) == RANKED_WINDOW  # each page of the window, once
    assert response.context["facets_sampled"]
    assert "Counts are of the 1000 most relevant results." in response.content.decode()


@pytest.fixture
def many_case_studies(on_engine):
    """The module's case studies copied to more than RANKED_WINDOW, the engine's documents too
    (the copies are rolled back with the test; their documents are deleted here)."""
    catalogue = CaseStudyIndexPage.objects.get(locale__language_code="en")
    sources = CaseStudyPage.objects.child_of(catalogue).order_by("path")
    pairs = copy_children(
        catalogue, sources, RANKED_WINDOW, lambda title, pk: (f"{title} {pk}", f"copy-{pk}")
    )
    engine = get_search_backend()
    copy_engine_documents(pairs, engine)
    yield catalogue
    index = engine.get_index_for_model(CaseStudyPage)
    copies = [str(copy) for _source, copy in pairs]
    index.es.delete_by_query(
        index=index.name, body={"query": {"ids": {"values": copies}}}, refresh=True
    )


def test_a_listing_search_on_the_engine_finds_and_counts_every_match(
    client, many_case_studies, caplog
):
    matches = CaseStudyPage.objects.live().filter(summary__contains=WORD)
    assert matches.count() > RANKED_WINDOW

    response = client.get(many_case_studies.url, {"q": WORD})

    assert response.status_code == 200
    assert "answering from the database index" not in caplog.text
    catalogue = response.context["catalogue"]
    assert catalogue.total == matches.count()
    depths = {
        row["depth_level"]: row["number"]
        for row in matches.order_by().values("depth_level").annotate(number=Count("pk"))
    }
    shown = {o.value: o.count for o in catalogue.facet["depth"].options if o.count}
    assert shown == depths
    assert sum(shown.values()) == matches.count()  # every match counted, not a window of them
