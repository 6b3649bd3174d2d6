"""What a catalogue file must look like, and every problem in one (nothing is written)."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from taggit.models import Tag
from wagtail.models import Locale, Page

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ClientGroup,
    Country,
    Depth,
    Framework,
    FrameworkElement,
    FundingMechanism,
    ResourceIndexPage,
    ResourcePage,
    ResourceType,
    Sector,
    SourceReport,
    Theme,
)
from hub.models import Principle

SCHEMA_VERSION = 1
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Every vocabulary a file may add to: its model and the fields a term may carry beyond
# key, name and order ("text"; "year"; "lines": a list of texts, stored one per line).
TERM_LISTS = {
    "sectors": (Sector, {}),
    "client_groups": (ClientGroup, {}),
    "themes": (Theme, {"issue": "text", "causes": "lines", "change": "lines"}),
    "funding_mechanisms": (FundingMechanism, {"description": "text"}),
    "source_reports": (SourceReport, {"publisher": "text", "year": "year"}),
}
TOP_LEVEL = {"schema_version", "keywords", *TERM_LISTS, "frameworks", "case_studies", "resources"}
TERM_FIELDS = {"key", "name", "order"}
FRAMEWORK_FIELDS = TERM_FIELDS | {"description", "origin", "elements"}
ELEMENT_FIELDS = TERM_FIELDS | {"description", "questions"}
# "<framework>:<element>", e.g. "trauma-informed:safe-environments".
FRAMEWORK_ELEMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$")
NOT_ASSESSED = "not_assessed"
CASE_STUDY_FIELDS = {
    "slug",
    "title",
    "short_name",
    "summary",
    "location",
    "country",
    "sector",
    "client_groups",
    "keywords",
    "themes",
    "funding_mechanisms",
    "framework_elements",
    "source_report",
    "source_section",
    "principles",
    "depth",
    "key_learning",
    "more_about",
    "why_coproduction",
    "evaluated",
    "evidence",
    "links",
    "see_also",
    "last_reviewed",
    "historical_context",
}
EVIDENCE_FIELDS = {"statement", "figure", "baseline", "result", "unit", "source", "year"}
RESOURCE_FIELDS = {
    "slug",
    "title",
    "type",
    "authors",
    "year",
    "publisher",
    "url",
    "keywords",
    "why_useful",
    "related_case_studies",
}


@dataclass(frozen=True)
class Problem:
    location: str
    message: str

    def __str__(self):
        return f"{self.location}: {self.message}"


class CatalogueInvalid(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the catalogue file")


class Checker:
    """Collects problems; each check names its field within the current record."""

    def __init__(self):
        self.problems = []

    def add(self, location, message):
        self.problems.append(Problem(location, message))

    def unknown_keys(self, where, record, allowed, prefix=""):
        for key in sorted(set(record) - allowed):
            self.add(
                f"{where}, field {prefix}{key}",
                f"unknown field (allowed: {', '.join(sorted(allowed))})",
            )

    def text(self, where, record, name, required=False, max_length=None, prefix=""):
        value = record.get(name)
        name = prefix + name
        if value is None:
            if required:
                self.add(f"{where}, field {name}", "is required")
            return
        if not isinstance(value, str):
            self.add(f"{where}, field {name}", f"must be text, got {_show(value)}")
        elif required and not value.strip():
            self.add(f"{where}, field {name}", "must not be empty")
        elif max_length and len(value) > max_length:
            self.add(
                f"{where}, field {name}",
                f"is {len(value)} characters long; the limit is {max_length}",
            )

    def integer(self, where, record, name, low, high, required=False, prefix=""):
        value = record.get(name)
        name = prefix + name
        if value is None:
            if required:
                self.add(f"{where}, field {name}", "is required")
            return
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(
                f"{where}, field {name}",
                f"must be a whole number from {low} to {high}, got {_show(value)}",
            )

    def choice(self, where, record, name, choices, required=True):
        value = record.get(name)
        if value is None:
            if required:
                self.add(f"{where}, field {name}", "is required")
            return
        if value not in choices:
            self.add(
                f"{where}, field {name}",
                f"must be one of {', '.join(choices)}, got {_show(value)}",
            )

    def text_list(self, where, record, name, max_length=None, prefix=""):
        value = record.get(name, [])
        name = prefix + name
        if not isinstance(value, list):
            self.add(f"{where}, field {name}", f"must be a list, got {_show(value)}")
            return []
        good = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(
                    f"{where}, field {name}[{i}]", f"must be non-empty text, got {_show(item)}"
                )
            elif max_length and len(item) > max_length:
                self.add(f"{where}, field {name}[{i}]", f"is longer than {max_length} characters")
            else:
                good.append(item)
        return good

    def url(self, where, name, value):
        try:
            URLValidator()(value)
        except (ValidationError, TypeError):
            self.add(f"{where}, field {name}", f"is not a valid web address: {_show(value)}")

    def records(self, data, name):
        """The list `name` of the file, with only the objects in it."""
        value = data.get(name, [])
        if not isinstance(value, list):
            self.add(name, f"must be a list, got {_show(value)}")
            return []
        records = []
        for i, record in enumerate(value):
            if isinstance(record, dict):
                records.append((i, record))
            else:
                self.add(f"{name}[{i}]", f"must be an object, got {_show(record)}")
        return records


def _show(value):
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _where(list_name, index, record, id_field):
    identifier = record.get(id_field)
    if isinstance(identifier, str) and identifier:
        return f'{list_name}[{index}] "{identifier}"'
    return f"{list_name}[{index}]"


def _max_length(model, name):
    return model._meta.get_field(name).max_length


@dataclass
class Context:
    """What the database already holds that a file may refer to."""

    locale: Locale
    case_study_index: CaseStudyIndexPage | None
    resource_index: ResourceIndexPage | None
    principle_keys: list
    term_keys: dict  # list name in the file ("sectors", ...) -> keys already in the database
    keyword_names: set
    case_study_slugs: set
    index_slugs: dict  # slug -> specific class name, for pages already under each index
    element_frameworks: dict  # element key -> its framework's key, for elements in the database

    @classmethod
    def load(cls):
        locale = Locale.get_default()
        case_study_index = CaseStudyIndexPage.objects.filter(locale=locale).first()
        resource_index = ResourceIndexPage.objects.filter(locale=locale).first()
        index_slugs = {}
        for index in (case_study_index, resource_index):
            if index is not None:
                index_slugs[index.pk] = dict(
                    index.get_children().values_list("slug", "content_type__model")
                )
        return cls(
            locale=locale,
            case_study_index=case_study_index,
            resource_index=resource_index,
            principle_keys=list(
                Principle.objects.filter(locale=locale).values_list("key", flat=True)
            ),
            term_keys={
                name: set(model.objects.filter(locale=locale).values_list("key", flat=True))
                for name, (model, _extra) in TERM_LISTS.items()
            },
            keyword_names=set(Tag.objects.values_list("name", flat=True)),
            case_study_slugs=set(
                CaseStudyPage.objects.filter(locale=locale).values_list("slug", flat=True)
            ),
            index_slugs=index_slugs,
            element_frameworks=dict(
                FrameworkElement.objects.filter(locale=locale).values_list("key", "framework__key")
            ),
        )


def validate(data, context=None):
    """Every problem in the file, in file order. An empty list means it can be imported."""
    check = Checker()
    if not isinstance(data, dict):
        check.add("file", "must hold one JSON object")
        return check.problems
    context = context or Context.load()
    check.unknown_keys("file", data, TOP_LEVEL)
    if data.get("schema_version") != SCHEMA_VERSION:
        check.add(
            "file, field schema_version",
            f"must be {SCHEMA_VERSION}, got {_show(data.get('schema_version'))}",
        )
    if context.case_study_index is None or context.resource_index is None:
        check.add("database", "the site has no case study or resource index: run bootstrap_hub")
    if not context.principle_keys:
        check.add("database", "no principles exist yet: run bootstrap_hub first")

    keywords = set(check.text_list("keywords", {"keywords": data.get("keywords", [])}, "keywords"))
    keywords = {k for k in keywords if len(k) <= 100} | context.keyword_names
    terms = {
        name: _validate_terms(check, data, name, model, extra) | context.term_keys[name]
        for name, (model, extra) in TERM_LISTS.items()
    }
    # "framework:element" for every element the file or the database holds.
    terms["framework_elements"] = {
        f"{framework}:{element}"
        for element, framework in {
            **context.element_frameworks,
            **_validate_frameworks(check, data, context),
        }.items()
    }

    case_studies = check.records(data, "case_studies")
    file_slugs = _unique_slugs(check, "case_studies", case_studies)
    known_slugs = file_slugs | context.case_study_slugs
    for i, record in case_studies:
        where = _where("case_studies", i, record, "slug")
        _validate_case_study(check, where, record, context, terms, keywords, known_slugs)

    resources = check.records(data, "resources")
    _unique_slugs(check, "resources", resources)
    for i, record in resources:
        where = _where("resources", i, record, "slug")
        _validate_resource(check, where, record, context, keywords, known_slugs)
    return check.problems


def _validate_terms(check, data, name, model, extra):
    keys = set()
    for i, record in check.records(data, name):
        where = _where(name, i, record, "key")
        check.unknown_keys(where, record, TERM_FIELDS | set(extra))
        key = record.get("key")
        if not isinstance(key, str) or not SLUG.match(key):
            check.add(
                f"{where}, field key",
                f"must be lower-case letters, digits and hyphens, got {_show(key)}",
            )
        elif key in keys:
            check.add(f"{where}, field key", f'"{key}" appears more than once')
        else:
            keys.add(key)
        check.text(where, record, "name", required=True, max_length=_max_length(model, "name"))
        check.integer(where, record, "order", 0, 32767)
        for field_name, kind in extra.items():
            if kind == "year":
                check.integer(where, record, field_name, 1900, 2100)
            elif kind == "lines":
                _check_lines(check, where, record, field_name, model)
            else:
                limit = model._meta.get_field(field_name).max_length
                check.text(where, record, field_name, max_length=limit)
    return keys


def _check_lines(check, where, record, name, model, prefix=""):
    """A list of texts stored one per line: each on one line, all within the field's limit."""
    items = check.text_list(where, record, name, prefix=prefix)
    for i, item in enumerate(items):
        if "\n" in item:
            check.add(f"{where}, field {prefix}{name}[{i}]", "must be a single line")
    limit = model._meta.get_field(name).max_length
    stored = len("\n".join(items))
    if stored > limit:
        check.add(
            f"{where}, field {prefix}{name}",
            f"is {stored} characters long in all; the limit is {limit}",
        )


def _validate_frameworks(check, data, context):
    """Check the file's frameworks; return {element key: framework key} for its elements."""
    elements = {}
    framework_keys = set()
    for i, record in check.records(data, "frameworks"):
        where = _where("frameworks", i, record, "key")
        check.unknown_keys(where, record, FRAMEWORK_FIELDS)
        key = record.get("key")
        if not isinstance(key, str) or not SLUG.match(key):
            check.add(
                f"{where}, field key",
                f"must be lower-case letters, digits and hyphens, got {_show(key)}",
            )
            key = None
        elif key in framework_keys:
            check.add(f"{where}, field key", f'"{key}" appears more than once')
        framework_keys.add(key)
        check.text(where, record, "name", required=True, max_length=_max_length(Framework, "name"))
        check.text(where, record, "description", max_length=800)
        check.text(where, record, "origin", max_length=_max_length(Framework, "origin"))
        check.integer(where, record, "order", 0, 32767)
        items = record.get("elements", [])
        if not isinstance(items, list) or not items:
            check.add(f"{where}, field elements", "must be a non-empty list of elements")
            continue
        for j, element in enumerate(items):
            prefix = f"elements[{j}]."
            if not isinstance(element, dict):
                check.add(
                    f"{where}, field elements[{j}]", f"must be an object, got {_show(element)}"
                )
                continue
            check.unknown_keys(where, element, ELEMENT_FIELDS, prefix)
            element_key = element.get("key")
            if not isinstance(element_key, str) or not SLUG.match(element_key):
                check.add(
                    f"{where}, field {prefix}key",
                    f"must be lower-case letters, digits and hyphens, got {_show(element_key)}",
                )
            elif element_key in elements:
                check.add(
                    f"{where}, field {prefix}key",
                    f'"{element_key}" is already an element of "{elements[element_key]}" '
                    "(element keys are unique across frameworks)",
                )
            elif context.element_frameworks.get(element_key, key) != key:
                check.add(
                    f"{where}, field {prefix}key",
                    f'"{element_key}" is already an element of '
                    f'"{context.element_frameworks[element_key]}" in the database',
                )
            elif key is not None:
                elements[element_key] = key
            check.text(
                where,
                element,
                "name",
                required=True,
                max_length=_max_length(FrameworkElement, "name"),
                prefix=prefix,
            )
            check.text(where, element, "description", max_length=800, prefix=prefix)
            check.integer(where, element, "order", 0, 32767, prefix=prefix)
            _check_lines(check, where, element, "questions", FrameworkElement, prefix=prefix)
    return elements


def _unique_slugs(check, name, records):
    slugs = set()
    for i, record in records:
        slug = record.get("slug")
        where = _where(name, i, record, "slug")
        if not isinstance(slug, str) or not SLUG.match(slug):
            check.add(
                f"{where}, field slug",
                f"is required: lower-case letters, digits and hyphens, got {_show(slug)}",
            )
        elif slug in slugs:
            check.add(f"{where}, field slug", f'"{slug}" appears more than once')
        else:
            slugs.add(slug)
    return slugs


def _check_slug_free(check, where, record, index, context, model_name):
    """A slug taken under the index by a page of another type cannot be imported."""
    if index is None or not isinstance(record.get("slug"), str):
        return
    existing = context.index_slugs.get(index.pk, {}).get(record["slug"])
    if existing is not None and existing != model_name:
        check.add(f"{where}, field slug", f"is already used by a {existing} page in that section")


def _validate_case_study(check, where, record, context, terms, keywords, known_slugs):
    check.unknown_keys(where, record, CASE_STUDY_FIELDS)
    _check_slug_free(check, where, record, context.case_study_index, context, "casestudypage")
    check.text(where, record, "title", required=True, max_length=_max_length(Page, "title"))
    check.text(where, record, "short_name", max_length=_max_length(CaseStudyPage, "short_name"))
    check.text(where, record, "summary", required=True, max_length=600)
    check.text(
        where, record, "location", required=True, max_length=_max_length(CaseStudyPage, "location")
    )
    check.choice(where, record, "country", Country.values)
    check.choice(where, record, "depth", Depth.values, required=False)
    sector = record.get("sector")
    if sector is None:
        check.add(f"{where}, field sector", "is required")
    elif sector not in terms["sectors"]:
        check.add(f"{where}, field sector", f"unknown sector key {_show(sector)}")
    report = record.get("source_report")
    if report is not None and report not in terms["source_reports"]:
        check.add(f"{where}, field source_report", f"unknown source report key {_show(report)}")
    check.text(
        where,
        record,
        "source_section",
        max_length=_max_length(CaseStudyPage, "source_section"),
    )
    for name in ("client_groups", "themes", "funding_mechanisms"):
        what = name[:-1].replace("_", " ")
        for j, key in enumerate(check.text_list(where, record, name)):
            if key not in terms[name]:
                check.add(
                    f"{where}, field {name}[{j}]",
                    f"unknown {what} key {_show(key)} (add it to the file's {name})",
                )
    for j, slug in enumerate(check.text_list(where, record, "framework_elements")):
        if not FRAMEWORK_ELEMENT.match(slug):
            check.add(
                f"{where}, field framework_elements[{j}]",
                f'must look like "framework:element" in lower case, got {_show(slug)}',
            )
        elif slug not in terms["framework_elements"]:
            check.add(
                f"{where}, field framework_elements[{j}]",
                f"unknown framework element {_show(slug)} (add it to the file's frameworks)",
            )
    _validate_keywords(check, where, record, keywords)
    _validate_principles(check, where, record, context.principle_keys)
    check.text(where, record, "historical_context", max_length=600)
    _validate_learning(check, where, record)
    check.text_list(where, record, "more_about")
    check.text_list(where, record, "why_coproduction")
    if "evaluated" not in record:
        check.add(f"{where}, field evaluated", "is required (true or false)")
    elif not isinstance(record["evaluated"], bool):
        check.add(
            f"{where}, field evaluated", f"must be true or false, got {_show(record['evaluated'])}"
        )
    _validate_evidence(check, where, record)
    _validate_links(check, where, record)
    for j, slug in enumerate(check.text_list(where, record, "see_also")):
        if slug == record.get("slug"):
            check.add(f"{where}, field see_also[{j}]", "a case study cannot point to itself")
        elif slug not in known_slugs:
            check.add(f"{where}, field see_also[{j}]", f"no case study with slug {_show(slug)}")
    reviewed = record.get("last_reviewed")
    if reviewed is not None:
        try:
            datetime.date.fromisoformat(reviewed)
        except (TypeError, ValueError):
            check.add(
                f"{where}, field last_reviewed", f"must be a date YYYY-MM-DD, got {_show(reviewed)}"
            )


def _validate_keywords(check, where, record, keywords):
    for j, name in enumerate(check.text_list(where, record, "keywords", max_length=100)):
        if name not in keywords:
            near = [k for k in keywords if k.casefold() == name.casefold()]
            hint = f' (did you mean "{near[0]}"?)' if near else " (add it to the file's keywords)"
            check.add(f"{where}, field keywords[{j}]", f"unknown keyword {_show(name)}{hint}")


def _validate_principles(check, where, record, principle_keys):
    ratings = record.get("principles")
    if ratings == NOT_ASSESSED:
        return
    if not isinstance(ratings, dict):
        check.add(
            f"{where}, field principles",
            f"is required: an object rating each of {', '.join(principle_keys)} from 0 to 3, "
            f'or "{NOT_ASSESSED}"',
        )
        return
    for key in sorted(set(ratings) - set(principle_keys)):
        check.add(f"{where}, field principles.{key}", "is not a principle key")
    for key in principle_keys:
        if key not in ratings:
            check.add(f"{where}, field principles.{key}", "is missing (rate every principle 0-3)")
        else:
            check.integer(where, ratings, key, 0, 3, prefix="principles.")


def _validate_learning(check, where, record):
    items = record.get("key_learning", [])
    if not isinstance(items, list):
        check.add(f"{where}, field key_learning", f"must be a list, got {_show(items)}")
        return
    for j, item in enumerate(items):
        prefix = f"key_learning[{j}]."
        if not isinstance(item, dict):
            check.add(
                f"{where}, field key_learning[{j}]",
                f"must be an object with point and questions, got {_show(item)}",
            )
            continue
        check.unknown_keys(where, item, {"point", "questions"}, prefix)
        check.text(where, item, "point", required=True, max_length=600, prefix=prefix)
        check.text_list(where, item, "questions", max_length=300, prefix=prefix)


def _validate_evidence(check, where, record):
    items = record.get("evidence", [])
    if not isinstance(items, list):
        check.add(f"{where}, field evidence", f"must be a list, got {_show(items)}")
        return
    limits = {"figure": 60, "baseline": 200, "result": 200, "unit": 60, "source": 300}
    for j, item in enumerate(items):
        prefix = f"evidence[{j}]."
        if not isinstance(item, dict):
            check.add(f"{where}, field evidence[{j}]", f"must be an object, got {_show(item)}")
            continue
        check.unknown_keys(where, item, EVIDENCE_FIELDS, prefix)
        check.text(where, item, "statement", required=True, max_length=300, prefix=prefix)
        for name, limit in limits.items():
            check.text(where, item, name, max_length=limit, prefix=prefix)
        check.integer(where, item, "year", 1900, 2100, prefix=prefix)


def _validate_links(check, where, record):
    items = record.get("links", [])
    if not isinstance(items, list):
        check.add(f"{where}, field links", f"must be a list, got {_show(items)}")
        return
    for j, item in enumerate(items):
        prefix = f"links[{j}]."
        if not isinstance(item, dict):
            check.add(f"{where}, field links[{j}]", f"must be an object, got {_show(item)}")
            continue
        check.unknown_keys(where, item, {"title", "url"}, prefix)
        check.text(where, item, "title", required=True, max_length=200, prefix=prefix)
        if item.get("url") is None:
            check.add(f"{where}, field {prefix}url", "is required")
        else:
            check.url(where, f"{prefix}url", item.get("url"))


def _validate_resource(check, where, record, context, keywords, known_slugs):
    check.unknown_keys(where, record, RESOURCE_FIELDS)
    _check_slug_free(check, where, record, context.resource_index, context, "resourcepage")
    check.text(where, record, "title", required=True, max_length=_max_length(Page, "title"))
    check.choice(where, record, "type", ResourceType.values)
    check.text(where, record, "authors", max_length=_max_length(ResourcePage, "authors"))
    check.integer(where, record, "year", 1900, 2100)
    check.text(where, record, "publisher", max_length=_max_length(ResourcePage, "publisher"))
    if record.get("url") is not None:
        check.url(where, "url", record["url"])
    check.text(where, record, "why_useful", required=True, max_length=1000)
    _validate_keywords(check, where, record, keywords)
    for j, slug in enumerate(check.text_list(where, record, "related_case_studies")):
        if slug not in known_slugs:
            check.add(
                f"{where}, field related_case_studies[{j}]",
                f"no case study with slug {_show(slug)}",
            )
