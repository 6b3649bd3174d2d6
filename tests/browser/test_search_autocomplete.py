"""The header search box suggests pages as you type, usable by keyboard and screen reader."""

from playwright.sync_api import expect


def test_suggestions_open_are_accessible_and_keyboard_usable(page, live_site, axe):
    page.goto(f"{live_site}/en/")
    box = page.get_by_role("combobox", name="Search the hub")
    box.press_sequentially("Tool", delay=30)

    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option")).to_have_count(1)
    axe(page)

    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-suggestions-0")
    box.press("Enter")
    expect(page).to_have_url(f"{live_site}/en/toolkits/")


def test_escape_closes_the_suggestions(page, live_site):
    page.goto(f"{live_site}/en/")
    box = page.get_by_role("combobox", name="Search the hub")
    box.press_sequentially("Stor", delay=30)
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_results_and_zero_results_pages_have_no_axe_violations(page, live_site, axe):
    page.goto(f"{live_site}/en/search/?q=stories")
    expect(page.locator(".results-count")).to_contain_text("result")
    axe(page)
    page.goto(f"{live_site}/en/search/?q=qwxzz")
    expect(page.locator(".results-count")).to_contain_text("0 results")
    axe(page)
