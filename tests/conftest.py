import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from hub.models import HomePage
from provisioning import bootstrap


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
