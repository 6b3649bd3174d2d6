"""Drive Debian's Chromium through Playwright against a live test server, with axe-core checks.

Nothing is downloaded at test time: the browser is /usr/bin/chromium and axe-core's script ships
inside the axe-playwright-python package.
"""

import os

import pytest

from provisioning import bootstrap

CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",  # the machine has no network: no update or sync calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-test-deps.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_site(transactional_db, live_server, settings):
    """The bootstrapped hub served over HTTP. Returns the server's base URL.

    A live server needs real commits, so the database is emptied after each test, data created
    by migrations included; the bootstrap rebuilds everything the hub needs from nothing. The
    hub's base URL (private links, the Site record) is the live server's.
    """
    settings.HUB_BASE_URL = live_server.url
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    bootstrap.run(demo_logins=True)
    return live_server.url


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    browser_page = context.new_page()
    browser_page.set_default_timeout(15_000)
    yield browser_page
    context.close()


@pytest.fixture
def axe():
    """Run axe-core on the current page and fail with a readable report on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(browser_page):
        results = checker.run(browser_page)
        violations = results.response["violations"]
        assert violations == [], results.generate_report()
        return results

    return check
