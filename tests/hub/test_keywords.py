"""Keywords in every language: named per language, filtered by one slug in all of them."""

import pytest
from taggit.models import Tag
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage
from hub.keywords import keyword_names
from hub.models import Keyword
from tests.casestudies.factories import CaseStudyPageFactory
from tests.hub.test_translations_content import main_text, translate, welsh, welsh_catalogue_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def test_a_new_tag_gets_a_name_to_translate_and_loses_every_name_when_deleted(site_tree):
    tag = Tag.objects.create(name="Peer Support")
    english = Keyword.objects.get(key=tag.slug)
    assert (english.name, english.locale) == ("Peer Support", Locale.get_default())
    translate(english, welsh(), lambda source: "Cymorth cymheiriaid")
    assert Keyword.objects.filter(key="peer-support").count() == 2

    tag.delete()  # e.g. the last story using it was withdrawn

    assert not Keyword.objects.filter(key="peer-support").exists()


def test_names_fall_back_to_the_default_language_one_by_one(site_tree):
    for name in ("Peer Support", "Time Banking"):
        Tag.objects.create(name=name)
    translate(Keyword.objects.get(key="peer-support"), welsh(), lambda s: "Cymorth cymheiriaid")

    assert keyword_names("cy") == {
        "peer-support": "Cymorth cymheiriaid",
        "time-banking": "Time Banking",
    }
    assert keyword_names("en")["peer-support"] == "Peer Support"


@pytest.fixture
def welsh_case_study(site_tree, section):
    english = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage),
        title="Headway",
        keywords=["Peer Support", "Time Banking"],
        live=True,
    )
    translate(Keyword.objects.get(key="peer-support"), welsh(), lambda s: "Cymorth cymheiriaid")
    welsh_catalogue_index(site_tree, section)
    return english, translate(english, welsh())


def test_a_welsh_case_study_and_listing_name_keywords_in_welsh_with_the_same_slug(
    client, welsh_case_study
):
    english, welsh_page = welsh_case_study

    page = main_text(client.get(f"/cy/case-studies/{welsh_page.slug}/"))
    assert 'peer-support/">Cymorth cymheiriaid</a>' in page
    assert "Peer Support" not in page
    assert 'time-banking/">Time Banking</a>' in page  # not translated yet

    # The facet and the chip of the Welsh listing, filtered by the shared slug.
    listing = main_text(client.get("/cy/case-studies/?keyword=peer-support"))
    assert "Cymorth cymheiriaid" in listing and "Peer Support" not in listing
    assert welsh_page.title in listing

    # The same link works in English, in English.
    english_listing = main_text(client.get("/en/case-studies/?keyword=peer-support"))
    assert "Peer Support" in english_listing and "Cymorth cymheiriaid" not in english_listing
    assert english.title in english_listing
