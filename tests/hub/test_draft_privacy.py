"""Unpublished stories and forum guides stay private in every admin path, titles included.

One matrix: each role (two experts, two forums with a member and a moderator each, the story
moderators, a translator, an editor and a superuser) walks every admin listing, API, chooser,
search, dashboard and report URL. No response may carry the title (or slug) of a draft the
person may not see; and the owner, the right moderators and the editors really do see theirs,
so the test cannot pass by showing nothing.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from hub import bootstrap
from stories.models import StoryIndexPage
from tests.stories.factories import make_story, submit_for_review
from tests.toolkits.factories import GuidePageFactory, LearningForumPageFactory
from toolkits.forums import access_for
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db

# One distinctive word per draft, in its title and slug; every search below looks for "draft".
STORY_A, STORY_B, GUIDE_RIVER, GUIDE_HILL = "marigold", "bluebell", "kingfisher", "heather"
PUBLISHED_STORY = "sunflower"
DRAFTS = (STORY_A, STORY_B, GUIDE_RIVER, GUIDE_HILL)

# Who may see each draft (besides the superuser); everyone else must never see it.
MAY_SEE = {
    STORY_A: {"expert", "moderator", "editor", "admin"},
    STORY_B: {"expert2", "moderator", "editor", "admin"},
    GUIDE_RIVER: {"river_member", "river_moderator", "editor", "admin"},
    GUIDE_HILL: {"hill_member", "hill_moderator", "editor", "admin"},
}
ROLES = [
    "admin",
    "editor",
    "moderator",
    "expert",
    "expert2",
    "translator",
    "river_member",
    "river_moderator",
    "hill_member",
    "hill_moderator",
]


def allowed(username):
    return {word for word, people in MAY_SEE.items() if username in people}


def forbidden(username):
    return set(DRAFTS) - allowed(username)


def draft_guide(forum, owner, word):
    guide = GuidePageFactory(
        parent=forum, live=False, owner=owner, title=f"{word.title()} draft guide"
    )
    guide.slug = f"{word}-draft-guide"
    guide.save()
    guide.save_revision(user=owner)
    access_for(forum).workflow.start(guide, owner)
    return guide


def lock(page, user):
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])


@pytest.fixture
def hub(site_tree, section, make_user, django_user_model):
    stories = section(StoryIndexPage)
    toolkits = section(ToolkitIndexPage)
    river = LearningForumPageFactory(parent=toolkits, title="Riverside forum")
    hill = LearningForumPageFactory(parent=toolkits, title="Hillside forum")
    river_access, hill_access = access_for(river), access_for(hill)
    users = {
        "admin": django_user_model.objects.create_superuser("admin", password="pw"),
        "editor": make_user("editor", bootstrap.EDITORS),
        "moderator": make_user("moderator", bootstrap.MODERATORS),
        "expert": make_user("expert", bootstrap.EXPERTS),
        "expert2": make_user("expert2", bootstrap.EXPERTS),
        "translator": make_user("translator", bootstrap.TRANSLATORS),
        "river_member": make_user(
            "river_member", bootstrap.FORUM_MEMBERS, river_access.members.name
        ),
        "river_moderator": make_user("river_moderator", river_access.moderators.name),
        "hill_member": make_user("hill_member", bootstrap.FORUM_MEMBERS, hill_access.members.name),
        "hill_moderator": make_user("hill_moderator", hill_access.moderators.name),
    }
    for username, user in users.items():
        user.email = f"{username}@example.org"
        user.save()

    mail.outbox.clear()
    story_a = make_story(
        owner=users["expert"], title="Marigold draft story", slug="marigold-draft-story"
    )
    story_b = make_story(
        owner=users["expert2"], title="Bluebell draft story", slug="bluebell-draft-story"
    )
    submit_for_review(story_b, user=users["expert2"])
    make_story(
        owner=users["expert2"],
        title="Sunflower published story",
        slug="sunflower-published-story",
        publish=True,
    )
    guide_river = draft_guide(river, users["river_member"], GUIDE_RIVER)
    guide_hill = draft_guide(hill, users["hill_member"], GUIDE_HILL)
    # Locked drafts appear in the locked pages report and the dashboard's locked pages panel.
    lock(story_a, users["moderator"])
    lock(story_b, users["moderator"])
    lock(guide_river, users["river_moderator"])
    lock(guide_hill, users["hill_moderator"])
    pages = {
        STORY_A: story_a,
        STORY_B: story_b,
        GUIDE_RIVER: guide_river,
        GUIDE_HILL: guide_hill,
        "stories": stories,
        "toolkits": toolkits,
        "river": river,
        "hill": hill,
    }
    return users, pages


def listing_urls(pages):
    """Every admin listing, API, chooser, search, dashboard and report a role might open."""
    urls = ["/admin/", "/admin/pages/"]
    for name in ("stories", "toolkits", "river", "hill"):
        pk = pages[name].pk
        urls += [
            f"/admin/pages/{pk}/",
            f"/admin/pages/{pk}/?q=draft",
            f"/admin/pages/{pk}/results/",
            f"/admin/choose-page/{pk}/",
            f"/admin/choose-page/{pk}/?q=draft",
            f"/admin/api/main/pages/?child_of={pk}",
            f"/admin/api/main/pages/?child_of={pk}&for_explorer=1",
            f"/admin/api/main/pages/?descendant_of={pk}",
            f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={pk}",
            f"/admin/bulk/wagtailcore/page/move/?id=all&childOf={pk}",
        ]
    urls += [
        "/admin/pages/search/?q=draft",
        "/admin/pages/search/results/?q=draft",
        "/admin/choose-page/",
        "/admin/choose-page/search/?q=draft",
        "/admin/api/main/pages/?search=draft",
        "/admin/api/main/pages/?search=draft&for_explorer=1",
        "/admin/api/main/pages/?type=stories.StoryPage",
        "/admin/api/main/pages/?type=toolkits.GuidePage",
        "/admin/api/main/pages/?limit=500",
        "/admin/pages/usage/stories/storypage/",
        "/admin/pages/usage/toolkits/guidepage/",
        "/admin/reports/locked/",
        "/admin/reports/locked/results/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow/results/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/workflow_tasks/results/",
        "/admin/reports/page-types-usage/",
        "/admin/localize/reports/translations/",
    ]
    return urls


def page_urls(page):
    """A single page's own admin views: refused, or at least silent, for those who may not see."""
    return [
        f"/admin/api/main/pages/{page.pk}/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/usage/",
        f"/admin/pages/{page.pk}/",
    ]


def body(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    return response.content.decode().lower()


def test_no_role_sees_a_draft_it_does_not_own_or_review(client, hub):
    users, pages = hub
    leaks = []
    for username in ROLES:
        client.force_login(users[username])
        hidden = forbidden(username)
        for url in listing_urls(pages):
            text = body(client, url)
            leaks += [(username, word, url) for word in hidden if word in text]
        for word in hidden:
            for url in page_urls(pages[word]):
                if word in body(client, url):
                    leaks.append((username, word, url))
    assert leaks == []


def seen_at(client, url):
    text = body(client, url)
    return {word for word in DRAFTS if word in text}


def test_everyone_still_sees_what_is_theirs_to_see(client, hub):
    """The owner, the right moderators and the editors find their drafts in the explorer, the
    chooser, the admin API and the search, and may open them."""
    users, pages = hub
    for username in ROLES:
        client.force_login(users[username])
        expected = allowed(username)
        explorer, chooser, api = set(), set(), set()
        for name in ("stories", "river", "hill"):
            pk = pages[name].pk
            explorer |= seen_at(client, f"/admin/pages/{pk}/")
            chooser |= seen_at(client, f"/admin/choose-page/{pk}/")
            api |= seen_at(client, f"/admin/api/main/pages/?child_of={pk}")

        assert explorer == expected, username
        assert chooser == expected, username
        assert api == expected, username
        assert seen_at(client, "/admin/pages/search/?q=draft") == expected, username
        assert seen_at(client, "/admin/choose-page/search/?q=draft") == expected, username
        for word in expected:
            assert client.get(f"/admin/pages/{pages[word].pk}/edit/").status_code == 200


def test_reviewers_find_their_queue_on_the_dashboard_and_in_the_reports(client, hub):
    users, _pages = hub
    queues = {
        "moderator": {STORY_B},
        "river_moderator": {GUIDE_RIVER},
        "hill_moderator": {GUIDE_HILL},
    }
    for username, words in queues.items():
        client.force_login(users[username])
        assert seen_at(client, "/admin/") >= words, username
        assert seen_at(client, "/admin/reports/workflow/") == words, username
        assert seen_at(client, "/admin/reports/locked/") == words | (
            {STORY_A} if username == "moderator" else set()
        ), username

    client.force_login(users["editor"])
    assert seen_at(client, "/admin/reports/site-history/") == set(DRAFTS)
    assert seen_at(client, "/admin/reports/workflow/") == {STORY_B, GUIDE_RIVER, GUIDE_HILL}


def test_translators_see_published_stories_but_no_draft(client, hub):
    users, pages = hub
    client.force_login(users["translator"])
    listing = body(client, f"/admin/pages/{pages['stories'].pk}/")
    assert PUBLISHED_STORY in listing
    assert not {STORY_A, STORY_B} & seen_at(client, f"/admin/pages/{pages['stories'].pk}/")
    assert client.get(f"/admin/pages/{pages[STORY_A].pk}/edit/").status_code in (302, 403, 404)


def test_a_forum_moderator_reviews_only_their_own_forum(client, hub):
    users, pages = hub
    client.force_login(users["river_moderator"])
    guide = pages[GUIDE_HILL]
    task_state = guide.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{guide.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (302, 403, 404)
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"
    assert client.get(f"/admin/pages/{pages[STORY_B].pk}/edit/").status_code in (302, 403, 404)


def test_review_notifications_go_only_to_those_who_may_see_the_draft(hub):
    users, _pages = hub
    for message in mail.outbox:
        text = (message.subject + message.body).lower()
        for recipient in message.to:
            username = recipient.split("@")[0]
            leaked = [word for word in forbidden(username) if word in text]
            assert not leaked, f"{username} was emailed about {leaked}"
    emailed = {recipient.split("@")[0] for message in mail.outbox for recipient in message.to}
    assert {"moderator", "river_moderator", "hill_moderator"} <= emailed


def test_someone_who_leaves_a_forums_moderators_no_longer_sees_its_drafts(client, hub):
    """The dashboard lists pages from the user's own history (edited, locked, reviewed);
    once the drafts are no longer theirs to see, those lists drop them too."""
    users, pages = hub
    former = users["river_moderator"]
    guide = pages[GUIDE_RIVER]
    guide.save_revision(user=former, log_action=True)  # an edit of theirs: "recent edits"
    client.force_login(former)
    assert GUIDE_RIVER in body(client, "/admin/")

    # Still in the admin (a forum member elsewhere), no longer among Riverside's moderators.
    former.groups.add(Group.objects.get(name=bootstrap.FORUM_MEMBERS))
    former.groups.remove(access_for(pages["river"]).moderators)
    client.force_login(former)
    assert client.get("/admin/").status_code == 200

    for url in [
        "/admin/",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/pages/search/?q=draft",
        f"/admin/pages/{guide.pk}/history/",
    ]:
        assert GUIDE_RIVER not in body(client, url), url
    assert client.get(f"/admin/pages/{guide.pk}/edit/").status_code == 403
