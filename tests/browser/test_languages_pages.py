"""Welsh and Spanish pages in a real browser: zero axe-core violations, `lang` right, and a
language switcher that works from the keyboard.

The translations are made here (copy_for_translation, then published), not by the demo loader.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from hub.models import HomePage, Principle
from search.models import SearchPage
from tests.casestudies.factories import CaseStudyPageFactory
from tests.hub.glossary import PRINCIPLE_NAMES

TITLES = {
    "cy": {
        "home": "Hyb cydgynhyrchu",
        "index": "Astudiaethau achos",
        "search": "Chwilio",
        "case": "Banc amser yn Leeds",
        "summary": "Mae pobl leol yn rhannu eu hamser a'u sgiliau, awr am awr.",
    },
    "es": {
        "home": "Centro de coproducción",
        "index": "Casos prácticos",
        "search": "Buscar",
        "case": "Banco de tiempo en Leeds",
        "summary": "Los vecinos comparten su tiempo y sus habilidades, hora por hora.",
    },
}


def publish_translation(page, code, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def translate_site(code):
    """Principles, home, catalogue, search and one case study in `code`; the rest stays English."""
    for principle in Principle.objects.filter(locale__language_code="en"):
        copy = principle.copy_for_translation(Locale.objects.get(language_code=code))
        copy.name = PRINCIPLE_NAMES[code].get(principle.key, principle.name)
        copy.save()
    titles = TITLES[code]
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    english_case = english_case_study(index)
    publish_translation(home, code, title=titles["home"])
    publish_translation(index, code, title=titles["index"])
    publish_translation(
        SearchPage.objects.get(locale__language_code="en"), code, title=titles["search"]
    )
    publish_translation(english_case, code, title=titles["case"], summary=titles["summary"])


def english_case_study(index):
    """The English case study both languages translate (made once per test)."""
    existing = CaseStudyPage.objects.filter(slug="time-bank", locale=index.locale).first()
    return existing or CaseStudyPageFactory(
        parent=index,
        title="Time bank in Leeds",
        slug="time-bank",
        summary="Local people share their time and skills, hour for hour.",
        ratings={"assets": 3, "networks": 2, "mutuality": 3},
        live=True,
    )


def assert_languages(page, interface, content=None):
    """<html lang> is the URL's language; <main> carries a lang only when its content differs."""
    assert page.locator("html").get_attribute("lang") == interface
    assert re.search(rf"/{interface}/", page.url)
    assert page.locator("main").get_attribute("lang") == content


@pytest.fixture
def welsh_site(live_site):
    translate_site("cy")
    return live_site


@pytest.fixture
def spanish_site(live_site):
    translate_site("es")
    return live_site


def test_welsh_pages_have_no_axe_violations(page, welsh_site, axe):
    page.goto(f"{welsh_site}/cy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hyb cydgynhyrchu")
    assert_languages(page, "cy")
    axe(page)

    page.goto(f"{welsh_site}/cy/case-studies/time-bank/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Banc amser yn Leeds")
    expect(page.locator(".case-study__principles")).to_contain_text("Asedau")
    assert_languages(page, "cy")
    axe(page)

    page.goto(f"{welsh_site}/cy/search/?q=banc")
    expect(page.get_by_role("link", name="Banc amser yn Leeds")).to_be_visible()
    assert_languages(page, "cy")
    axe(page)


def test_untranslated_section_in_welsh_marks_its_english(page, welsh_site, axe):
    """Mixed languages: Welsh interface, English content, each marked as such."""
    page.goto(f"{welsh_site}/cy/")
    page.locator("nav.main-nav").get_by_role("link", name="Toolkits").click()
    expect(page).to_have_url(f"{welsh_site}/cy/toolkits/")
    assert_languages(page, "cy", content="en")
    note = page.get_by_role("note")
    assert note.get_attribute("lang") == "cy"
    expect(note.get_by_role("link", name="English")).to_have_attribute("hreflang", "en")
    axe(page)


def test_spanish_pages_have_no_axe_violations(page, spanish_site, axe):
    page.goto(f"{spanish_site}/es/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Centro de coproducción")
    assert_languages(page, "es")
    axe(page)

    page.goto(f"{spanish_site}/es/case-studies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Casos prácticos")
    expect(page.get_by_role("link", name="Banco de tiempo en Leeds")).to_be_visible()
    expect(page.locator("form.listing")).to_contain_text("Activos")
    assert_languages(page, "es")
    axe(page)


def test_language_switcher_works_from_the_keyboard(page, welsh_site):
    page.goto(f"{welsh_site}/cy/case-studies/time-bank/")
    english = page.locator(".language-switcher a[hreflang='en']")
    expect(english).to_have_attribute("lang", "en")
    expect(page.locator(".language-switcher [aria-current='true']")).to_have_text("Cymraeg")

    for _press in range(10):  # skip link, site name, then the switcher
        page.keyboard.press("Tab")
        if english.evaluate("el => el === document.activeElement"):
            break
    expect(english).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{welsh_site}/en/case-studies/time-bank/")
    assert_languages(page, "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Time bank in Leeds")
    expect(page.locator(".language-switcher a[hreflang='cy']")).to_have_text("Cymraeg")
