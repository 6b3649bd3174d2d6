"""Learning forums: members draft only in their own forum, guides pass forum moderators then
editors through a real Wagtail workflow, and members-only pages stay out of public sight."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import GroupPagePermission, Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from hub import groups
from provisioning import bootstrap
from tests.toolkits.factories import GuidePageFactory, LearningForumPageFactory
from toolkits.forums import access_for, ensure_forum, make_members_only
from toolkits.models import ForumAccess, GuidePage, ToolkitIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def toolkits(section):
    return section(ToolkitIndexPage)


@pytest.fixture
def forums(toolkits):
    return (
        LearningForumPageFactory(parent=toolkits, title="Riverside forum"),
        LearningForumPageFactory(parent=toolkits, title="Hillside forum"),
    )


@pytest.fixture
def people(forums, make_user):
    """A member and a moderator of each forum, and an editor."""
    riverside, hillside = (access_for(forum) for forum in forums)
    people = {
        "member": make_user("member", groups.FORUM_MEMBERS, riverside.members.name),
        "moderator": make_user("moderator", riverside.moderators.name),
        "other_member": make_user("other", groups.FORUM_MEMBERS, hillside.members.name),
        "other_moderator": make_user("othermod", hillside.moderators.name),
        "editor": make_user("editor", groups.EDITORS),
    }
    for username, user in people.items():
        user.email = f"{username}@example.org"
        user.save()
    return people


def guide_form(title, slug, action):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "How to start.",
            "audience": "everyone",
            "licence": "cc-by-4.0",
            "keywords": "",
            "co_authors": "",
            "last_reviewed": "",
            "steps": streamfield([]),
            "downloads": streamfield([]),
            action: "1",
        }
    )


def create_guide(client, parent, title="Our guide", action="action-submit"):
    slug = title.lower().replace(" ", "-")
    return client.post(
        f"/admin/pages/add/toolkits/guidepage/{parent.pk}/", guide_form(title, slug, action)
    )


def test_a_new_forum_gets_its_own_groups_and_workflow_once(forums, toolkits):
    riverside, _hillside = forums
    access = access_for(riverside)

    assert access.members.name == "Forum members: Riverside forum"
    assert access.moderators.name == "Forum moderators: Riverside forum"
    assert access.workflow.name == "Guide review: Riverside forum"
    assert riverside.get_workflow() == access.workflow
    tasks = list(access.workflow.tasks.specific())
    assert [list(task.groups.all()) for task in tasks] == [
        [access.moderators],
        [Group.objects.get(name=groups.EDITORS)],
    ]

    grants = GroupPagePermission.objects.count()
    ensure_forum(riverside)
    bootstrap.run(demo_logins=False)
    assert ForumAccess.objects.count() == 2
    assert GroupPagePermission.objects.count() == grants
    assert access_for(riverside) == access


def test_members_can_draft_in_their_forum_only(forums, toolkits, people):
    riverside, hillside = forums
    member = people["member"]

    assert riverside.permissions_for_user(member).can_add_subpage()
    assert not riverside.permissions_for_user(member).can_publish_subpage()
    assert not hillside.permissions_for_user(member).can_add_subpage()
    assert not toolkits.permissions_for_user(member).can_add_subpage()
    assert not riverside.permissions_for_user(member).can_edit()


def test_a_member_cannot_create_a_page_in_another_forum(client, forums, people):
    _riverside, hillside = forums
    client.force_login(people["member"])

    response = create_guide(client, hillside, "Sneaked in", action="action-submit")

    assert response.status_code in (302, 403)
    assert not GuidePage.objects.filter(title="Sneaked in").exists()


def test_a_member_cannot_edit_another_forums_guide(client, forums, people):
    _riverside, hillside = forums
    theirs = GuidePageFactory(parent=hillside, title="Their guide")
    client.force_login(people["member"])

    response = client.post(
        f"/admin/pages/{theirs.pk}/edit/",
        guide_form("Taken over", theirs.slug, "action-submit"),
    )

    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=theirs.pk).title == "Their guide"
    assert client.get(f"/admin/pages/{theirs.pk}/edit/").status_code != 200


def test_a_member_cannot_publish_their_own_guide(client, forums, people):
    riverside, _hillside = forums
    client.force_login(people["member"])

    create_guide(client, riverside, "Straight out", action="action-publish")

    guide = GuidePage.objects.get(title="Straight out")
    assert not guide.live
    assert guide.owner == people["member"]


def test_a_guide_is_published_only_after_forum_moderator_and_editor_approve(client, forums, people):
    riverside, _hillside = forums
    access = access_for(riverside)
    client.force_login(people["member"])

    response = create_guide(client, riverside, "Paying people fairly")

    assert response.status_code == 302
    guide = GuidePage.objects.get(title="Paying people fairly")
    state = WorkflowState.objects.get(object_id=str(guide.pk), status="in_progress")
    assert state.workflow == access.workflow
    assert state.current_task_state.task.specific.groups.get() == access.moderators
    assert not guide.live
    # The forum's moderators are told (Wagtail's console/locmem mail backend in tests).
    recipients = {address for message in mail.outbox for address in message.to}
    assert "moderator@example.org" in recipients
    assert "other_moderator@example.org" not in recipients

    def approve(user):
        task_state = WorkflowState.objects.get(pk=state.pk).current_task_state
        client.force_login(user)
        return client.post(
            f"/admin/pages/workflow/action/{guide.pk}/approve/{task_state.pk}/", {"comment": ""}
        )

    # Another forum's moderator may not approve it, nor open it in the editor.
    approve(people["other_moderator"])
    assert TaskState.objects.filter(workflow_state=state, status="approved").count() == 0
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code in (302, 403)

    approve(people["moderator"])
    guide.refresh_from_db()
    assert not guide.live  # the editors' step is still to come
    assert TaskState.objects.filter(workflow_state=state, status="approved").count() == 1

    approve(people["editor"])
    guide.refresh_from_db()
    assert guide.live
    assert WorkflowState.objects.get(pk=state.pk).status == "approved"


# Members-only pages ------------------------------------------------------------------------


@pytest.fixture
def private_guide(forums):
    riverside, _hillside = forums
    guide = GuidePageFactory(
        parent=riverside, title="Zebra working notes", summary="Quagga rough notes"
    )
    make_members_only(guide, riverside)
    return guide


@pytest.fixture
def public_guide(forums):
    return GuidePageFactory(parent=forums[0], title="Zebra public guide", summary="Open notes")


def test_anonymous_visitors_never_see_a_members_only_page(
    client, toolkits, forums, private_guide, public_guide
):
    riverside, _hillside = forums
    direct = client.get(private_guide.url)
    assert direct.status_code == 302 and "login" in direct["Location"]

    places = {
        "forum page": riverside.url,
        "toolkit index": toolkits.url,
        "filtered index": f"{toolkits.url}?audience=everyone",
        "search": "/en/search/?q=zebra",
        "search by summary": "/en/search/?q=quagga",
        "sitemap": "/sitemap.xml",
        "feed": f"{toolkits.url}feed/",
    }
    for place, url in places.items():
        html = client.get(url).content.decode()
        assert "Zebra working notes" not in html, place
        assert private_guide.slug not in html, place
    # ...while the public guide beside it shows, so the checks above could fail.
    assert "Zebra public guide" in client.get("/en/search/?q=zebra").content.decode()
    assert "Zebra public guide" in client.get(riverside.url).content.decode()
    assert public_guide.slug in client.get("/sitemap.xml").content.decode()
    assert "Zebra public guide" in client.get(f"{toolkits.url}feed/").content.decode()


def test_only_the_forums_own_people_see_its_members_only_page(
    client, forums, people, private_guide
):
    riverside, _hillside = forums

    client.force_login(people["other_member"])
    response = client.get(private_guide.url)
    assert response.status_code != 200 or "Zebra working notes" not in response.content.decode()
    assert "Zebra working notes" not in client.get(riverside.url).content.decode()

    for who in ("member", "moderator", "editor"):
        client.force_login(people[who])
        response = client.get(private_guide.url)
        assert response.status_code == 200, who
        assert "Zebra working notes" in response.content.decode()
        assert "Zebra working notes" in client.get(riverside.url).content.decode(), who


def test_making_a_page_members_only_is_idempotent(forums, private_guide):
    restriction = make_members_only(private_guide, forums[0])
    assert private_guide.view_restrictions.count() == 1
    assert restriction.groups.count() == 3  # members, moderators, editors


def test_forum_page_lists_its_public_guides(client, forums, public_guide):
    riverside, _hillside = forums
    draft = GuidePageFactory(parent=riverside, title="Unfinished draft", live=False)

    html = client.get(riverside.url).content.decode()

    assert "Zebra public guide" in html
    assert draft.title not in html
