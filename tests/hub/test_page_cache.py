"""The page cache: anonymous pages served from a shared cache that is never stale.

The cache under test is the real one the settings name: local memory in most tests, files on
disk for the tests across processes, and a real Redis where scripts/run-tests.sh started one.
"""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from wagtail.models import Locale, Page, PageViewRestriction

from casestudies.models import CaseStudyIndexPage
from hub.models import HubSettings, Principle
from hub.page_cache import generation
from search.models import SearchPage
from stories.withdrawal import withdraw_story
from tests.casestudies.factories import CaseStudyPageFactory
from tests.stories.factories import make_story, stories_index

pytestmark = pytest.mark.django_db


def served_from_cache(response):
    return response.get("X-Hub-Cache") == "hit"


def publish_title(page, title):
    """Publish a new revision of `page` under another title, as an editor would."""
    revision = page.specific
    revision.title = title
    revision.save_revision().publish()


def twice(client, url, **extra):
    """The second of two identical anonymous requests."""
    client.get(url, **extra)
    return client.get(url, **extra)


@pytest.fixture
def catalogue(section):
    return section(CaseStudyIndexPage)


@pytest.fixture
def case_study(catalogue):
    page = CaseStudyPageFactory(parent=catalogue, title="Shared Lives Plus")
    page.save_revision().publish()
    return page


# Hits ---


@pytest.mark.page_cache
def test_a_second_anonymous_view_is_served_from_the_cache_without_a_query(
    client, case_study, django_assert_num_queries
):
    first = client.get(case_study.url)
    assert first.status_code == 200 and first["X-Hub-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(case_study.url)

    assert served_from_cache(second)
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "en"


def test_public_pages_tell_a_cdn_how_long_to_keep_them(client, case_study, settings):
    settings.HUB_CDN_CACHE_SECONDS = 120
    response = client.get(case_study.url)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "s-maxage=120", "max-age=0"} <= cache_control


def test_a_hit_carries_the_same_security_headers_as_the_first_answer(client, case_study):
    first = client.get(case_study.url)
    second = client.get(case_study.url)
    assert served_from_cache(second)
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert second[header] == first[header], header
    assert "'nonce-" not in second["Content-Security-Policy"]


def test_a_page_that_used_a_csp_nonce_is_rendered_afresh_every_time(
    client, case_study, monkeypatch
):
    # Stands in for a template that writes an inline script with the request's nonce.
    serve = type(case_study).serve

    def serve_using_a_nonce(page, request, *args, **kwargs):
        str(request.csp_nonce)
        return serve(page, request, *args, **kwargs)

    monkeypatch.setattr(type(case_study), "serve", serve_using_a_nonce)
    first, second = client.get(case_study.url), client.get(case_study.url)
    assert not served_from_cache(second)
    nonces = [
        re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        for response in (first, second)
    ]
    assert nonces[0] != nonces[1]


def test_head_is_answered_from_the_same_entry_without_a_body(client, case_study):
    client.get(case_study.url)
    response = client.head(case_study.url)
    assert served_from_cache(response)
    assert response.content == b""


def test_each_language_and_query_string_is_its_own_entry(client, site_tree, section):
    search = section(SearchPage)
    english = twice(client, search.url + "?q=peer")
    other_query = client.get(search.url + "?q=carers")
    welsh = client.get("/cy/")

    assert served_from_cache(english)
    assert not served_from_cache(other_query)
    assert not served_from_cache(welsh)
    assert welsh["Content-Language"] == "cy"


def test_the_cache_can_be_switched_off(client, case_study, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 0
    assert not served_from_cache(twice(client, case_study.url))


# Bypass ---


def test_signed_in_users_never_meet_the_cache(client, case_study, make_user):
    client.get(case_study.url)  # an anonymous visitor fills the cache
    client.force_login(make_user("reader"))
    response = client.get(case_study.url)
    assert response.status_code == 200
    assert not served_from_cache(response)


def test_a_request_carrying_a_session_bypasses_the_cache(client, case_study):
    client.get(case_study.url)
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "a-story-form-draft"
    assert not served_from_cache(client.get(case_study.url))


def test_the_csrf_and_language_cookies_do_not_bypass_it(client, case_study):
    client.get(case_study.url)
    client.cookies[django_settings.CSRF_COOKIE_NAME] = "x" * 32
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert served_from_cache(client.get(case_study.url))


@pytest.mark.parametrize("restriction", ["login", "groups", "password"])
def test_members_only_pages_are_never_cached(client, case_study, restriction):
    PageViewRestriction.objects.create(
        page=case_study,
        restriction_type=restriction,
        password="secret" if restriction == "password" else "",
    ).groups.set(Group.objects.all()[:1] if restriction == "groups" else [])

    first = client.get(case_study.url)
    second = client.get(case_study.url)

    assert "public" not in first.get("Cache-Control", "")
    assert not served_from_cache(second)
    assert b"Shared Lives Plus</h1>" not in second.content


def test_the_story_form_and_status_pages_are_never_cached(client, site_tree):
    index = stories_index()
    for url in (index.url + "share/", index.url + "my-story/not-a-real-reference/"):
        client.get(url)
        response = client.get(url)
        assert not served_from_cache(response), url
        assert "public" not in response.get("Cache-Control", ""), url


def test_previews_are_never_cached(client, case_study, make_user):
    client.force_login(make_user("editor-user", "Editors"))
    url = f"/admin/pages/{case_study.pk}/edit/preview/"
    client.get(url)
    assert not served_from_cache(client.get(url))


def test_other_methods_are_never_answered_from_the_cache(client, site_tree, section):
    search = section(SearchPage)
    client.get(search.url)
    response = client.post(search.url)
    assert not served_from_cache(response)


def test_responses_that_set_a_cookie_are_not_shared(client, case_study, monkeypatch):
    """A response that sets a cookie (a CSRF token for one visitor) is never stored."""

    def sets_a_cookie(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        response.set_cookie("one-visitor", "x")
        return response

    original = type(case_study.specific).serve
    monkeypatch.setattr(type(case_study.specific), "serve", sets_a_cookie)
    first = client.get(case_study.url)
    assert "public" not in first.get("Cache-Control", "")
    assert not served_from_cache(client.get(case_study.url))


# Never stale ---


def test_publishing_a_change_refreshes_the_page_and_the_listing(client, case_study, catalogue):
    twice(client, case_study.url)
    twice(client, catalogue.url)

    publish_title(case_study, "Shared Lives Plus (updated)")

    page = client.get(case_study.url)
    listing = client.get(catalogue.url)
    assert not served_from_cache(page) and not served_from_cache(listing)
    assert "Shared Lives Plus (updated)" in page.content.decode()
    assert "Shared Lives Plus (updated)" in listing.content.decode()


def test_unpublishing_removes_the_page_and_its_card_at_once(client, case_study, catalogue):
    twice(client, case_study.url)
    twice(client, catalogue.url)

    case_study.unpublish()

    assert client.get(case_study.url).status_code == 404
    assert "Shared Lives Plus" not in client.get(catalogue.url).content.decode()


def test_moving_a_page_refreshes_its_old_address(client, case_study, section, site_tree):
    old_url = case_study.url
    twice(client, old_url)

    Page.objects.get(pk=case_study.pk).move(site_tree, pos="last-child")

    response = client.get(old_url)
    assert not served_from_cache(response)
    assert response.status_code == 301  # the redirect Wagtail makes for a moved page
    assert response["Location"] == "/en/shared-lives-plus/"


def test_deleting_a_page_refreshes_its_address(client, case_study):
    url = case_study.url
    twice(client, url)
    Page.objects.get(pk=case_study.pk).delete()
    assert client.get(url).status_code == 404


def test_a_withdrawn_story_disappears_from_every_cached_page(client, site_tree, make_user):
    story = make_story(publish=True, title="My Tuesday at the allotment")
    index = stories_index()
    twice(client, story.url)
    twice(client, index.url)

    withdraw_story(story, by=make_user("moderator-user", "Moderators"))

    assert client.get(story.url).status_code == 404
    assert "My Tuesday at the allotment" not in client.get(index.url).content.decode()


def test_a_published_translation_replaces_the_english_fallback(client, case_study):
    welsh_url = case_study.url.replace("/en/", "/cy/", 1)
    fallback = twice(client, welsh_url)
    assert "Shared Lives Plus" in fallback.content.decode()

    translation = case_study.copy_for_translation(
        Locale.objects.get(language_code="cy"), copy_parents=True
    )
    translation.title = "Bywydau a Rennir"
    translation.save_revision().publish()

    response = client.get(welsh_url)
    assert not served_from_cache(response)
    assert "Bywydau a Rennir" in response.content.decode()


def test_a_taxonomy_change_shows_on_cached_pages(client, catalogue):
    rated = CaseStudyPageFactory(parent=catalogue, title="Rated", ratings={"assets": 3})
    rated.save_revision().publish()
    assert "Assets, renamed" not in twice(client, rated.url).content.decode()

    principle = Principle.objects.get(key="assets", locale=rated.locale)
    principle.name = "Assets, renamed"
    principle.save()

    response = client.get(rated.url)
    assert not served_from_cache(response)
    assert "Assets, renamed" in response.content.decode()


def test_a_site_settings_change_shows_on_cached_pages(client, case_study, site_tree):
    twice(client, case_study.url)
    hub_settings = HubSettings.for_site(site_tree.get_site())
    hub_settings.contact_email = "hello@example.org"
    hub_settings.save()

    response = client.get(case_study.url)
    assert not served_from_cache(response)
    assert "hello@example.org" in response.content.decode()


def test_a_draft_being_saved_does_not_empty_the_cache(client, case_study, site_tree):
    twice(client, case_study.url)
    make_story(publish=False)  # the story form saves drafts all day
    assert served_from_cache(client.get(case_study.url))


# Across processes and cache backends ---


def shared_caches(tmp_path):
    """The page cache backends every worker shares: files, and Redis where one runs."""
    backends = {
        "file": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "pages"),
        }
    }
    redis_url = os.environ.get("HUB_TEST_REDIS_URL")
    if redis_url:
        backends["redis"] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"test-{os.getpid()}",
        }
    return backends


@pytest.fixture(params=["file", "redis"])
def shared_page_cache(request, settings, tmp_path):
    backends = shared_caches(tmp_path)
    if request.param not in backends:
        if os.environ.get("CI"):
            pytest.fail("HUB_TEST_REDIS_URL is not set: scripts/run-tests.sh starts a Redis")
        pytest.skip("no Redis running (scripts/run-tests.sh starts one)")
    settings.CACHES = {**settings.CACHES, "pages": backends[request.param]}
    caches["pages"].clear()
    yield backends[request.param]
    caches["pages"].clear()


def test_the_shared_backends_serve_hits_and_see_changes(client, case_study, shared_page_cache):
    assert served_from_cache(twice(client, case_study.url))
    publish_title(case_study, "Shared Lives Plus, again")
    response = client.get(case_study.url)
    assert not served_from_cache(response)
    assert "Shared Lives Plus, again" in response.content.decode()


def test_each_process_keeps_a_copy_that_is_never_stale(client, case_study, settings, tmp_path):
    settings.CACHES = {**settings.CACHES, "pages": shared_caches(tmp_path)["file"]}
    assert served_from_cache(twice(client, case_study.url))
    # The shared entry goes (culled, or another machine's disk): this process still has it.
    token_file = caches["pages"]._key_to_file(generation.KEY)
    for entry in (tmp_path / "pages").iterdir():
        if str(entry) != token_file:
            entry.unlink()
    assert served_from_cache(client.get(case_study.url))

    publish_title(case_study, "Shared Lives Plus, renamed")
    response = client.get(case_study.url)
    assert not served_from_cache(response)
    assert "Shared Lives Plus, renamed" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_another_process_is_seen_at_once(
    client, site_tree, section, shared_page_cache
):
    """A management command (another process, as a scheduled publish would be) publishes."""
    if django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("the SQLite test database lives in this process's memory only")
    page = CaseStudyPageFactory(parent=section(CaseStudyIndexPage), title="Before")
    page.save_revision().publish()
    assert served_from_cache(twice(client, page.url))

    database = django_settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "HUB_TEST_PAGES_CACHE": json.dumps(shared_page_cache),
    }
    script = (
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={page.pk}).specific\n"
        "page.title = 'After'\n"
        "page.save_revision().publish()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        check=True,
        env=environment,
        cwd=django_settings.BASE_DIR,
    )

    response = client.get(page.url)
    assert not served_from_cache(response)
    assert "After" in response.content.decode()


def test_a_lost_generation_token_is_made_again_and_shared(settings):
    caches["pages"].clear()
    first = generation.current()
    assert generation.current() == first
    generation.bump()
    assert generation.current() != first
