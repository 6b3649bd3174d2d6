"""The trust pages, the contact and suggestion forms (also with errors) and the "Cite this" box,
checked by axe-core in English, Welsh and Spanish: one walk per language."""

import pytest

from casestudies.models import CaseStudyIndexPage
from provisioning import demo_trust
from tests.casestudies.factories import CaseStudyPageFactory


@pytest.fixture
def trust_site(live_site):
    demo_trust.load()
    CaseStudyPageFactory(
        parent=CaseStudyIndexPage.objects.get(locale__language_code="en"),
        slug="riverside-timebank",
        ratings={"assets": 3, "networks": 2, "mutuality": 1},
    )
    return live_site


@pytest.mark.parametrize("language", ["en", "cy", "es"])
def test_trust_pages_and_cite_box_have_no_axe_violations(page, trust_site, axe, language):
    for path in (
        "about/",
        "privacy/",
        "accessibility/",
        "contact/",
        "case-studies/riverside-timebank/",
        "case-studies/suggest/",
    ):
        page.goto(f"{trust_site}/{language}/{path}")
        page.wait_for_load_state("load")
        axe(page)

    # The contact and suggestion forms sent empty: the error summary, then axe again.
    for path in ("contact/", "case-studies/suggest/"):
        page.goto(f"{trust_site}/{language}/{path}")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("load")
        assert page.locator("[data-error-summary]").is_visible()
        axe(page)
