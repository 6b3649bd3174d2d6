"""The pages every visitor meets, in a real browser: accessible, keyboard-usable, self-contained."""

import re

from playwright.sync_api import expect


def test_home_page_has_no_axe_violations(page, live_site, axe):
    page.goto(f"{live_site}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Co-production hub")
    axe(page)


def test_not_found_page_has_no_axe_violations(page, live_site, axe):
    response = page.goto(f"{live_site}/en/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("cannot find that page")
    axe(page)


def test_skip_link_is_first_and_moves_focus_to_the_content(page, live_site):
    page.goto(f"{live_site}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()


def test_focus_is_visible_on_links(page, live_site):
    page.goto(f"{live_site}/en/")
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Case studies")
    link.focus()
    outline = link.evaluate(
        "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.boxShadow]; }"
    )
    assert outline[0] == "rgb(255, 191, 71)"  # the focus colour
    assert outline[1] != "none"


def test_navigation_reaches_each_section(page, live_site):
    page.goto(f"{live_site}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stories").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("Home")


def test_header_search_returns_results(page, live_site):
    page.goto(f"{live_site}/en/")
    page.get_by_label("Search the hub").fill("toolkits")
    page.get_by_label("Search the hub").press("Enter")
    expect(page.locator(".results-count")).to_contain_text("result")
    expect(page.get_by_role("link", name="Toolkits").last).to_be_visible()


def test_no_request_leaves_the_site(page, live_site):
    """No fonts, scripts or trackers from elsewhere: every request goes to the hub itself."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_site}/en/")
    page.wait_for_load_state("networkidle")
    assert requested
    assert all(url.startswith(live_site) for url in requested), requested
