"""The moderated "Story review" workflow through real admin requests and real workflow objects."""

import pytest
from django.core import mail
from wagtail.models import GroupApprovalTask, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from hub import groups
from provisioning import bootstrap
from stories.models import ConsentRecord, StoryIndexPage, StoryPage
from tests.stories.factories import make_story, submit_for_review

pytestmark = pytest.mark.django_db


def story_form(story=None, **overrides):
    """The admin edit form's data for a story, as the editor would post it."""
    values = {
        "title": story.title if story else "My Monday",
        "slug": story.slug if story else "my-monday",
        "pseudonym": story.pseudonym if story else "Wren",
        "first_name": "",
        "about_me": story.about_me if story else "I like rain.",
        "region": "london",
        "setting": "city",
        "voice": "own-words",
        "day": streamfield(
            [
                (
                    "moment",
                    {"time_of_day": "9am", "what_happens": "Tea.", "image": "", "image_alt": ""},
                )
            ]
        ),
        "passions": "",
        "hopes": "",
        "what_helps": "",
        "what_gets_in_the_way": "",
        "easy_read_summary": "",
        "audio": "",
        "audio_transcript": "",
        "keywords": "",
        "consent_how_given": "self",
        "comments": inline_formset([]),
    }
    values.update(overrides)
    return nested_form_data(values)


@pytest.fixture
def people(site_tree, make_user):
    expert = make_user("expert", groups.EXPERTS)
    other_expert = make_user("other", groups.EXPERTS)
    moderator = make_user("moderator", groups.MODERATORS)
    for user in (expert, other_expert, moderator):
        user.email = f"{user.username}@example.org"
        user.save()
    return expert, other_expert, moderator


@pytest.fixture
def index(site_tree, section):
    return section(StoryIndexPage)


def add_url(index):
    return f"/admin/pages/add/stories/storypage/{index.pk}/"


def test_the_story_review_workflow_is_set_up_once(site_tree, index):
    bootstrap.run(demo_logins=False)
    workflow = Workflow.objects.get(name="Story review")
    assert Workflow.objects.filter(name="Story review").count() == 1
    assert WorkflowPage.objects.get(page=index).workflow == workflow
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert [group.name for group in task.groups.all()] == [groups.MODERATORS]
    assert index.get_workflow() == workflow


def test_an_expert_drafts_and_submits_and_moderators_are_emailed(client, people, index):
    expert, _other, _moderator = people
    client.force_login(expert)
    data = story_form(consent_publish_on_web="on", **{"action-submit": "Submit"})

    response = client.post(add_url(index), data)

    assert response.status_code == 302, response.content[:2000]
    story = StoryPage.objects.get(slug="my-monday")
    assert story.owner == expert and not story.live
    assert ConsentRecord.objects.get(story=story).publish_on_web
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == expert
    assert any(message.to == ["moderator@example.org"] for message in mail.outbox)


def test_an_expert_cannot_publish(client, people, index):
    expert, _other, _moderator = people
    client.force_login(expert)
    client.post(add_url(index), story_form(consent_publish_on_web="on", **{"action-publish": "1"}))
    story = StoryPage.objects.get(slug="my-monday")
    assert not story.live
    assert not story.permissions_for_user(expert).can_publish()


def test_experts_cannot_see_or_open_other_contributors_drafts(client, people, index):
    expert, other, _moderator = people
    mine = make_story(owner=expert, title="Mine to keep")
    theirs = make_story(owner=other, title="Someone else's draft")
    client.force_login(expert)

    listing = client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "Mine to keep" in listing
    assert "Someone else" not in listing
    chooser = client.get(f"/admin/choose-page/{index.pk}/").content.decode()
    assert "Mine to keep" in chooser
    assert "Someone else" not in chooser

    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{theirs.pk}/edit/")
    assert refused.status_code in (302, 403)
    assert b"Someone else" not in refused.content
    preview = client.get(f"/admin/pages/{theirs.pk}/view_draft/")
    assert preview.status_code in (302, 403)
    changed = client.post(f"/admin/pages/{theirs.pk}/edit/", story_form(theirs, title="Taken"))
    assert changed.status_code in (302, 403)
    assert StoryPage.objects.get(pk=theirs.pk).get_latest_revision_as_object().title != "Taken"


def test_moderators_see_every_story(client, people, index):
    expert, _other, moderator = people
    make_story(owner=expert, title="Waiting quietly")
    client.force_login(moderator)
    assert "Waiting quietly" in client.get(f"/admin/pages/{index.pk}/").content.decode()


def workflow_action(client, story, action, **data):
    task_state = story.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{story.pk}/{action}/{task_state.pk}/"
    return client.post(url, data)


def test_request_changes_then_resubmit_then_approve(client, people, index):
    expert, _other, moderator = people
    story = make_story(owner=expert, title="A windy day")
    submit_for_review(story, user=expert)
    mail.outbox.clear()

    client.force_login(moderator)
    workflow_action(client, story, "reject", comment="Could you say more about the bus?")
    story.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert any(message.to == ["expert@example.org"] for message in mail.outbox)

    # The expert reads the moderator's comment in their editor, then resubmits.
    client.force_login(expert)
    editor = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Could you say more about the bus?" in editor
    response = client.post(
        f"/admin/pages/{story.pk}/edit/",
        story_form(
            story,
            about_me="The bus was late.",
            consent_publish_on_web="on",
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(story.pk), status="in_progress")
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS

    mail.outbox.clear()
    client.force_login(moderator)
    workflow_action(client, StoryPage.objects.get(pk=story.pk), "approve", comment="")
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    assert story.about_me == "The bus was late."
    assert any(message.to == ["expert@example.org"] for message in mail.outbox)


def test_approval_without_web_consent_is_refused_in_the_editor(client, people, index):
    expert, _other, moderator = people
    story = make_story(owner=expert, consent_web=False)
    submit_for_review(story, user=expert)
    client.force_login(moderator)

    response = client.post(
        f"/admin/pages/{story.pk}/edit/",
        story_form(story, **{"action-workflow-action": "1", "workflow-action-name": "approve"}),
        follow=True,
    )

    assert "has not agreed to it being published on the website" in response.content.decode()
    story.refresh_from_db()
    assert not story.live
    assert story.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_approval_without_web_consent_is_refused_from_the_dashboard(client, people, index):
    expert, _other, moderator = people
    story = make_story(owner=expert, consent=False)
    submit_for_review(story, user=expert)
    client.force_login(moderator)

    workflow_action(client, story, "approve", comment="")

    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert story.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_publishing_without_web_consent_is_refused_with_a_clear_message(client, people, index):
    _expert, _other, moderator = people
    story = make_story(consent_web=False)
    client.force_login(moderator)

    response = client.post(
        f"/admin/pages/{story.pk}/edit/",
        story_form(story, **{"action-publish": "1"}),
        follow=True,
    )

    assert "has not agreed to it being published on the website" in response.content.decode()
    assert not StoryPage.objects.get(pk=story.pk).live


def test_moderators_read_consent_but_cannot_grant_it(client, people, index):
    expert, _other, moderator = people
    story = make_story(owner=expert, consent_web=False)
    client.force_login(moderator)

    editor = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Consent record" in editor and "Consent wording version" in editor
    assert 'name="consent_publish_on_web"' not in editor

    client.post(f"/admin/pages/{story.pk}/edit/", story_form(story, consent_publish_on_web="on"))
    assert not ConsentRecord.objects.get(story=story).publish_on_web


def test_the_author_records_consent_in_the_editor(client, people, index):
    expert, _other, _moderator = people
    story = make_story(owner=expert, consent_web=False)
    client.force_login(expert)
    editor = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert 'name="consent_publish_on_web"' in editor
    client.post(
        f"/admin/pages/{story.pk}/edit/",
        story_form(story, consent_publish_on_web="on", consent_quote_elsewhere="on"),
    )
    consent = ConsentRecord.objects.get(story=story)
    assert consent.publish_on_web and consent.quote_elsewhere and not consent.translate


def test_the_public_never_sees_the_consent_record(client, people, index):
    story = make_story(publish=True)
    page = client.get(story.url).content.decode()
    assert "wording version" not in page.lower()
    assert "Consent record" not in page
