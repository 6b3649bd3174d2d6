"""The language switcher on every page, with every language, keeping where the visitor is."""

import pytest
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def switcher(html):
    start = html.index('<nav class="language-switcher"')
    return html[start : html.index("</nav>", start)]


def link(code, url, label):
    return f'<a href="{url}" hreflang="{code}" lang="{code}">{label}</a>'


def test_a_welsh_fallback_page_offers_english_and_spanish(client, site_tree):
    html = client.get("/cy/stories/").content.decode()  # no Welsh stories index: English shown

    nav = switcher(html)
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in nav
    assert link("en", "/en/stories/", "English") in nav
    assert link("es", "/es/stories/", "Español") in nav
    # The note under it offers only versions that really exist in another language.
    note = html[html.index('role="note"') : html.index("</div>", html.index('role="note"'))]
    assert "/es/stories/" not in note


def test_a_translated_page_links_its_translation_and_the_others_fallback(client, site_tree):
    welsh = site_tree.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh.slug = "hafan"  # a translator may give the Welsh version its own slug
    welsh.save_revision().publish()

    nav = switcher(client.get("/es/").content.decode())

    assert link("cy", "/cy/", "Cymraeg") in nav
    assert link("en", "/en/", "English") in nav
    assert '<span aria-current="true" lang="es">Español</span>' in nav


def test_switching_on_a_search_keeps_the_query(client, site_tree):
    nav = switcher(client.get("/en/search/?q=time+bank&type=casestudy").content.decode())

    assert link("cy", "/cy/search/?q=time+bank&amp;type=casestudy", "Cymraeg") in nav
    assert link("es", "/es/search/?q=time+bank&amp;type=casestudy", "Español") in nav


def test_switching_on_a_listing_keeps_its_filters(client, site_tree):
    nav = switcher(client.get("/cy/case-studies/?keyword=peer-support&page=2").content.decode())

    assert link("en", "/en/case-studies/?keyword=peer-support&amp;page=2", "English") in nav


def test_switching_in_the_story_form_keeps_the_step_and_the_draft(client, site_tree):
    about = {
        "name_choice": "pseudonym",
        "pseudonym": "Quillon",
        "first_name": "",
        "title": "",
        "about_me": "I keep bees and I talk to them.",
        "region": "wales",
        "setting": "rural",
        "voice": "own-words",
    }
    assert client.post("/en/stories/share/about/", about).status_code == 302

    english = client.get("/en/stories/share/about/").content.decode()
    assert link("cy", "/cy/stories/share/about/", "Cymraeg") in switcher(english)

    welsh = client.get("/cy/stories/share/about/")
    assert welsh.status_code == 200
    html = welsh.content.decode()
    assert '<html lang="cy">' in html
    assert "I keep bees and I talk to them." in html  # the same draft, now in Welsh
    assert link("es", "/es/stories/share/about/", "Español") in switcher(html)
