"""Every interface string has a Welsh and a Spanish translation, and none is fuzzy.

The strings are extracted from the code and templates the way Django's makemessages does (it needs
GNU gettext, which scripts/install-test-deps.sh installs), into a scratch copy of the catalogues, so
a string added anywhere without a translation fails here rather than showing English to a Welsh or
Spanish visitor.
"""

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LANGUAGES = ("cy", "es")
ROOT = Path(settings.BASE_DIR)
COMMITTED = ROOT / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}")


def catalogue_path(locale_folder, language):
    return locale_folder / language / "LC_MESSAGES" / "django.po"


def committed(language):
    return polib.pofile(str(catalogue_path(COMMITTED, language)))


SOURCES = (
    "hub",
    "glossary",
    "casestudies",
    "evidence",
    "stories",
    "trust",
    "toolkits",
    "search",
    "api",
    "keywords",
    "provisioning",
    "templates",
)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues as makemessages would rewrite them from today's code.

    makemessages writes into every locale folder that is an ancestor's sibling of the files it
    reads, so it runs in a scratch copy of the sources and catalogues: the committed .po files
    are never touched.
    """
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is missing: run scripts/install-test-deps.sh")
    scratch = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, scratch / name, ignore=shutil.ignore_patterns("tests"))
    shutil.copytree(COMMITTED, scratch / "locale", ignore=shutil.ignore_patterns("*.mo"))
    before = {lang: catalogue_path(COMMITTED, lang).read_bytes() for lang in LANGUAGES}
    original_paths, original_cwd = settings.LOCALE_PATHS, os.getcwd()
    settings.LOCALE_PATHS = [str(scratch / "locale")]
    os.chdir(scratch)
    try:
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            # Copies of Wagtail's own templates (with a CSP nonce added): their strings are
            # translated by Wagtail's and wagtail-localize's catalogues.
            ignore_patterns=["hub/templates/*"],
            no_obsolete=True,
            verbosity=0,
        )
    finally:
        os.chdir(original_cwd)
        settings.LOCALE_PATHS = original_paths
    assert before == {lang: catalogue_path(COMMITTED, lang).read_bytes() for lang in LANGUAGES}
    return {lang: polib.pofile(str(catalogue_path(scratch / "locale", lang))) for lang in LANGUAGES}


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
        # A plural form may use what the English plural uses ("%(counter)s case studies").
        allowed = set(expected) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            # Plural forms for one may spell the number out instead of using %(count)d.
            if set(PLACEHOLDER.findall(translation)) - allowed:
                wrong.append((entry.msgid, translation))
            if not entry.msgid_plural and sorted(PLACEHOLDER.findall(translation)) != expected:
                wrong.append((entry.msgid, translation))
    assert wrong == []
