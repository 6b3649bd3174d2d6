"""Locale routing: prefixed URLs, "/" by the browser's language or cookie, configurable locales."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from casestudies.models import CaseStudyIndexPage
from provisioning import bootstrap
from tests.hub.test_settings import settings_value

pytestmark = pytest.mark.django_db

ENGLISH_AND_WELSH = [("en", "English"), ("cy", "Welsh")]


def translate(page, code, title, publish=True):
    """A translation of `page` (its parents must exist in that language), live or a draft."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code))
    copy.title = title
    revision = copy.save_revision()
    if publish:
        revision.publish()
    return copy.specific_class.objects.get(pk=copy.pk)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("cy", "/cy/"),
        ("cy-GB,cy;q=0.9,en;q=0.5", "/cy/"),
        ("es-ES,es;q=0.9", "/es/"),
        ("es-419", "/es/"),
        ("fr", "/en/"),  # not offered: the default language
        ("fr-CA,fr;q=0.9,cy;q=0.5", "/cy/"),  # the first offered language in the list
        ("", "/en/"),
    ],
)
def test_root_redirects_by_the_browsers_language(client, site_tree, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_cookie_wins_over_the_browsers_language(client, site_tree):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")

    assert response["Location"] == "/es/"


def test_an_unknown_language_cookie_is_ignored(client, site_tree):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    assert client.get("/", HTTP_ACCEPT_LANGUAGE="cy")["Location"] == "/cy/"


def test_each_language_has_its_own_prefix(client, site_tree):
    for code in ("en", "cy", "es"):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()
    # Not a language prefix: "/fr/" is taken as a page path, which does not exist.
    assert client.get("/fr/", follow=True).status_code == 404


def test_page_urls_carry_their_locale_prefix(site_tree):
    welsh = translate(site_tree, "cy", "Hafan")

    assert site_tree.url == "/en/"
    assert welsh.url == "/cy/"
    with translation.override("cy"):
        assert reverse("wagtail_serve", args=["case-studies/"]) == "/cy/case-studies/"


def test_a_welsh_visitor_keeps_welsh_on_an_untranslated_section(client, site_tree, section):
    translate(site_tree, "cy", "Hafan")

    response = client.get("/cy/case-studies/", HTTP_ACCEPT_LANGUAGE="en")

    # The English section is served at the Welsh address: interface Welsh, content English.
    assert response.status_code == 200
    assert response.context["page"].pk == section(CaseStudyIndexPage).pk
    html = response.content.decode()
    assert '<html lang="cy">' in html
    assert 'lang="en">' in html


def test_a_draft_translation_is_not_served(client, site_tree, section):
    welsh_home = translate(site_tree, "cy", "Hafan")
    index = section(CaseStudyIndexPage)
    draft = translate(index, "cy", "Drafft astudiaethau", publish=False)
    assert draft.get_parent().pk == welsh_home.pk and not draft.live

    html = client.get("/cy/case-studies/").content.decode()

    assert "Drafft astudiaethau" not in html
    assert "<h1>Case studies</h1>" in html


def test_a_live_translation_is_served_at_its_own_address(client, site_tree, section):
    translate(site_tree, "cy", "Hafan")
    translate(section(CaseStudyIndexPage), "cy", "Astudiaethau achos")

    html = client.get("/cy/case-studies/").content.decode()

    assert "<h1>Astudiaethau achos</h1>" in html
    assert 'role="note"' not in html


def test_a_missing_page_is_still_not_found_in_every_language(client, site_tree):
    translate(site_tree, "cy", "Hafan")

    assert client.get("/cy/no-such-page/").status_code == 404
    assert client.get("/en/no-such-page/").status_code == 404


@override_settings(LANGUAGES=ENGLISH_AND_WELSH, WAGTAIL_CONTENT_LANGUAGES=ENGLISH_AND_WELSH)
def test_a_reduced_list_of_languages_is_served_and_offered(client, site_tree):
    # The test database was bootstrapped with all three languages: take Spanish out first, so
    # this is a hub set up with English and Welsh only.
    spanish = Locale.objects.get(language_code="es")
    for relation in Locale._meta.related_objects:
        relation.related_model.objects.filter(**{relation.field.name: spanish}).delete()
    spanish.delete()
    bootstrap.run(demo_logins=False)
    home = Page.objects.get(depth=2, locale__language_code="en")
    translate(home, "cy", "Hafan")

    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "cy"}
    assert client.get("/es/", follow=True).redirect_chain == [("/en/es/", 302)]
    assert client.get("/es/", follow=True).status_code == 404
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="cy")["Location"] == "/cy/"
    html = client.get("/cy/").content.decode()
    assert 'hreflang="en" lang="en">English</a>' in html
    assert "Español" not in html


def test_hub_languages_setting_chooses_the_languages():
    codes = (
        "[[c for c, _ in settings.LANGUAGES], [c for c, _ in settings.WAGTAIL_CONTENT_LANGUAGES]]"
    )

    assert settings_value("hub.settings.dev", codes, HUB_LANGUAGES="en,cy") == [
        ["en", "cy"],
        ["en", "cy"],
    ]
    # The default language stays, whatever the list says: everything is translated from it.
    assert settings_value("hub.settings.dev", codes, HUB_LANGUAGES="es")[0] == ["en", "es"]


def test_hub_languages_setting_refuses_an_unknown_language():
    from tests.hub.test_settings import run_python

    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="hub.settings.dev",
        HUB_LANGUAGES="en,fr",
    )

    assert result.returncode != 0
    assert "HUB_LANGUAGES names unsupported languages: fr" in result.stderr
