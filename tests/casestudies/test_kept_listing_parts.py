"""Listing cards and facet counts kept between requests: really reused, never stale.

The page cache is off in these tests (`uncached`), so every request renders the catalogue and
only the kept parts (hub.page_cache.fragments) can make a second request cheaper.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage
from hub.models import Principle
from hub.templatetags import wedge_tags
from tests.casestudies.factories import CaseStudyPageFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(section, uncached):
    index = section(CaseStudyIndexPage)
    care = SectorFactory(key="adult-social-care", name="Adult social care")
    health = SectorFactory(key="mental-health", name="Mental health")
    pages = [
        CaseStudyPageFactory(
            parent=index, title="Time bank in Leeds", sector=care, ratings={"assets": 3}
        ),
        CaseStudyPageFactory(
            parent=index, title="Recovery college", sector=health, ratings={"networks": 2}
        ),
    ]
    return index, pages


def rendered(client, url):
    """The page, and the SQL of the queries that rendered it."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def counting(statements):
    return [sql for sql in statements if "hub_matching_pages" in sql]


def drawing_cards(statements):
    """The queries loading the ratings that cards draw in their wedges."""
    ratings = [sql for sql in statements if '"casestudies_principlerating"' in sql]
    return [sql for sql in ratings if sql not in counting(statements)]


def sector_count(html, name):
    """The count shown beside a sector's option in the filters."""
    label = html.split(f'{name} <span class="facet__count">(', 1)[1]
    return int(label.split("<", 1)[0])


def test_cards_and_counts_are_reused_by_the_next_request(client, catalogue):
    index, _pages = catalogue
    first, first_queries = rendered(client, index.url)
    second, second_queries = rendered(client, index.url)

    assert second == first
    assert "Time bank in Leeds" in second and "Recovery college" in second
    # The first request drew the cards from the pages, their ratings and sectors, and counted
    # the facets; the second used what the first kept.
    assert drawing_cards(first_queries) and counting(first_queries)
    assert not drawing_cards(second_queries) and not counting(second_queries)
    assert len(second_queries) < len(first_queries)


def test_a_filtered_view_reuses_the_cards_another_view_drew(client, catalogue):
    index, _pages = catalogue
    rendered(client, index.url)
    html, queries = rendered(client, index.url + "?sector=adult-social-care")

    assert "Time bank in Leeds" in html and "Recovery college" not in html
    assert not drawing_cards(queries)
    # Its counts are its own: a query string nobody asked before is counted.
    assert counting(queries)


def test_cards_and_counts_are_fresh_after_every_change(client, catalogue):
    index, (leeds, college) = catalogue
    rendered(client, index.url)

    # A new revision published: the card shows it.
    leeds.title = "Time bank in Leeds and Bradford"
    leeds.save_revision().publish()
    html, _ = rendered(client, index.url)
    assert "Time bank in Leeds and Bradford" in html

    # The taxonomy a card names, renamed: sector and principle.
    care = leeds.sector
    care.name = "Social care for adults"
    care.save()
    assets = Principle.objects.get(key="assets", locale__language_code="en")
    assets.name = "Assets, renamed"
    assets.save()
    html, _ = rendered(client, index.url)
    assert "Social care for adults" in html and "Adult social care" not in html
    assert "Assets, renamed" in html

    # Unpublished: its card goes, and the counts no longer include it.
    assert sector_count(html, "Mental health") == 1
    college.unpublish()
    html, _ = rendered(client, index.url)
    assert "Recovery college" not in html
    assert sector_count(html, "Mental health") == 0

    # Published again, with a new case study in the same sector: counted at once, also in a
    # filtered view asked before the change.
    filtered = index.url + "?sector=mental-health"
    assert sector_count(rendered(client, filtered)[0], "Mental health") == 0
    college.save_revision().publish()
    CaseStudyPageFactory(parent=index, title="Peer support line", sector=college.sector)
    html, _ = rendered(client, filtered)
    assert sector_count(html, "Mental health") == 2
    assert "Recovery college" in html and "Peer support line" in html


def test_a_published_translation_replaces_the_fallback_card(client, catalogue, site_tree):
    index, (leeds, _college) = catalogue
    welsh = Locale.objects.get(language_code="cy")
    for page in (site_tree, index):
        page.copy_for_translation(welsh, copy_parents=True).save_revision().publish()
    welsh_index = index.get_translation(welsh)
    english_card = rendered(client, welsh_index.url)[0]
    assert 'lang="en"' in english_card and "Time bank in Leeds" in english_card

    translation = leeds.copy_for_translation(welsh, copy_parents=True)
    translation.title = "Banc amser yn Leeds"
    translation.save_revision().publish()
    html, _ = rendered(client, welsh_index.url)

    assert "Banc amser yn Leeds" in html
    assert "Time bank in Leeds" not in html
    # The English catalogue's card is its own: still in English.
    assert "Time bank in Leeds" in rendered(client, index.url)[0]


def test_nothing_is_kept_when_switched_off(client, catalogue, settings):
    settings.HUB_FRAGMENT_CACHE_SECONDS = 0
    index, _pages = catalogue
    rendered(client, index.url)
    _html, queries = rendered(client, index.url)
    assert drawing_cards(queries) and counting(queries)


def test_a_case_studys_wedge_is_kept_per_revision_and_never_in_a_preview(
    client, catalogue, monkeypatch
):
    _index, (leeds, _college) = catalogue
    # Counts the wedges drawn (the page reads its ratings anyway, for its link preview's text).
    drawn = []
    draw = wedge_tags.build_segments
    monkeypatch.setattr(
        wedge_tags,
        "build_segments",
        lambda *args, **kwargs: drawn.append(1) or draw(*args, **kwargs),
    )
    first, _queries = rendered(client, leeds.url)
    drawn_first = len(drawn)
    second, _queries = rendered(client, leeds.url)
    assert second == first
    assert drawn_first >= 1 and len(drawn) == drawn_first

    # A preview of an unsaved edit shows the edit, not the wedge kept for the live revision.
    leeds.principles_assessed = False
    preview = leeds.make_preview_request()
    assert "Not yet assessed" in preview.render().content.decode()
    assert "Not yet assessed" not in rendered(client, leeds.url)[0]

    # Published as a new revision: the wedge says so at once.
    leeds.save_revision().publish()
    assert "Not yet assessed" in rendered(client, leeds.url)[0]
