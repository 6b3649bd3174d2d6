"""The public side: the stories index, a story page, the status page, and the demo stories."""

import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Page, WorkflowState

from hub.models import LifeFactor
from provisioning.demo_stories import DEMO_STORIES
from stories.listing import STORIES_PER_PAGE
from stories.models import StoryPage, StoryReference, StoryWithdrawal
from stories.references import create_reference
from tests.stories.factories import make_story, stories_index, submit_for_review

pytestmark = pytest.mark.django_db

INDEX = "/en/stories/"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


def factor(key):
    return LifeFactor.objects.get(key=key, locale__language_code="en")


def test_the_index_lists_live_stories_newest_first(client, site_tree):
    older = make_story(title="Older day", publish=True)
    newer = make_story(title="Newer day", publish=True)
    make_story(title="Still a draft")
    Page.objects.filter(pk=older.pk).update(first_published_at="2020-01-01T00:00Z")

    html = client.get(INDEX).content.decode()

    assert html.index("Newer day") < html.index("Older day")
    assert "Still a draft" not in html
    assert newer.title in html


def test_the_index_filters_by_life_factor_and_keyword(client, site_tree):
    make_story(title="Money day", life_factors=[factor("money")], keywords=["budget"], publish=True)
    make_story(title="Place day", life_factors=[factor("place")], keywords=["rural"], publish=True)

    by_factor = client.get(INDEX, {"factor": "money"}).content.decode()
    assert "Money day" in by_factor and "Place day" not in by_factor
    by_keyword = client.get(INDEX, {"keyword": "rural"}).content.decode()
    assert "Place day" in by_keyword and "Money day" not in by_keyword
    both = client.get(INDEX, {"factor": "money", "keyword": "rural"}).content.decode()
    assert "No stories match" in both


@pytest.mark.parametrize(
    "query",
    [
        {"factor": "not-a-factor"},
        {"keyword": "<script>"},
        {"factor": "money\x00"},
        {"page": "-3"},
        {"page": "999"},
        {"factor": ["nope", "zzz"]},
    ],
)
def test_bad_filter_values_give_a_clean_page(client, site_tree, query):
    make_story(title="Any day", publish=True)
    response = client.get(INDEX, query)
    assert response.status_code == 200
    assert "Any day" in response.content.decode()


@pytest.mark.parametrize("how_many", [3, STORIES_PER_PAGE + 6])
def test_the_index_and_its_exports_take_queries_independent_of_the_stories(
    client, site_tree, django_assert_max_num_queries, how_many
):
    for number in range(how_many):
        make_story(
            title=f"Day {number}",
            life_factors=[factor("money"), factor("place")],
            keywords=[f"k{number % 3}"],
            content_notes=["bereavement"],
            publish=True,
        )
    client.get(INDEX)  # warm the site-root cache, as on a running site
    # The same bounds for 3 stories and for more than a page of them.
    with django_assert_max_num_queries(40):
        response = client.get(INDEX, {"factor": "money", "keyword": "k1"})
    assert response.status_code == 200
    with django_assert_max_num_queries(40):
        response = client.get(INDEX, {"factor": "money"})
    cards = response.content.decode().count('class="card story-card"')
    assert cards == min(how_many, STORIES_PER_PAGE)
    for export in ("csv", "json", "rss"):
        with django_assert_max_num_queries(21):
            response = client.get(INDEX, {"factor": "money", "format": export})
            body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.decode().count("Day ") == how_many, export  # every story, not one page


def test_content_notes_come_before_the_story_on_cards_and_pages(client, site_tree):
    story = make_story(
        title="A hard week",
        about_me="The start of my story.",
        content_notes=["self-harm", "bereavement"],
        publish=True,
    )
    for html in (client.get(INDEX).content.decode(), client.get(story.url).content.decode()):
        note = html.index("Self-harm or suicide")
        assert "Bereavement" in html
        assert note < html.index("The start of my story.")


def test_illustrative_composites_are_labelled_on_the_page_and_in_the_admin(client, site_tree):
    story = make_story(title="Composite day", is_illustrative=True, publish=True)
    assert "Illustrative composite" in client.get(story.url).content.decode()
    assert "illustrative composite" in story.get_admin_display_title()


def test_a_story_page_shows_the_day_and_what_matters(client, site_tree):
    story = make_story(
        pseudonym="Ash",
        passions="Kites",
        hopes="A bigger kite",
        what_helps="Wind",
        what_gets_in_the_way="Trees",
        easy_read_summary="Ash flies kites.",
        life_factors=[factor("passions-and-experiences")],
        publish=True,
    )
    html = client.get(story.url).content.decode()
    for text in ("Told by Ash", "Breakfast.", "Kites", "A bigger kite", "Ash flies kites."):
        assert text in html
    assert "?factor=passions-and-experiences" in html


def test_story_validation_explains_what_is_missing(site_tree):
    story = StoryPage(title="x", slug="x", about_me="a", day=[])
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "pseudonym" in error.value.message_dict
    story.use_first_name = True
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "first_name" in error.value.message_dict


def test_a_moment_with_a_picture_needs_its_description(site_tree):
    from stories.blocks import MomentBlock
    from stories.submission import save_picture, stories_collection
    from tests.stories.factories import held_picture

    picture = save_picture(held_picture(), stories_collection())
    block = MomentBlock()
    value = block.to_python(
        {"time_of_day": "9", "what_happens": "x", "image": picture.pk, "image_alt": ""}
    )
    with pytest.raises(ValidationError):
        block.clean(value)
    value = block.to_python(
        {"time_of_day": "9", "what_happens": "x", "image": picture.pk, "image_alt": "A cup"}
    )
    assert block.clean(value)["image_alt"] == "A cup"


# The private status page --------------------------------------------------------------------


def status_url(token):
    return f"/en/stories/my-story/{token}/"


def test_the_status_page_follows_the_story_through_review(client, site_tree, make_user):
    from hub import groups

    moderator = make_user("mod", groups.MODERATORS)
    story = make_story(title="Followed")
    submit_for_review(story)
    token = create_reference(story)

    response = client.get(status_url(token))
    assert "With a moderator" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"

    task_state = story.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Add the bus")
    html = client.get(status_url(token)).content.decode()
    assert "Changes suggested" in html and "Add the bus" in html

    story.get_latest_revision().publish()
    assert "Published" in client.get(status_url(token)).content.decode()


def test_wrong_missing_and_expired_links_look_the_same(client, site_tree):
    story = make_story()
    token = create_reference(story)
    StoryReference.objects.filter(story=story).update(expires_at="2000-01-01T00:00Z")
    pages = [
        client.get(status_url(token)),
        client.get(status_url("wrong-token")),
        client.get(status_url("x" * 300)),
    ]
    assert {page.status_code for page in pages} == {404}
    bodies = {page.content.decode().replace("x" * 300, "") for page in pages}
    assert all("We cannot show a story for this link" in body for body in bodies)
    assert all(story.title not in body and story.pseudonym not in body for body in bodies)


def test_status_look_ups_are_rate_limited(client, site_tree):
    for _ in range(30):
        client.get(status_url("guess"))
    assert client.get(status_url("guess")).status_code == 429


def test_the_contributor_withdraws_with_the_private_link(client, site_tree):
    story = make_story(title="Take me back", publish=True)
    token = create_reference(story)

    confirm = client.post(status_url(token), {"action": "withdraw"})
    assert "Are you sure" in confirm.content.decode()
    assert StoryPage.objects.filter(pk=story.pk).exists()

    done = client.post(status_url(token), {"action": "withdraw-confirmed"})
    assert "Your story has been deleted" in done.content.decode()
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert StoryWithdrawal.objects.get().by == "contributor"
    assert client.get(status_url(token)).status_code == 404


# Approval and withdrawal, seen from the index and the search page ----------------------------


def test_approval_shows_a_story_on_the_index_and_in_search_and_withdrawal_hides_it(
    client, site_tree, make_user
):
    from hub import groups
    from stories.withdrawal import WithdrawnBy, withdraw_story

    moderator = make_user("mod", groups.MODERATORS)
    story = make_story(title="Lighthouse keeping", about_me="I watch the zanderwick tides.")
    submit_for_review(story)
    search = "/en/search/?q=zanderwick"
    assert "Lighthouse keeping" not in client.get(INDEX).content.decode()
    assert "Lighthouse keeping" not in client.get(search).content.decode()

    task_state = story.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve", comment="")
    assert WorkflowState.objects.get(object_id=str(story.pk)).status == "approved"
    assert "Lighthouse keeping" in client.get(INDEX).content.decode()
    assert "Lighthouse keeping" in client.get(search).content.decode()

    withdraw_story(story, by=WithdrawnBy.MODERATOR)
    assert "Lighthouse keeping" not in client.get(INDEX).content.decode()
    assert "Lighthouse keeping" not in client.get(search).content.decode()


# Demo content ---------------------------------------------------------------------------------


def test_demo_stories_cover_every_life_factor_and_every_state(site_tree):
    call_command("load_demo_content", "--only", "stories")
    call_command("load_demo_content", "--only", "stories")  # idempotent

    stories = StoryPage.objects.all()
    assert stories.count() == len(DEMO_STORIES)
    assert all(story.is_illustrative for story in stories)
    covered = {f.key for story in stories for f in story.life_factors.all()}
    assert covered == set(LifeFactor.objects.values_list("key", flat=True))
    states = WorkflowState.objects.filter(object_id__in=[str(s.pk) for s in stories])
    assert states.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    assert states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).count() == 1
    assert stories.filter(live=True).count() == stories.count() - 2
    assert all(story.consent.publish_on_web for story in stories)
    assert stories_index().get_children().count() == stories.count()


def test_the_index_exports_the_filtered_stories_with_the_shown_name_only(client, site_tree):
    make_story(title="Money day", life_factors=[factor("money")], publish=True)
    make_story(title="Place day", life_factors=[factor("place")], publish=True)
    make_story(title="Draft money day", life_factors=[factor("money")])

    response = client.get(INDEX, {"factor": "money", "format": "json"})

    items = json.loads(b"".join(response.streaming_content))
    assert [item["title"] for item in items] == ["Money day"]
    assert items[0]["life_factors"] == "money"
    assert set(items[0]) == {
        "title",
        "url",
        "told_by",
        "region",
        "illustrative",
        "life_factors",
        "keywords",
        "first_published_at",
    }
    feed = client.get(INDEX, {"format": "rss"}).content.decode()
    assert "Money day" in feed and "Place day" in feed and "Draft money day" not in feed
