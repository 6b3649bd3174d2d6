"""The Content-Security-Policy in Chromium: nothing refused, and what uses scripts still works.

The policy allows only this site's scripts and inline scripts with the response's nonce. The
browser reports every refusal as a `securitypolicyviolation` event (collected by a script that
Playwright adds before the page's own, outside the policy) and on the console.
"""

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudyIndexPage
from provisioning import demo_toolkits as demo
from tests.casestudies.factories import CaseStudyPageFactory

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def watched_page(page):
    """The page, with every policy violation and console complaint about it recorded."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(COLLECT_VIOLATIONS)

    def assert_nothing_refused():
        assert page.evaluate("window.__cspViolations") == []
        assert console == []

    page.assert_nothing_refused = assert_nothing_refused
    return page


def test_the_autocomplete_and_the_self_assessment_run_under_the_policy(watched_page, live_site):
    demo.load()
    page = watched_page
    response = page.goto(f"{live_site}/en/")
    script_src = response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert script_src.split() == ["'self'"]  # no inline script on public pages, so no nonce
    box = page.get_by_role("combobox", name="Search the hub")
    box.press_sequentially("Tool", delay=30)
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    page.assert_nothing_refused()

    page.goto(f"{live_site}/en/toolkits/self-assessment/")
    wedge = page.locator("[data-assessment-wedge]")
    unrated = wedge.inner_text()
    page.locator(".assessment-form input[type=radio]").first.check()
    # The script fetched the redrawn wedge. (A locator, not wait_for_function: that evaluates a
    # string, which the policy rightly refuses.)
    expect(wedge).not_to_have_text(unrated)
    page.assert_nothing_refused()


def test_the_admin_editor_runs_under_the_policy(watched_page, live_site):
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    case_study = CaseStudyPageFactory(parent=index, title="Time bank")
    page = watched_page
    page.goto(f"{live_site}/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("admin-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_site}/admin/")

    page.goto(f"{live_site}/admin/pages/{case_study.pk}/edit/")
    expect(page.get_by_role("textbox", name="Title*")).to_have_value("Time bank")
    # Wagtail's inline scripts start the editor's widgets: an inline panel adds a form with a
    # page chooser in it, and the chooser opens its dialog.
    page.get_by_role("button", name="Add see also").click()
    page.get_by_role("button", name="Choose a page").first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(
        page.get_by_role("dialog").get_by_role("heading", name="Choose Case study")
    ).to_be_visible()
    page.assert_nothing_refused()
