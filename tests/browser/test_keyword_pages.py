"""Keyword pages in a real browser, in each language: zero axe-core violations, and a keyword
chip that leads to its page."""

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudyIndexPage, ResourceIndexPage
from tests.browser.test_languages_pages import TITLES, translate_site
from tests.casestudies.factories import CaseStudyPageFactory, ResourcePageFactory
from tests.stories.factories import make_story


@pytest.mark.parametrize("code", ["en", "cy", "es"])
def test_keyword_page_has_no_axe_violations(page, live_site, axe, code):
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    CaseStudyPageFactory(
        parent=index,
        title="Time bank in Leeds",
        slug="time-bank",
        summary="Local people share their time and skills, hour for hour.",
        ratings={"assets": 3, "networks": 2, "mutuality": 3},
        keywords=["Time Banking"],
    )
    ResourcePageFactory(
        parent=ResourceIndexPage.objects.get(locale__language_code="en"),
        title="Time banking handbook",
        keywords=["Time Banking"],
    )
    make_story(publish=True, title="A morning at the time bank", keywords=["Time Banking"])
    if code != "en":
        translate_site(code)  # the case study, with its keyword, in this language
    case_title = TITLES.get(code, {}).get("case", "Time bank in Leeds")

    page.goto(f"{live_site}/{code}/case-studies/time-bank/")
    page.locator(".tags").get_by_role("link", name="Time Banking").click()
    expect(page).to_have_url(f"{live_site}/{code}/keywords/time-banking/")
    assert page.locator("html").get_attribute("lang") == code
    expect(page.get_by_role("heading", level=1)).to_contain_text("Time Banking")
    expect(page.get_by_role("link", name=case_title)).to_be_visible()
    if code == "en":
        expect(page.get_by_role("link", name="Time banking handbook")).to_be_visible()
        expect(page.get_by_role("link", name="A morning at the time bank")).to_be_visible()
    axe(page)
