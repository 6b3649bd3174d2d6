"""The page types whose English pages axe-core checks, in Welsh and Spanish: zero violations.

Nothing is translated here, so most pages are the English content with the visitor's interface
(marked lang="en", with the note), which is what a visitor meets until translators catch up.
"""

import pytest

from hub.models import HomePage
from tests.hub.interface_language import PAGE_PATHS, build_every_page_type


@pytest.fixture
def every_page_type(live_site):
    build_every_page_type(HomePage.objects.get(depth=2, locale__language_code="en"))
    return live_site


@pytest.mark.parametrize("language", ["cy", "es"])
def test_every_page_type_has_no_axe_violations(page, every_page_type, axe, language):
    for path in PAGE_PATHS:
        page.goto(f"{every_page_type}/{language}/{path}")
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == language, path
        axe(page)
