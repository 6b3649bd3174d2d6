"""Every interface string has a Welsh and a Spanish translation, and none is fuzzy.

The strings are extracted from the code and templates the way Django's makemessages does (it needs
GNU gettext, which scripts/install-test-deps.sh installs), into a scratch copy of the catalogues, so
a string added anywhere without a translation fails here rather than showing English to a Welsh or
Spanish visitor.
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LANGUAGES = ("cy", "es")
COMMITTED = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}")


def committed(language):
    return polib.pofile(str(COMMITTED / language / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues as makemessages would rewrite them from today's code."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is missing: run scripts/install-test-deps.sh")
    scratch = tmp_path_factory.mktemp("locale")
    for language in LANGUAGES:
        (scratch / language / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(
            COMMITTED / language / "LC_MESSAGES" / "django.po", scratch / language / "LC_MESSAGES"
        )
    original = settings.LOCALE_PATHS
    settings.LOCALE_PATHS = [str(scratch)]
    try:
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            ignore_patterns=["tests/*", "scripts/*", "node_modules/*", "staticfiles/*", "build/*"],
            no_obsolete=True,
            verbosity=0,
        )
    finally:
        settings.LOCALE_PATHS = original
    return {
        lang: polib.pofile(str(scratch / lang / "LC_MESSAGES" / "django.po")) for lang in LANGUAGES
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_in_the_code_is_translated(extracted, language):
    missing = [entry.msgid for entry in extracted[language].untranslated_entries()]
    fuzzy = [entry.msgid for entry in extracted[language].fuzzy_entries()]
    assert missing == [], f"{language}: strings without a translation (add them to the .po)"
    assert fuzzy == [], f"{language}: fuzzy translations (check and clear the flag)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_catalogue_has_no_empty_or_fuzzy_entry(language):
    catalogue = committed(language)
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    """A dropped %(count)s or {name} would raise or show the wrong figure at run time."""
    wrong = []
    for entry in committed(language).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            # Plural forms for one may spell the number out instead of using %(count)d.
            if set(PLACEHOLDER.findall(translation)) - set(expected):
                wrong.append((entry.msgid, translation))
            if not entry.msgid_plural and sorted(PLACEHOLDER.findall(translation)) != expected:
                wrong.append((entry.msgid, translation))
    assert wrong == []
