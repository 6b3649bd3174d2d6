"""Each group holds the permissions its role needs, and no more."""

import pytest
from wagtail.models import Page

from casestudies.models import CaseStudyIndexPage
from hub import groups
from provisioning import workflows
from stories.models import StoryIndexPage
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db


def perms(user, page):
    return page.permissions_for_user(user)


def actions(user, page):
    """The page actions a user's groups grant on a page (e.g. {"add"}), whatever its children."""
    return perms(user, page).permissions


def test_experts_can_draft_stories_but_never_publish(site_tree, section, make_user):
    expert = make_user("expert", groups.EXPERTS)
    stories = section(StoryIndexPage)

    assert expert.has_perm("wagtailadmin.access_admin")
    assert actions(expert, stories) == {"add"}
    assert not perms(expert, stories).can_publish_subpage()
    assert not perms(expert, stories).can_edit()
    assert not perms(expert, site_tree).can_edit()
    assert actions(expert, section(CaseStudyIndexPage)) == set()


def test_forum_members_draft_only_in_toolkits(site_tree, section, make_user):
    """The base group grants no pages: members draft only in their own forum (its own group)."""
    from toolkits.forums import access_for
    from toolkits.models import LearningForumPage

    toolkits = section(ToolkitIndexPage)
    forum = LearningForumPage(title="A forum", slug="a-forum", purpose="<p>Learning.</p>")
    toolkits.add_child(instance=forum)
    member = make_user("member", groups.FORUM_MEMBERS, access_for(forum).members.name)

    assert member.has_perm("wagtailadmin.access_admin")
    assert actions(member, forum) == {"add"}
    assert not perms(member, forum).can_publish_subpage()
    assert actions(member, toolkits) == set()
    assert not perms(member, toolkits).can_add_subpage()
    assert actions(member, section(StoryIndexPage)) == set()


def test_moderators_publish_stories_only(site_tree, section, make_user):
    moderator = make_user("moderator", groups.MODERATORS)

    assert actions(moderator, section(StoryIndexPage)) == {
        "add",
        "change",
        "publish",
        "lock",
        "unlock",
    }
    assert perms(moderator, section(StoryIndexPage)).can_publish()
    assert not perms(moderator, section(CaseStudyIndexPage)).can_publish()
    assert not perms(moderator, site_tree).can_edit()


def test_editors_run_the_whole_site(site_tree, section, make_user):
    editor = make_user("editor", groups.EDITORS)

    for page in [site_tree, *site_tree.get_children()]:
        assert perms(editor, page).can_publish()
    assert editor.has_perm("hub.change_principle")
    assert editor.has_perm("taggit.add_tag")
    assert not editor.is_superuser


def test_translators_translate_and_edit_but_do_not_publish(site_tree, section, make_user):
    translator = make_user("translator", groups.TRANSLATORS)

    assert translator.has_perm("wagtail_localize.submit_translation")
    assert perms(translator, site_tree).can_edit()
    assert not perms(translator, site_tree).can_publish()
    assert not perms(translator, section(StoryIndexPage)).can_publish_subpage()
    assert not translator.has_perm("hub.delete_principle")


def test_an_expert_cannot_publish_through_the_admin(client, site_tree, section, make_user):
    """A real admin request: an expert's attempt to edit and publish the home page is refused."""
    make_user("expert", groups.EXPERTS)
    client.login(username="expert", password="pw")

    assert client.get("/admin/").status_code == 200
    response = client.post(
        f"/admin/pages/{site_tree.pk}/edit/",
        {"title": "Taken over", "slug": "home", "action-publish": "1"},
    )

    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=site_tree.pk).title != "Taken over"


def test_anonymous_visitors_cannot_reach_the_admin(client, site_tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editors_manage_every_taxonomy_in_the_admin(client, site_tree, make_user):
    make_user("editor", groups.EDITORS)
    client.login(username="editor", password="pw")

    for url in [
        "/admin/snippets/hub/principle/",
        "/admin/snippets/hub/lifefactor/",
        "/admin/snippets/casestudies/sector/",
        "/admin/snippets/casestudies/clientgroup/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/snippets/hub/principle/add/").status_code == 200


def test_translators_can_edit_but_not_delete_taxonomy(client, site_tree, make_user):
    translator = make_user("translator", groups.TRANSLATORS)
    client.login(username="translator", password="pw")

    assert client.get("/admin/snippets/casestudies/sector/").status_code == 200
    assert translator.has_perm("casestudies.change_clientgroup")
    assert not translator.has_perm("casestudies.delete_sector")
    assert client.get("/admin/snippets/hub/principle/add/").status_code in (302, 403)


def test_pages_outside_stories_are_reviewed_by_editors(site_tree, section, make_user):
    """Wagtail's stock workflow would send them to the Moderators, who here review stories."""
    translator = make_user("translator", groups.TRANSLATORS)
    case_studies = section(CaseStudyIndexPage)

    workflow = case_studies.get_workflow()
    assert workflow.name == workflows.EDITORIAL_REVIEW
    workflow.start(case_studies, translator)

    task_state = case_studies.current_workflow_task_state
    assert [group.name for group in task_state.task.specific.groups.all()] == [groups.EDITORS]
    assert section(StoryIndexPage).get_workflow().name == "Story review"
