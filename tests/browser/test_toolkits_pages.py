"""Toolkits in Chromium: axe-core on every page type, and the self-assessment by keyboard only."""

import re

import pytest
from playwright.sync_api import expect

from provisioning import demo_toolkits as demo
from toolkits import assessment
from toolkits.models import SelfAssessmentPage
from toolkits.views import _sections, _statements


@pytest.fixture
def toolkit_site(live_site):
    demo.load()
    return live_site


@pytest.mark.parametrize(
    "path",
    [
        "/en/toolkits/",
        "/en/toolkits/?audience=managers&principle=mutuality",
        "/en/toolkits/starting-a-time-bank-or-time-credits-scheme/",
        "/en/toolkits/riverside-learning-forum/co-designing-a-service-with-experts-by-experience/",
        "/en/toolkits/riverside-learning-forum/",
        "/en/toolkits/self-assessment/",
        "/en/toolkits/self-assessment/?rate=1",
        "/en/toolkits/self-assessment/result/302113/",
        "/en/toolkits/self-assessment/result/302113/?compare=111111",
        "/en/toolkits/self-assessment/result/302113/?compare=nonsense",
        "/en/toolkits/self-assessment/result/9999/",
    ],
)
def test_toolkit_pages_have_no_axe_violations(page, toolkit_site, axe, path):
    page.goto(toolkit_site + path)
    page.wait_for_load_state("load")
    axe(page)


def test_the_download_can_be_read_on_the_page(page, toolkit_site):
    page.goto(toolkit_site + "/en/toolkits/starting-a-time-bank-or-time-credits-scheme/")
    summary = page.get_by_text("Read Time bank planning checklist on this page")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.get_by_text("Where can credits be spent?").is_visible()


def test_the_self_assessment_can_be_completed_by_keyboard(page, toolkit_site, axe):
    self_assessment = SelfAssessmentPage.objects.get()
    statements = [
        statement
        for _principle, group in _sections(self_assessment, _statements(self_assessment), {})
        for statement in group
    ]
    page.goto(toolkit_site + "/en/toolkits/self-assessment/")

    # Tab from the top of the page to the first statement's choices.
    first = f'input[name="{statements[0].field_name}"]'
    for _attempt in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == statements[0].field_name:
            break
    else:
        pytest.fail(f"Tab never reached {first}")

    chosen = {}
    for number, statement in enumerate(statements):
        value = number % 4
        assert page.evaluate("document.activeElement.name") == statement.field_name
        if value == 0:
            page.keyboard.press("Space")
        for _step in range(value):
            page.keyboard.press("ArrowRight")
        chosen[statement.pk] = value
        page.keyboard.press("Tab")

    # With JavaScript, the wedge beside the form has been redrawn as the statements were rated.
    # (A locator, not wait_for_function: that evaluates a string, which the CSP refuses.)
    expect(page.locator("[data-assessment-wedge]")).not_to_contain_text("Not rated")
    assert page.locator("[data-assessment-preview]").is_visible()

    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/result/[0-3-]{6}/$"))

    expected = assessment.encode(
        assessment.score({s.pk: s.principle.key for s in statements}, chosen)
    )
    assert page.url.endswith(f"/result/{expected}/")
    assert page.get_by_role("heading", name="How co-produced is your service?: your result")
    assert page.locator(".wedge__table").is_visible()
    axe(page)
