"""Evidence, glossary, the home page's routes and a story with a quick exit, in Chromium, in each
language: zero axe-core violations. Only the English pages exist; /cy/ and /es/ serve them with
a Welsh or Spanish interface, as a visitor finds them before translation."""

import pytest

from provisioning import demo_evidence, demo_glossary
from tests.stories.factories import make_story


@pytest.fixture
def evidence_site(live_site):
    demo_glossary.load()
    demo_evidence.load()
    make_story(title="A hard year", slug="a-hard-year", content_notes=["violence"], publish=True)
    return live_site


@pytest.mark.parametrize("language", ["en", "cy", "es"])
def test_evidence_glossary_home_and_quick_exit_pages_have_no_axe_violations(
    page, evidence_site, axe, language
):
    for path in (
        "",
        "evidence/",
        f"evidence/{demo_evidence.SLUG}/",
        "glossary/",
        "stories/a-hard-year/",
    ):
        page.goto(f"{evidence_site}/{language}/{path}")
        page.wait_for_load_state("load")
        axe(page)
    # The quick exit is the second stop from the top of the page, after the skip link.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.quickExit") == ""
