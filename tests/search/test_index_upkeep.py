"""Publishing, unpublishing, moving and deleting pages keep search in step."""

import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from casestudies.models import CaseStudyIndexPage
from search.models import SearchPage
from stories.models import StoryIndexPage

# These tests look inside the search and its rendering (context, engine connections), so each
# request must really be served: the page cache (tested in tests/hub/test_page_cache.py) is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def titles(client, url, query):
    return [page.title for page in client.get(url, {"q": query}).context["results"]]


def index_entries(page):
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    )


@pytest.fixture
def search_url(section):
    return section(SearchPage).url


@pytest.fixture
def guide(site_tree):
    page = Page(title="Befriending guide")
    site_tree.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_publish_and_unpublish(client, search_url, site_tree):
    draft = Page(title="Befriending guide", live=False)
    site_tree.add_child(instance=draft)
    assert titles(client, search_url, "befriending") == []

    draft.save_revision().publish()
    assert titles(client, search_url, "befriending") == ["Befriending guide"]

    Page.objects.get(pk=draft.pk).unpublish()  # a fresh instance: the old one still says draft
    assert titles(client, search_url, "befriending") == []


def test_a_new_title_is_found_once_published(client, search_url, guide):
    guide.title = "Good neighbours scheme"
    guide.save_revision().publish()

    assert titles(client, search_url, "neighbours") == ["Good neighbours scheme"]
    assert titles(client, search_url, "befriending") == []


def test_moved_pages_are_found_at_their_new_address(client, search_url, guide, section):
    guide.move(section(StoryIndexPage), pos="last-child")

    response = client.get(search_url, {"q": "befriending"})
    assert [page.url for page in response.context["results"]] == ["/en/stories/befriending-guide/"]
    guide.move(section(CaseStudyIndexPage), pos="last-child")
    response = client.get(search_url, {"q": "befriending"})
    assert [page.url for page in response.context["results"]] == [
        "/en/case-studies/befriending-guide/"
    ]


def test_deleted_pages_leave_no_index_entry(client, search_url, guide):
    assert index_entries(guide).exists()

    Page.objects.get(pk=guide.pk).delete()

    assert not index_entries(guide).exists()
    assert titles(client, search_url, "befriending") == []


def test_update_index_rebuilds_what_was_lost(client, search_url, guide):
    IndexEntry.objects.all().delete()
    assert titles(client, search_url, "befriending") == []

    with open(os.devnull, "w") as quiet:
        call_command("update_index", stdout=quiet)

    assert titles(client, search_url, "befriending") == ["Befriending guide"]
