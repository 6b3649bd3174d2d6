"""Frameworks and themes in a real browser: every new page type, in each language, without axe
violations. The pages are not translated here, so the Welsh and Spanish walks also check the
English fallback (the page's content marked lang="en" inside a Welsh or Spanish interface)."""

import json
from pathlib import Path

import pytest

from casestudies import importer
from tests.casestudies.conftest import with_frameworks

DATA = Path(__file__).parent.parent / "casestudies" / "data" / "small_catalogue.json"

PATHS = [
    "frameworks/",
    "frameworks/cahn-core-values/",
    "frameworks/cahn-core-values/reciprocity/",
    "themes/",
    "themes/access/",
    "case-studies/?framework_element=reciprocity&theme=access",
]


@pytest.mark.parametrize("language", ["en", "cy", "es"])
def test_framework_and_theme_pages_have_no_axe_violations(page, live_site, axe, language):
    importer.run(with_frameworks(json.loads(DATA.read_text())))
    for path in PATHS:
        response = page.goto(f"{live_site}/{language}/{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        axe(page)
