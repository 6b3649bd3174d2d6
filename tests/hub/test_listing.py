"""The listing engine (hub.listing), shared by every listing: tested once, on the resource library.

Each listing's own declaration (its facets, sorts, columns) is tested with that listing.
"""

import csv
import io
import json

import pytest
from defusedxml import ElementTree  # installed with Wagtail (through Willow)
from wagtail.models import Page, PageViewRestriction

from casestudies.filters import PER_PAGE
from casestudies.models import ResourceIndexPage
from hub.listing.export import escape_cell
from tests.casestudies.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(section):
    return section(ResourceIndexPage)


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(streamed(response))))


def test_a_cell_a_spreadsheet_would_read_as_a_formula_is_escaped():
    assert escape_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert escape_cell("+1") == "'+1"
    assert escape_cell("-1") == "'-1"
    assert escape_cell("@SUM(A1)") == "'@SUM(A1)"
    assert escape_cell("Plain text - with a dash") == "Plain text - with a dash"
    assert escape_cell(None) == ""


def test_csv_holds_exactly_the_filtered_results_of_every_page_and_escapes_formulas(client, library):
    for n in range(PER_PAGE + 3):
        ResourcePageFactory(parent=library, title=f"Tool {n:03d}", resource_type="practical_tool")
    ResourcePageFactory(parent=library, title="=cmd|' /C calc'!A0", resource_type="practical_tool")
    ResourcePageFactory(parent=library, title="A research paper", resource_type="research")

    response = client.get(library.url, {"type": "practical_tool", "format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    titles = [row["title"] for row in rows]
    assert len(titles) == PER_PAGE + 4  # every page of results, not the first 50
    assert "A research paper" not in titles
    assert "'=cmd|' /C calc'!A0" in titles
    assert list(rows[0]) == [
        "title",
        "url",
        "type",
        "authors",
        "year",
        "publisher",
        "external_url",
        "why_useful",
        "keywords",
    ]
    assert {row["type"] for row in rows} == {"practical_tool"}


def test_json_export_matches_the_listing_and_keeps_drafts_and_members_only_pages_out(
    client, library
):
    ResourcePageFactory(parent=library, title="Open", keywords=["Peer support"])
    draft = ResourcePageFactory(parent=library, title="Draft", keywords=["Peer support"])
    draft.unpublish()
    private = ResourcePageFactory(parent=library, title="Members only", keywords=["Peer support"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    listed = client.get(library.url, {"keyword": "peer-support"}).context["library"]
    response = client.get(library.url, {"keyword": "peer-support", "format": "json"})

    items = json.loads(streamed(response))
    assert [item["title"] for item in items] == ["Open"]
    assert [page.title for page in listed.pages] == ["Open"]
    assert items[0]["keywords"] == "Peer support"
    for fmt in ("csv", "rss"):
        body = client.get(library.url, {"format": fmt})
        text = streamed(body) if fmt == "csv" else body.content.decode()
        assert "Members only" not in text and "Draft" not in text


def test_the_feed_has_the_newest_filtered_items(client, library):
    old = ResourcePageFactory(parent=library, title="Older", resource_type="research")
    new = ResourcePageFactory(parent=library, title="Newer", resource_type="research")
    ResourcePageFactory(parent=library, title="A film", resource_type="multimedia")
    Page.objects.filter(pk=old.pk).update(first_published_at="2020-01-01T00:00Z")
    Page.objects.filter(pk=new.pk).update(first_published_at="2025-01-01T00:00Z")

    response = client.get(library.url, {"type": "research", "format": "rss"})

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Newer", "Older"]


def test_every_listing_links_to_its_exports_with_its_filters(client, library):
    ResourcePageFactory(parent=library, title="Open", resource_type="research")
    html = client.get(library.url, {"type": "research"}).content.decode()
    assert "?type=research&amp;format=csv" in html
    assert "?type=research&amp;format=json" in html
    assert "?type=research&amp;format=rss" in html


def test_filters_sit_behind_a_disclosure_that_says_how_many_are_chosen(client, library):
    ResourcePageFactory(parent=library, title="Open", resource_type="research", keywords=["A"])
    html = client.get(library.url, {"type": "research", "keyword": "a"}).content.decode()
    assert "<details" in html and "<summary" in html
    assert "(2 chosen)" in html
    # The count of results comes before the filters.
    assert html.index('id="results-heading"') < html.index("<details")


def test_an_unknown_value_is_ignored_and_reported(client, library):
    ResourcePageFactory(parent=library, title="Open", resource_type="research")
    response = client.get(library.url, {"type": "poster", "keyword": "nothing"})
    listing = response.context["library"]
    assert listing.total == 1
    assert ("type", "poster") in listing.ignored
    assert "type = “poster”" in response.content.decode()


@pytest.mark.parametrize("how_many", [3, 60])
def test_the_listing_and_its_exports_take_a_number_of_queries_independent_of_the_results(
    client, library, django_assert_max_num_queries, how_many
):
    ResourcePageFactory.create_batch(how_many, parent=library, keywords=["Peer support"])
    client.get(library.url)  # warm the site-root cache, as on a running site
    with django_assert_max_num_queries(34):  # the listing's dozen, and the site chrome
        page = client.get(library.url, {"keyword": "peer-support"})
    assert len(page.context["library"].pages) == min(how_many, PER_PAGE)
    for fmt in ("csv", "json"):
        with django_assert_max_num_queries(20):
            assert len(streamed(client.get(library.url, {"format": fmt}))) > 0
    with django_assert_max_num_queries(20):
        assert client.get(library.url, {"format": "rss"}).status_code == 200
