"""Withdrawal never waits on the search engine, and the engine is told later, for certain.

The engines fail for real (tests/search/engines.py): a refused port, a listener that never
answers. The engine that comes back is a stub speaking Elasticsearch's HTTP API, because no
cluster runs here; it records the removals it is sent and keeps answering with stale hits.
"""

import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale, Page

from hub import groups
from search import breaker
from search.models import SearchPage
from search.outbox import PendingIndexChange
from stories.models import StoryPage, StoryWithdrawal
from stories.references import create_reference
from stories.withdrawal import WithdrawnBy, withdraw_story
from tests.search.engines import closed_port
from tests.stories.factories import make_story, stories_index

pytestmark = pytest.mark.django_db

TITLE = "The quorbleflax morning"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


@pytest.fixture(params=["refused", "hung"])
def engine_down(request, use_engine):
    """An engine that refuses connections, or one that accepts and never answers."""
    if request.param == "refused":
        return use_engine(f"http://127.0.0.1:{closed_port()}")
    return use_engine(request.getfixturevalue("hung_engine").url)


def pending_ids():
    return set(PendingIndexChange.objects.values_list("object_id", flat=True))


def test_the_contributor_withdraws_while_the_engine_is_down(
    client, site_tree, engine_down, django_capture_on_commit_callbacks
):
    story = make_story(title=TITLE, publish=True)
    token = create_reference(story)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/stories/my-story/{token}/", {"action": "withdraw-confirmed"})

    assert response.status_code == 200
    assert "Your story has been deleted" in response.content.decode()
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert StoryWithdrawal.objects.get().by == "contributor"
    assert str(story.pk) in pending_ids()  # the engine is still owed the removal
    assert breaker.is_open(engine_down)


def test_the_moderator_withdraws_while_the_engine_is_down(
    client, make_user, site_tree, engine_down, django_capture_on_commit_callbacks
):
    moderator = make_user("moderator", groups.MODERATORS)
    story = make_story(title=TITLE, publish=True, index=stories_index())
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/stories/withdraw/{story.pk}/", follow=True)

    assert response.status_code == 200
    assert "The story has been withdrawn" in response.content.decode()
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert str(story.pk) in pending_ids()


def withdrawn_while_down(use_engine, django_capture_on_commit_callbacks):
    """A published story (in English and Welsh) withdrawn while the engine refused connections."""
    use_engine(f"http://127.0.0.1:{closed_port()}")
    story = make_story(title=TITLE, publish=True, consent_translate=True)
    welsh = story.copy_for_translation(Locale.objects.get(language_code="cy"), copy_parents=True)
    welsh.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_story(story, by=WithdrawnBy.MODERATOR)
    assert {str(story.pk), str(welsh.pk)} <= pending_ids()
    return story.pk, welsh.pk


def test_removals_are_sent_on_the_next_successful_contact(
    client, section, use_engine, stub_engine, django_capture_on_commit_callbacks
):
    story_ids = withdrawn_while_down(use_engine, django_capture_on_commit_callbacks)
    use_engine(stub_engine.url)  # the engine is back

    response = client.get(section(SearchPage).url, {"q": "toolkits"})

    assert response.status_code == 200
    assert {str(pk) for pk in story_ids} <= set(stub_engine.documents("DELETE"))
    assert not PendingIndexChange.objects.exists()


def test_a_stale_engine_shows_nothing_the_database_does_not_allow(
    client, section, site_tree, use_engine, stub_engine, django_capture_on_commit_callbacks
):
    story_ids = withdrawn_while_down(use_engine, django_capture_on_commit_callbacks)
    draft = Page(title="Unpublished guide", live=False)
    site_tree.add_child(instance=draft)
    welsh_home = Page.objects.get(depth=2, locale__language_code="cy")
    toolkits = Page.objects.get(depth=3, locale=site_tree.locale, slug="toolkits")
    use_engine(stub_engine.url)
    # The engine has not applied the removals yet and finds everything, whatever the query.
    stub_engine.hits = [*story_ids, draft.pk, welsh_home.pk, toolkits.pk]
    url = section(SearchPage).url

    results = client.get(url, {"q": "quorbleflax"})
    suggestions = client.get(f"{url}autocomplete/", {"q": "quorb"})

    assert [page.title for page in results.context["results"]] == ["Toolkits"]
    # Facets count only what is shown: one page, of one type; no story facet (life factor).
    assert [facet.name for facet in results.context["facets"]] == ["type"]
    assert [option.count for option in results.context["facets"][0].options] == [1]
    assert TITLE not in results.content.decode()
    assert [s["title"] for s in suggestions.json()["results"]] == ["Toolkits"]


def test_update_index_sends_the_pending_removals(
    use_engine, stub_engine, django_capture_on_commit_callbacks
):
    story_ids = withdrawn_while_down(use_engine, django_capture_on_commit_callbacks)
    engine = use_engine(stub_engine.url)
    breaker.trip(engine, "an earlier failure")

    with open(os.devnull, "w") as quiet:
        call_command("update_index", backend_name="default", stdout=quiet)

    assert {str(pk) for pk in story_ids} <= set(stub_engine.documents("DELETE"))
    assert not PendingIndexChange.objects.exists()
    assert not breaker.is_open(engine)
