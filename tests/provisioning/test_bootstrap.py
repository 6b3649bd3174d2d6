"""The bootstrap builds the skeleton once and, run again, changes and loses nothing."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
    Site,
)

from hub import groups
from hub.models import HomePage, LifeFactor, Principle
from provisioning import bootstrap, demo_users

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything the bootstrap touches, in a comparable form."""
    User = get_user_model()
    return {
        "pages": sorted(
            Page.objects.values_list("id", "path", "title", "slug", "live", "content_type_id")
        ),
        "revisions": Revision.objects.count(),
        "sites": sorted(Site.objects.values_list("id", "hostname", "root_page_id")),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "groups": sorted(Group.objects.values_list("id", "name")),
        "group_perms": sorted(
            Group.permissions.through.objects.values_list("group_id", "permission_id")
        ),
        "page_perms": sorted(
            GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")
        ),
        "collection_perms": sorted(
            GroupCollectionPermission.objects.values_list(
                "group_id", "collection_id", "permission_id"
            )
        ),
        "users": sorted(User.objects.values_list("id", "username", "password", "is_superuser")),
        "memberships": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "principles": sorted(Principle.objects.values_list("id", "key", "name")),
        "life_factors": sorted(LifeFactor.objects.values_list("id", "key", "name")),
    }


def test_builds_the_site_tree_groups_and_logins():
    bootstrap.run(demo_logins=True)

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    sections = [(p.specific_class.__name__, p.slug, p.live) for p in home.get_children()]
    assert sections == [
        ("CaseStudyIndexPage", "case-studies", True),
        ("PrincipleIndexPage", "principles", True),
        ("FrameworkIndexPage", "frameworks", True),
        ("ThemeIndexPage", "themes", True),
        ("StoryIndexPage", "stories", True),
        ("ToolkitIndexPage", "toolkits", True),
        ("ResourceIndexPage", "resources", True),
        ("EvidenceIndexPage", "evidence", True),
        ("GlossaryPage", "glossary", True),
        ("SearchPage", "search", True),
    ]
    # Wagtail's placeholder "Welcome" page is gone; the home page is the only child of the root.
    assert Page.get_first_root_node().get_children().count() == 1
    assert set(Group.objects.values_list("name", flat=True)) >= set(groups.GROUPS)
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["cy", "en", "es"]
    assert Principle.objects.count() == 6
    assert LifeFactor.objects.count() == 8
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert usernames == {username for username, _name, _group in demo_users.DEMO_USERS}


def test_running_twice_changes_nothing():
    bootstrap.run(demo_logins=True)
    before = snapshot()

    second = bootstrap.run(demo_logins=True)

    assert second.created == []
    assert snapshot() == before


def test_running_again_keeps_editors_work():
    bootstrap.run(demo_logins=True)
    home = HomePage.objects.get()
    home.title = "Our hub"
    home.save_revision().publish()
    assets = Principle.objects.get(key="assets")
    assets.short_description = "Edited by an editor."
    assets.save()
    expert = get_user_model().objects.get(username="expert")
    expert.set_password("a-new-secret")
    expert.save()

    bootstrap.run(demo_logins=True)

    assert HomePage.objects.get().title == "Our hub"
    assert Principle.objects.get(key="assets").short_description == "Edited by an editor."
    assert authenticate(username="expert", password="a-new-secret") is not None


def test_rebuilds_on_an_emptied_database():
    """After a flush (as transactional tests do) the bootstrap recreates the root and the site."""
    Site.objects.all().delete()
    Page.objects.all().delete()
    assert not Page.objects.exists()

    bootstrap.run(demo_logins=False)

    assert HomePage.objects.get().get_parent().is_root()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_printed_logins_work_and_changed_passwords_are_not_printed():
    call_command("bootstrap_hub", stdout=StringIO())
    moderator = get_user_model().objects.get(username="moderator")
    moderator.set_password("no-longer-the-demo-one")
    moderator.save()
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()

    assert "moderator-demo" not in printed

    for username, _name, _group in demo_users.DEMO_USERS:
        if username == "moderator":
            continue
        password = demo_users.demo_password(username)
        assert password in printed
        assert authenticate(username=username, password=password) is not None


def test_no_demo_logins_unless_allowed(settings):
    settings.HUB_DEMO_LOGINS = False
    out = StringIO()
    call_command("bootstrap_hub", stdout=out)
    call_command("demo_logins", stdout=out)

    assert not get_user_model().objects.exists()
    assert "Demo logins are off" in out.getvalue()
