"""All the demo content, loaded one way: the catalogue, stories, toolkits, the trust pages
(About, Contact, Privacy, Accessibility), then translations.

Each part creates only what is missing, so loading again changes nothing. The order matters:
the translations translate pages of the catalogue and the toolkits.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

from provisioning import (
    demo_evidence,
    demo_glossary,
    demo_stories,
    demo_toolkits,
    demo_translations,
    demo_trust,
)
from provisioning.indexing import indexing_deferred

DEMO_DATA = Path(settings.BASE_DIR) / "casestudies" / "demo"
DEMO_CATALOGUE = DEMO_DATA / "catalogue.json"
# The other source reports' organisations and programmes (issue 21), after the catalogue.
DEMO_KNOWLEDGE_BASE = DEMO_DATA / "knowledge_base.json"
# The evidence links the catalogue's case studies, so it comes after the catalogue.
PARTS = ["catalogue", "stories", "toolkits", "trust", "glossary", "evidence", "translations"]


def _created(name, created):
    if created:
        return f"Demo {name} created: " + ", ".join(created)
    return f"Demo {name}: nothing to create."


def load_catalogue(stdout, languages):
    for data_file in (DEMO_CATALOGUE, DEMO_KNOWLEDGE_BASE):
        call_command("import_catalogue", str(data_file), stdout=stdout)


def load_stories(stdout, languages):
    stdout.write(_created("stories", demo_stories.load_demo_stories()))


def load_toolkits(stdout, languages):
    stdout.write(_created("toolkits", demo_toolkits.load()))


def load_trust(stdout, languages):
    stdout.write(_created("trust pages", demo_trust.load()))


def load_glossary(stdout, languages):
    stdout.write(_created("glossary terms", demo_glossary.load()))


def load_evidence(stdout, languages):
    stdout.write(_created("evidence", demo_evidence.load()))


def load_translations(stdout, languages):
    paths = demo_translations.data_files()
    if languages:
        # A language may be split over several files (es.json, es-case-studies.json...).
        declared = {path: demo_translations.language_of(path) for path in paths}
        paths = [path for path in paths if declared[path] in languages]
        unknown = set(languages) - {declared[path] for path in paths}
        if unknown:
            raise demo_translations.TranslationDataError(
                [f"no demo translations for: {', '.join(sorted(unknown))}"]
            )
    for report in demo_translations.load(paths):
        stdout.write(str(report))


LOADERS = {
    "catalogue": load_catalogue,
    "stories": load_stories,
    "toolkits": load_toolkits,
    "trust": load_trust,
    "glossary": load_glossary,
    "evidence": load_evidence,
    "translations": load_translations,
}


def load(stdout, parts=None, languages=None):
    """Load the chosen parts (default: all) in their necessary order.

    Raises demo_translations.TranslationDataError, having loaded no translation, when a
    translation file does not fit the site.
    """
    # Demo content is not news: no "submitted for moderation" emails to the demo logins.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for part in PARTS:
            if parts and part not in parts:
                continue
            # Each part's pages and snippets are indexed once, at the end of the part.
            with indexing_deferred():
                LOADERS[part](stdout, languages)
