"""Language plumbing: lang attributes, hreflang, untranslated pages, compiled catalogues."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from hub import i18n

pytestmark = pytest.mark.django_db


def welsh_home(home):
    """A published Welsh translation of the home page, as wagtail-localize would create it."""
    welsh = home.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh.title = "Hyb cydgynhyrchu"
    welsh.save_revision().publish()
    return welsh


def test_untranslated_page_says_so_and_marks_its_language(client, site_tree):
    html = client.get("/cy/").content.decode()

    assert '<html lang="cy">' in html
    assert '<main id="main" class="main" tabindex="-1" lang="en">' in html
    assert 'role="note" lang="cy"' in html


def test_translated_page_has_switcher_and_hreflang(client, site_tree):
    welsh_home(site_tree)

    html = client.get("/cy/").content.decode()

    assert "Hyb cydgynhyrchu" in html
    assert 'role="note"' not in html
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/">' in html
    assert '<link rel="alternate" hreflang="cy" href="http://localhost/cy/">' in html
    assert 'hreflang="x-default" href="http://localhost/en/"' in html
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html
    assert '<span aria-current="true" lang="cy">' in html


def test_single_language_page_has_no_switcher_or_alternates(client, site_tree):
    html = client.get("/en/").content.decode()
    assert 'rel="alternate"' not in html
    assert 'aria-label="Language"' not in html


def test_catalogues_compile_without_gettext(tmp_path, settings):
    po = tmp_path / "cy" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Skip to main content"\nmsgstr "Neidio i\'r prif gynnwys"\n',
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]

    assert i18n.compile_catalogues() == [po.with_suffix(".mo")]
    assert i18n.compile_catalogues() == []  # up to date: nothing recompiled

    # Changing LOCALE_PATHS makes Django drop its loaded catalogues, so this reads the new .mo.
    with translation.override("cy"):
        assert translation.gettext("Skip to main content") == "Neidio i'r prif gynnwys"
