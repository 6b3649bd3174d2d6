"""In the admin, a page's taxonomy fields offer its own language's terms, one row per term."""

import re

import pytest
from django.test import Client
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage
from hub.models import LifeFactor, Principle
from stories.models import StoryIndexPage
from tests.casestudies.factories import CaseStudyPageFactory
from tests.hub.test_languages import translate
from tests.stories.factories import make_story
from tests.toolkits.factories import ToolkitPageFactory
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    return client


@pytest.fixture
def welsh_terms(site_tree):
    """Every principle and life factor in Welsh too (the Welsh names prefixed [cy])."""
    welsh = Locale.objects.get(language_code="cy")
    for model in (Principle, LifeFactor):
        for term in model.objects.filter(locale=Locale.get_default()):
            copy = term.copy_for_translation(welsh)
            copy.name = f"[cy] {term.name}"
            copy.save()


def edit_form(admin, page):
    response = admin.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def offered(html, name):
    """The (value, label) of every checkbox named `name` in the admin form."""
    return re.findall(
        rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*>\s*([^<]+?)\s*</label>', html
    )


def test_a_welsh_toolkit_offers_each_principle_once_in_welsh(admin, welsh_terms, section):
    english = ToolkitPageFactory(parent=section(ToolkitIndexPage), title="Start", live=True)
    welsh = translate(english, "cy", "Dechrau")

    welsh_options = offered(edit_form(admin, welsh), "principles")
    english_options = offered(edit_form(admin, english), "principles")

    assert len(welsh_options) == len(english_options) == 6
    assert all(label.startswith("[cy] ") for _value, label in welsh_options)
    assert not any(label.startswith("[cy] ") for _value, label in english_options)
    welsh_ids = {int(value) for value, _label in welsh_options}
    assert welsh_ids == set(
        Principle.objects.filter(locale__language_code="cy").values_list("pk", flat=True)
    )


def test_a_case_studys_principle_ratings_offer_its_own_languages_principles(
    admin, welsh_terms, section
):
    english = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage), title="Headway", ratings={"assets": 3}, live=True
    )
    welsh = translate(english, "cy", "Headway")

    html = edit_form(admin, welsh)
    select = re.search(r'<select[^>]*name="principle_ratings-0-principle".*?</select>', html, re.S)
    assert select, html[html.find("principle_ratings-0-principle") - 300 :][:1500]
    labels = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select.group(0))

    assert len(labels) == 6 and all(label.startswith("[cy] ") for label in labels)
    # The rating kept pointing at the same principle, now its Welsh version.
    chosen = re.search(r'<option value="(\d+)" selected>', select.group(0))
    assert chosen, select.group(0)
    chosen = chosen.group(1)
    assert Principle.objects.get(pk=chosen).key == "assets"


def test_the_story_editor_offers_life_factors_as_checkboxes_once_each(admin, section):
    story = make_story(section(StoryIndexPage))
    # Factors in three languages exist, as on a translated site.
    for code in ("cy", "es"):
        for factor in LifeFactor.objects.filter(locale=Locale.get_default()):
            factor.copy_for_translation(Locale.objects.get(language_code=code)).save()

    options = offered(edit_form(admin, story), "life_factors")

    assert sorted(label for _value, label in options) == sorted(
        LifeFactor.objects.filter(locale=Locale.get_default()).values_list("name", flat=True)
    )
