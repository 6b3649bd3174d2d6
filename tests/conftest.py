from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from pytest_django.plugin import validate_django_db

from hub.models import HomePage
from provisioning import bootstrap

# What the modules on the demo site search and serve: all the demo content but the glossary, in
# every language (the relevance set's recorded precision was measured on exactly this).
DEMO_SITE_PARTS = ("catalogue", "stories", "toolkits", "trust", "evidence", "translations")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language.

    A request to a Welsh or Spanish page leaves that language active in the thread (Django's
    LocaleMiddleware never switches back), and PostgreSQL search analyses words in the active
    language (search/postgres_languages.py): without this, a test would search as the one before.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_caches(request, settings):
    """Each test starts with empty caches, and the page cache and the kept parts of pages (cards,
    counts) are on in every test, so no test may see a stale page; except where a test counts
    queries, which measures rendering (tests/casestudies/test_kept_listing_parts.py counts what
    keeping saves)."""
    for cache in caches.all():
        cache.clear()
    counts_queries = {"django_assert_num_queries", "django_assert_max_num_queries"}
    if counts_queries & set(request.fixturenames) and not request.node.get_closest_marker(
        "page_cache"
    ):
        settings.HUB_PAGE_CACHE_SECONDS = 0
        settings.HUB_FRAGMENT_CACHE_SECONDS = 0
    yield


@pytest.fixture
def uncached(settings):
    """The page cache off, for a test that measures rendering by requesting a page twice."""
    settings.HUB_PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the bootstrapped hub (without demo logins) from the start.

    Building it takes seconds, and most tests need it: it is built once per run and every test
    runs inside a transaction that is rolled back, so each still starts from the same tree.
    pytest-django runs the transactional tests (live server, browser) after all the others; they
    empty the database, and `site_tree` builds it again for them.
    """
    with django_db_blocker.unblock():
        bootstrap.run(demo_logins=False)


@pytest.fixture
def site_tree(db):
    """The hub as `make run` builds it (without demo logins): locales, pages, taxonomy, groups."""
    home = HomePage.objects.filter(depth=2, locale__language_code="en").first()
    if home is None:  # a transactional test before this one emptied the database
        bootstrap.run(demo_logins=False)
        home = HomePage.objects.get(depth=2, locale__language_code="en")
    return home


@pytest.fixture
def section(site_tree):
    """Look up a top-level section page by its model, e.g. section(StoryIndexPage)."""

    def get(model):
        return model.objects.child_of(site_tree).get()

    return get


@pytest.fixture
def make_user(django_user_model):
    """A user in the named groups (by name), with password 'pw'."""
    from django.contrib.auth.models import Group

    def make(username, *group_names):
        user = django_user_model.objects.create_user(username=username, password="pw")
        user.groups.add(*Group.objects.filter(name__in=group_names))
        return user

    return make


class DemoSite:
    """The demo site, loaded once for every test that asks for `demo_site`.

    Loading it takes minutes on each database, so it is loaded once per run, inside a transaction
    that stays open while the tests needing it run (each inside its own transaction, rolled back
    as usual, so each starts from the same demo site) and is rolled back after the last of them:
    the other tests never see it. Those tests run one after the other, after every other
    non-transactional database test and before the transactional ones (live server, browser),
    which need real commits (pytest_collection_modifyitems below).
    """

    def __init__(self):
        self.blocker = None
        self.atomic = None

    @property
    def is_open(self):
        return self.atomic is not None

    def open(self, blocker):
        self.blocker = blocker
        with blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                with translation.override(settings.LANGUAGE_CODE):
                    bootstrap.run(demo_logins=False)
                    parts = [arg for part in DEMO_SITE_PARTS for arg in ("--only", part)]
                    call_command("load_demo_content", *parts, stdout=StringIO())
            except BaseException:
                self.close()
                raise

    def close(self):
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(None, None, None)


DEMO_SITE = DemoSite()


def needs_demo_site(item):
    return "demo_site" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content (DEMO_SITE_PARTS) on the bootstrapped hub, shared: see DemoSite."""
    if not DEMO_SITE.is_open:
        DEMO_SITE.open(django_db_blocker)
    yield
    if DEMO_SITE.is_open:
        DEMO_SITE.close()


def _plain_database_test(item):
    """What pytest-django runs first: a database test in a transaction rolled back after it
    (as its own pytest_collection_modifyitems tells them; the suite has no unittest classes)."""
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = bool({"transactional_db", "live_server"} & fixtures)
    if marker:
        transaction_, reset_sequences, *_rest = validate_django_db(marker)
        transactional = transactional or transaction_ or reset_sequences
    return not transactional and (bool(marker) or "db" in fixtures)


def pytest_collection_modifyitems(items):
    """The demo site's tests together, after the other plain database tests (pytest-django has
    put those first, the transactional ones after them): the site is loaded once, and rolled
    back before any test that commits."""
    demo = [item for item in items if needs_demo_site(item)]
    if not demo:
        return
    rest = [item for item in items if not needs_demo_site(item)]
    position = sum(1 for item in rest if _plain_database_test(item))
    items[:] = rest[:position] + demo + rest[position:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once the last test on the demo site is torn down, roll the site back; and should a test
    on it come later still (an unusual order), load it again for that one."""
    result = yield
    if DEMO_SITE.is_open and not (nextitem and needs_demo_site(nextitem)):
        DEMO_SITE.close()
    elif nextitem and needs_demo_site(nextitem) and not DEMO_SITE.is_open and DEMO_SITE.blocker:
        DEMO_SITE.open(DEMO_SITE.blocker)
    return result
