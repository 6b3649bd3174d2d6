"""Stories in a real browser: accessible pages, and the whole form with the keyboard alone."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from provisioning.demo_stories import load_demo_stories
from stories.models import StoryPage, StoryWithdrawal


@pytest.fixture
def stories_site(live_site):
    cache.clear()
    load_demo_stories()
    return live_site


def test_story_index_and_a_story_have_no_axe_violations(page, stories_site, axe):
    page.goto(f"{stories_site}/en/stories/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories")
    expect(page.locator(".story-card")).to_have_count(4)
    axe(page)

    page.goto(f"{stories_site}/en/stories/?factor=money&keyword=nonsense")
    expect(page.get_by_text("were not recognised")).to_be_visible()
    axe(page)

    page.goto(f"{stories_site}/en/stories/")
    page.get_by_role("link", name="Starting again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Starting again")
    expect(page.locator(".content-note")).to_contain_text("Drug or alcohol use")
    expect(page.locator(".story-illustrative")).to_be_visible()
    axe(page)


def test_the_filters_work_without_javascript(chromium, stories_site):
    context = chromium.new_context(java_script_enabled=False)
    no_js = context.new_page()
    no_js.goto(f"{stories_site}/en/stories/")
    no_js.get_by_role("group", name="Life factor").get_by_role(
        "radio", name=re.compile(r"^Money")
    ).check()
    no_js.get_by_role("button", name="Apply filters").click()
    expect(no_js).to_have_url(re.compile(r"factor=money"))
    expect(no_js.locator(".story-card")).to_have_count(2)
    context.close()


def tab_to(page, locator, presses=60):
    """Press Tab until the locator has focus: proof it can be reached by keyboard alone."""
    for _ in range(presses):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {locator} with the Tab key")


def type_into(page, locator, text):
    tab_to(page, locator)
    page.keyboard.type(text)


def test_the_whole_form_with_the_keyboard_only_and_every_step_accessible(page, stories_site, axe):
    page.goto(f"{stories_site}/en/stories/share/")
    axe(page)
    tab_to(page, page.get_by_role("link", name="Start"))
    page.keyboard.press("Enter")

    # Step 1: an error first, to check the error state too.
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    axe(page)
    type_into(page, page.get_by_label("Tell us a little about you"), "I mend bicycles.")
    tab_to(page, page.get_by_role("button", name="Save and continue"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Please write a made-up name")
    expect(page.get_by_label("Tell us a little about you")).to_have_value("I mend bicycles.")
    axe(page)
    type_into(page, page.get_by_role("textbox", name="Made-up name"), "Spoke")
    region = page.get_by_label("Where do you live?")
    tab_to(page, region)
    region.press("ArrowDown")  # keyboard choice in a select
    tab_to(page, page.get_by_role("button", name="Save and continue"))
    page.keyboard.press("Enter")

    # Step 2
    expect(page.get_by_role("heading", level=1)).to_have_text("Your day")
    axe(page)
    type_into(page, page.locator("#id_moment-0-time_of_day"), "8am")
    type_into(page, page.locator("#id_moment-0-what_happens"), "Open the workshop.")
    tab_to(page, page.get_by_role("button", name="Save and continue"))
    page.keyboard.press("Enter")

    # Step 3
    expect(page.get_by_role("heading", level=1)).to_have_text("What matters to you")
    axe(page)
    tab_to(page, page.get_by_label("Money", exact=True))
    page.keyboard.press("Space")
    type_into(page, page.get_by_label("What do you love doing?"), "Fixing gears")
    tab_to(page, page.get_by_role("button", name="Save and continue"))
    page.keyboard.press("Enter")

    # Step 4
    expect(page.get_by_role("heading", level=1)).to_have_text("Saying yes")
    axe(page)
    tab_to(page, page.get_by_label("Yes, you can put my story on this website."))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Save and continue"))
    page.keyboard.press("Enter")

    # Step 5
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and send")
    expect(page.get_by_text("Open the workshop.")).to_be_visible()
    axe(page)
    tab_to(page, page.get_by_role("button", name="Send my story"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for sharing your story")
    axe(page)
    assert StoryPage.objects.filter(pseudonym="Spoke", live=False).exists()

    link = page.locator("#private-link")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_text("With a moderator")).to_be_visible()
    axe(page)

    tab_to(page, page.get_by_role("button", name="Take my story back"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure")
    axe(page)
    tab_to(page, page.get_by_role("button", name="Yes, delete my story"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your story has been deleted")
    axe(page)
    assert not StoryPage.objects.filter(pseudonym="Spoke").exists()
    assert StoryWithdrawal.objects.filter(by="contributor").count() == 1


def test_a_wrong_private_link_page_is_accessible(page, stories_site, axe):
    response = page.goto(f"{stories_site}/en/stories/my-story/not-a-real-link/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("cannot show a story")
    axe(page)


def test_errors_take_focus_and_the_private_link_copies(chromium, stories_site, axe):
    context = chromium.new_context(
        locale="en-GB",
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{stories_site}/en/stories/share/about/")
    page.get_by_label("Tell us a little about you").fill("I grow leeks.")
    page.get_by_role("textbox", name="Made-up name").fill("Leek")
    page.get_by_role("button", name="Save and continue").click()

    # An empty day: the server's answer puts focus on the summary, whose link leads to the field.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your day")
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please tell us about at least one moment of your day")
    axe(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_moment-0-time_of_day")).to_be_focused()

    # Long answers count their characters as people type.
    page.locator("#id_moment-0-time_of_day").fill("7am")
    page.locator("#id_moment-0-what_happens").fill("Water the leeks.")
    expect(page.locator("#field-moment-0-what_happens .character-count__status")).to_have_text(
        "You have 1984 characters left (up to 2000)."
    )
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # nothing to say here
    page.get_by_label("Yes, you can put my story on this website.").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Send my story").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for sharing your story")
    link = page.locator("#private-link").inner_text()
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status").filter(has_text="The link is copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link
    expect(page.get_by_role("button", name="Print a reminder")).to_be_visible()
    axe(page)

    page.goto(link)
    expect(page.get_by_text("With a moderator")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    axe(page)
    context.close()

    # Without JavaScript the link is there as text and the buttons that need it are not.
    no_js_context = chromium.new_context(java_script_enabled=False)
    no_js = no_js_context.new_page()
    no_js.goto(link)
    expect(no_js.locator("#private-link")).to_have_text(link)
    expect(no_js.get_by_role("button", name="Copy link")).to_be_hidden()
    no_js_context.close()
