"""The demo's Welsh and Spanish translations, loaded as real wagtail-localize translations.

Each language has one or more files in provisioning/demo/translations/ (`cy.json`,
`cy-case-studies.json`...; see docs/translations.md) listing the snippets and pages to translate
and, for each, every source string with its translation. Loading
goes through wagtail-localize's own records (TranslationSource, Translation, StringTranslation)
and `Translation.save_target`, so a translator can later open any of these in the admin's
translation editor and carry on as if they had typed them there.

A file is checked completely before anything is written: every object must exist and every
string wagtail-localize would offer for translation must have a translation, so a demo page can
never come out half in English. Loading again changes nothing unless the source or the file did.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from hub.localisation import store_lists_with_ids

DATA_DIR = Path(__file__).resolve().parent / "demo" / "translations"
TOOL_NAME = "load_demo_content"


class TranslationDataError(Exception):
    """The data file cannot be loaded as it stands. `problems` says what and where."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class Entry:
    """One object of a data file: what it is, the source instance and its translations."""

    label: str
    instance: object
    strings: dict


@dataclass
class LoadReport:
    language: str
    translated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.language}: {len(self.translated)} translated or updated, "
            f"{len(self.unchanged)} unchanged"
        )


def data_files():
    return sorted(DATA_DIR.glob("*.json"))


def read(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def language_of(path):
    """The language code a data file translates into (its `language`)."""
    return read(path).get("language")


def _source_home():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return site.root_page.specific.get_translation_or_none(Locale.get_default())


def resolve(data, name="data"):
    """The entries of a data file, snippets first and pages parents first. Lists every problem."""
    problems = []
    entries = []
    default_locale = Locale.get_default()
    for index, item in enumerate(data.get("snippets", [])):
        where = f"{name}: snippets[{index}]"
        try:
            model = apps.get_model(item["model"])
        except (KeyError, LookupError, ValueError):
            problems.append(f"{where}: unknown model {item.get('model')!r}")
            continue
        instance = model.objects.filter(key=item.get("key"), locale=default_locale).first()
        if instance is None:
            problems.append(f"{where}: no {item['model']} with key {item.get('key')!r} in English")
            continue
        label = f"{model._meta.verbose_name} {instance.key!r}"
        entries.append(Entry(label, instance, item.get("strings") or {}))

    home = _source_home()
    if home is None and data.get("pages"):
        problems.append(f"{name}: there is no home page: run bootstrap_hub first")
        return entries, problems
    pages = []
    for index, item in enumerate(data.get("pages", [])):
        path = item.get("path", "")
        page = (
            Page.objects.filter(url_path=home.url_path + path, locale=default_locale)
            .specific()
            .first()
        )
        if page is None:
            problems.append(
                f"{name}: pages[{index}]: no English page at /{path} (load the demo content first)"
            )
            continue
        if store_lists_with_ids(page):
            # Saved before list items had ids (an older import): store them in full once, or
            # their text would not be offered for translation. The wording does not change.
            if page.has_unpublished_changes:
                problems.append(
                    f"{name}: pages[{index}]: /{path} needs saving in the current format but "
                    "has unpublished changes: publish or discard them first"
                )
                continue
            page.save_revision().publish()
            page = Page.objects.get(pk=page.pk).specific
        pages.append(Entry(f"page /{path}", page, item.get("strings") or {}))
    entries.extend(sorted(pages, key=lambda entry: entry.instance.depth))
    return entries, problems


def missing_strings(entries, name="data"):
    """Every source string without a translation, as readable problems. Writes nothing."""
    problems = []
    for entry in entries:
        for segment in extract_segments(entry.instance):
            if not isinstance(segment, StringSegmentValue):
                continue
            text = segment.string.data
            translated = entry.strings.get(text)
            if not isinstance(translated, str) or not translated.strip():
                field_name = segment.path.split(".", 1)[0]
                problems.append(
                    f"{name}: {entry.label}, field {field_name}: no translation for "
                    f"{_excerpt(text)}"
                )
    return problems


def _excerpt(text, length=80):
    text = " ".join(text.split())
    return repr(text if len(text) <= length else text[: length - 1] + "…")


def prepare(path):
    """(locale, entries, problems) for one language's file (inside load's transaction)."""
    data = read(path)
    name = Path(path).name
    language = data.get("language")
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None, [], [f"{name}: language {language!r} is not a locale of the site"]
    entries, problems = resolve(data, name)
    return locale, entries, problems + missing_strings(entries, name)


def load(paths=None):
    """Check every file, then load them all in one transaction. Returns a LoadReport each.

    Raises TranslationDataError listing every problem, with nothing changed, if any file cannot
    be loaded completely.
    """
    with transaction.atomic():
        prepared = []
        problems = []
        for path in paths or data_files():
            locale, entries, file_problems = prepare(path)
            prepared.append((locale, entries, Path(path).name))
            problems += file_problems
        seen = {}
        for locale, entries, name in prepared:
            for entry in entries:
                where = seen.setdefault((locale and locale.pk, entry.label), name)
                if where != name:
                    problems.append(f"{name}: {entry.label} is translated in {where} already")
        if problems:
            raise TranslationDataError(problems)  # rolls back anything prepare() saved

        # A language may be split over several files (cy.json, cy-case-studies.json...): load
        # every file's snippets first, then every page parents first, whichever file holds it.
        work = [(locale, entry, name) for locale, entries, name in prepared for entry in entries]
        work.sort(key=lambda item: getattr(item[1].instance, "depth", 0))
        reports = {}
        for locale, entry, name in work:
            report = reports.setdefault(locale.language_code, LoadReport(locale.language_code))
            if translate(entry, locale, name):
                report.translated.append(entry.label)
            else:
                report.unchanged.append(entry.label)
    return list(reports.values())


def translate(entry, locale, name="data"):
    """Make or update one translation through wagtail-localize. Returns True if it changed."""
    instance = entry.instance
    before = TranslationSource.objects.get_for_instance_or_none(instance)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    changed = before is None or before.last_updated_at != source.last_updated_at

    translation, created = Translation.objects.get_or_create(source=source, target_locale=locale)
    if created or not translation.enabled:
        translation.enabled = True
        translation.save()
        changed = True

    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = entry.strings[segment.string.data]
        string_translation, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": TOOL_NAME,
            },
        )
        if not created and (string_translation.data != text or string_translation.has_error):
            string_translation.data = text
            string_translation.has_error = False
            string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            string_translation.save()
            created = True
        if created:
            changed = True
            string_translation.refresh_from_db(fields=["has_error"])
            if string_translation.has_error:
                # e.g. a link or tag of the source missing from a rich-text translation.
                raise TranslationDataError(
                    [
                        f"{name}: {entry.label}, field {segment.context.path.split('.')[0]}: "
                        f"the translation of {_excerpt(segment.string.data)} does not keep "
                        "the source's links and formatting"
                    ]
                )

    target = source.get_translated_instance(locale) if _has_target(source, locale) else None
    if target is None or (
        isinstance(target, Page) and (not target.live or target.has_unpublished_changes)
    ):
        changed = True
    if not changed:
        return False

    if isinstance(instance, Page):
        # A draft first, then publish it here rather than on commit, so the whole language
        # either lands or not (and tests see it without committing).
        translation.save_target(publish=False)
        target = source.get_translated_instance(locale)
        target.get_latest_revision().publish()
    else:
        translation.save_target(publish=True)
    return True


def _has_target(source, locale):
    return (
        source.specific_content_type.model_class()
        ._default_manager.filter(translation_key=source.object_id, locale=locale)
        .exists()
    )
