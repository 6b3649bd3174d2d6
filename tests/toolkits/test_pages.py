"""The toolkit index (filters, bad input, query bound, feed) and the guide pages."""

import csv
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from casestudies.models import Framework, FrameworkElement
from hub.listing.export import EXPORTS
from tests.toolkits.factories import (
    GuidePageFactory,
    LearningForumPageFactory,
    ToolkitPageFactory,
)
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def toolkits(section):
    return section(ToolkitIndexPage)


@pytest.fixture
def catalogue(toolkits):
    forum = LearningForumPageFactory(parent=toolkits, title="Valley forum")
    return {
        "peer": ToolkitPageFactory(
            parent=toolkits,
            title="Peer support toolkit",
            audience="practitioners",
            principles=["networks", "mutuality"],
            keywords=["Peer Support"],
        ),
        "time": ToolkitPageFactory(
            parent=toolkits,
            title="Time bank toolkit",
            audience="managers",
            principles=["mutuality"],
            keywords=["Time Banking"],
        ),
        "codesign": GuidePageFactory(
            parent=forum,
            title="Co-design guide",
            audience="everyone",
            principles=["blur_roles"],
            keywords=["Co-design"],
        ),
        "draft": GuidePageFactory(parent=forum, title="Draft guide", live=False),
    }


def content(response):
    """The body of a response, streamed (CSV, JSON) or not."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def titles(response):
    """The titles listed in the results (not the forums list or the filter form)."""
    html = response.content.decode()
    results = html.split('id="results-heading"')[1].split('id="forums-heading"')[0]
    names = ("Peer support toolkit", "Time bank toolkit", "Co-design guide", "Draft guide")
    return {name.rsplit(" ", 1)[0] for name in names if f">{name}</a>" in results}


def test_the_index_lists_live_toolkits_and_forum_guides(client, toolkits, catalogue):
    response = client.get(toolkits.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert titles(response) == {"Peer support", "Time bank", "Co-design"}
    assert "From the learning forum Valley forum" in html
    assert '<legend class="facet__legend">Who it is for</legend>' in html
    assert 'name="audience" value="managers"' in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("audience=managers", {"Time bank", "Co-design"}),  # "everyone" suits managers too
        ("audience=everyone", {"Co-design"}),
        ("principle=mutuality", {"Peer support", "Time bank"}),
        ("principle=blur_roles", {"Co-design"}),
        ("keyword=peer-support", {"Peer support"}),
        ("principle=mutuality&audience=practitioners", {"Peer support"}),
        ("principle=catalysts", set()),
    ],
)
def test_filters_narrow_the_listing(client, toolkits, catalogue, query, expected):
    response = client.get(f"{toolkits.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_facets_count_toolkits_and_guides_together_and_chips_say_what_is_applied(
    client, toolkits, catalogue
):
    response = client.get(toolkits.url, {"audience": "managers"})
    listing = response.context["listing"]
    counts = {f.name: {o.value: o.count for o in f.options} for f in listing.counted_facets}

    # A page for everyone suits every audience, so it counts under each.
    assert counts["audience"] == {"practitioners": 2, "managers": 2, "people": 1, "everyone": 1}
    # Principles and keywords count what choosing them would give: here, among the two results.
    assert counts["principle"]["mutuality"] == 1 and counts["principle"]["blur_roles"] == 1
    assert counts["principle"]["networks"] == 0
    # Keywords of toolkits and of guides, offered once, in alphabetical order.
    assert list(counts["keyword"].items()) == [
        ("co-design", 1),
        ("peer-support", 0),
        ("time-banking", 1),
    ]
    assert "Who it is for: Managers and commissioners" in response.content.decode()


def test_toolkits_and_guides_filter_and_count_by_framework_element(client, toolkits, catalogue):
    cahn = Framework.objects.create(key="core-values", name="Core values", locale=toolkits.locale)
    reciprocity = FrameworkElement.objects.create(
        key="reciprocity", name="Reciprocity", framework=cahn, locale=toolkits.locale
    )
    FrameworkElement.objects.create(
        key="respect", name="Respect", framework=cahn, locale=toolkits.locale
    )
    for tagged in (catalogue["time"], catalogue["codesign"]):
        tagged.framework_elements.add(reciprocity)
        tagged.save()

    response = client.get(toolkits.url, {"framework_element": "reciprocity"})

    assert titles(response) == {"Time bank", "Co-design"}
    listing = response.context["listing"]
    counts = {f.name: {o.value: o.count for o in f.options} for f in listing.counted_facets}
    # Offered once for toolkits and guides together, named with its framework.
    assert counts["framework_element"] == {"reciprocity": 2, "respect": 0}
    assert "Core values: Reciprocity" in response.content.decode()


def test_the_csv_export_has_the_documented_columns_and_only_live_pages(client, toolkits, catalogue):
    text = content(client.get(toolkits.url, {"format": "csv"}))
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(text))}

    assert list(next(iter(rows.values()))) == [
        "title",
        "url",
        "kind",
        "audience",
        "summary",
        "principles",
        "keywords",
        "forum",
        "licence",
        "last_reviewed",
    ]
    assert set(rows) == {"Peer support toolkit", "Time bank toolkit", "Co-design guide"}
    guide = rows["Co-design guide"]
    assert (guide["kind"], guide["forum"], guide["keywords"]) == (
        "guide",
        "Valley forum",
        "Co-design",
    )
    assert rows["Peer support toolkit"]["principles"] == "mutuality; networks"


def test_unknown_filter_values_give_a_clean_page_with_a_note(client, toolkits, catalogue):
    response = client.get(
        f"{toolkits.url}?audience=aliens&principle=%3Cscript%3E&keyword=nope&page=zzz"
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "Some parts of the address were not recognised and have been left out" in html
    assert "&lt;script&gt;" in html and "<script>" not in html.split("<main")[1].split("</main")[0]
    assert titles(response) == {"Peer support", "Time bank", "Co-design"}


def test_the_listing_needs_a_bounded_number_of_queries(
    client, toolkits, catalogue, django_assert_max_num_queries
):
    forum = catalogue["codesign"].get_parent()

    def add_pages(start, count):
        for number in range(start, start + count):
            ToolkitPageFactory(parent=toolkits, principles=["assets"], keywords=[f"Word {number}"])
            GuidePageFactory(parent=forum, principles=["assets"], keywords=[f"Word {number}"])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{toolkits.url}?principle=assets")
        return len(queries), response.content.decode().count('class="card"')

    def export_queries():
        """{export: (queries, items)} for each export of the filtered listing, and the feed."""
        found = {}
        for export, url in [
            *((name, f"{toolkits.url}?principle=assets&format={name}") for name in EXPORTS),
            ("feed", f"{toolkits.url}feed/"),
        ]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                text = content(response)
            items = {
                "csv": len(text.strip().splitlines()) - 1,  # rows under the header
                "json": len(json.loads(text)) if export == "json" else 0,
            }.get(export, text.count("<item>"))
            found[export] = (len(queries), items)
        return found

    # Both sizes fill several pages of results (a listing of one page reads one fewer page).
    add_pages(0, 13)
    client.get(toolkits.url)  # warm Wagtail's site and locale caches
    few, few_cards = count_queries()
    few_exports = export_queries()
    add_pages(13, 20)
    many, many_cards = count_queries()
    many_exports = export_queries()

    assert (few_cards, many_cards) == (24 + 1, 24 + 1)  # a page of results, plus the forum card
    assert many == few  # the number of queries does not grow with the number of pages
    with django_assert_max_num_queries(48):
        client.get(f"{toolkits.url}?principle=assets&keyword=word-3&page=2")
    # Exports hold every result (feeds the 50 newest; the feed: every page, unfiltered), in as
    # many queries for 26 results as for 66.
    assert {name: items for name, (_q, items) in few_exports.items()} == {
        "csv": 26,
        "json": 26,
        "rss": 26,
        "feed": 3 + 26,
    }
    assert {name: items for name, (_q, items) in many_exports.items()} == {
        "csv": 66,
        "json": 66,
        "rss": 50,  # feeds hold the 50 newest
        "feed": 50,
    }
    assert {name: q for name, (q, _i) in many_exports.items()} == {
        name: q for name, (q, _i) in few_exports.items()
    }
    # Two page types, each loaded with its principles and keywords, and the guides' forums.
    assert max(q for q, _items in many_exports.values()) <= 32


def test_the_feed_lists_public_toolkits_and_guides(client, toolkits, catalogue):
    response = client.get(f"{toolkits.url}feed/")
    xml = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Peer support toolkit" in xml and "Co-design guide" in xml
    assert "Draft guide" not in xml


def test_a_guide_shows_steps_checklist_and_a_download_with_its_html_version(
    client, toolkits, catalogue
):
    Document = get_document_model()
    document = Document(title="Checklist file")
    document.file.save("checklist.txt", ContentFile(b"Plan the first meeting"), save=False)
    document.save()
    guide = catalogue["codesign"]
    guide.steps = [
        ("step", {"heading": "Ask first", "text": "<p>Talk to people.</p>", "checklist": ["Done"]})
    ]
    guide.downloads = [
        (
            "download",
            {
                "document": document,
                "title": "Planning checklist",
                "description": "",
                "html_alternative": "<p>Plan the first meeting together.</p>",
            },
        )
    ]
    guide.co_authors = "Valley Carers Network\nA peer supporter"
    guide.licence = "cc-by-4.0"
    guide.save_revision().publish()

    html = client.get(guide.url).content.decode()

    assert '<h3 class="guide-step__heading">Ask first</h3>' in html
    assert "Checklist" in html and "<li>Done</li>" in html
    assert document.url in html and "Download Planning checklist (TXT)" in html
    assert "Read Planning checklist on this page" in html
    assert "Plan the first meeting together." in html
    assert "Valley forum" in html  # the forum it came from
    assert "<li>A peer supporter</li>" in html
    assert 'rel="license"' in html and "creativecommons.org/licenses/by/4.0/" in html
    assert "Blur roles" in html
