"""The catalogue in a real browser: accessible pages, and a visitor's path through the facets."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from casestudies import importer

DATA = Path(__file__).parent.parent / "casestudies" / "data" / "small_catalogue.json"


@pytest.fixture
def catalogue_site(live_site):
    importer.run(json.loads(DATA.read_text()))
    return live_site


@pytest.mark.parametrize(
    "path",
    [
        "/en/case-studies/",
        "/en/case-studies/?keyword=peer-support&principle=networks&strength=2&depth=transformative",
        "/en/case-studies/?keyword=co-design&country=scotland",  # the empty result
        "/en/case-studies/?q=time+bank&sort=relevance",
        "/en/case-studies/harbour-peer-network/",
        "/en/principles/",
        "/en/principles/networks/",
        "/en/resources/",
        "/en/resources/?type=research",
        "/en/resources/peer-support-guide/",
    ],
)
def test_catalogue_pages_have_no_axe_violations(page, catalogue_site, axe, path):
    response = page.goto(catalogue_site + path)
    assert response.status == 200
    axe(page)


def test_visitor_filters_by_keyword_and_principle_then_follows_see_also(page, catalogue_site):
    page.goto(f"{catalogue_site}/en/case-studies/")
    expect(page.get_by_role("heading", name="4 case studies")).to_be_visible()

    page.get_by_role("checkbox", name=re.compile(r"^Peer Support")).check()
    page.get_by_role("group", name="Principle").get_by_role(
        "checkbox", name=re.compile(r"^Networks")
    ).check()
    page.get_by_label("Minimum strength").select_option("3")  # strong
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"keyword=peer-support.*principle=networks"))
    expect(page.get_by_role("heading", name="1 case study")).to_be_visible()
    results = page.get_by_role("list", name="1 case study")
    expect(results.get_by_role("listitem").filter(has=page.get_by_role("heading"))).to_have_count(1)

    page.get_by_role("link", name="Harbour Peer Network").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour Peer Network")
    expect(page.get_by_role("table")).to_contain_text("Strong (3 of 3)")

    page.get_by_role("region", name="See also").get_by_role(
        "link", name="Riverside Time Bank"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Time Bank")


def test_keyword_label_on_a_case_study_opens_the_keyword_page(page, catalogue_site):
    page.goto(f"{catalogue_site}/en/case-studies/riverside-time-bank/")
    page.get_by_role("link", name="Time Banking", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/keywords/time-banking/$"))
    expect(page.get_by_role("link", name="Riverside Time Bank")).to_be_visible()
    page.goto(f"{catalogue_site}/en/case-studies/?keyword=time-banking")
    expect(page.get_by_role("heading", name="1 case study")).to_be_visible()
    page.get_by_role("link", name=re.compile("Clear filters")).click()
    expect(page.get_by_role("heading", name="4 case studies")).to_be_visible()


def test_on_a_phone_the_results_come_first_and_the_filters_wait_behind_a_disclosure(
    chromium, catalogue_site, axe, tmp_path
):
    context = chromium.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(f"{catalogue_site}/en/case-studies/?principle=networks")

    disclosure = phone.locator("summary", has_text="Filter")
    expect(disclosure).to_contain_text("(1 chosen)")
    expect(phone.get_by_role("group", name="Depth")).to_be_hidden()
    first_card = phone.locator(".case-card").first
    expect(first_card).to_be_in_viewport()  # within the first screen, not 3,600 px down
    phone.screenshot(path=tmp_path / "catalogue-390.png")
    axe(phone)

    disclosure.click()
    expect(phone.get_by_role("group", name="Depth")).to_be_visible()
    phone.get_by_role("group", name="Depth").get_by_role(
        "radio", name=re.compile("^Transf")
    ).check()
    phone.get_by_role("button", name="Apply filters").click()
    expect(phone.locator("summary", has_text="Filter")).to_contain_text("(2 chosen)")
    expect(phone.get_by_role("link", name=re.compile("Depth: Transformative"))).to_be_visible()
    phone.screenshot(path=tmp_path / "catalogue-390-filtered.png", full_page=True)
    context.close()
