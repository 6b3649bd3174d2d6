"""Import the catalogue from the JSON format in docs/catalogue-import.md.

Three steps, in this order:
1. `validate(data)` reads the whole file and the database and returns every problem, each with
   its location (which case study, which field). Nothing is written.
2. `plan(data)` works out, record by record, what would be created, updated or left unchanged.
   A dry run stops here.
3. `run(data)` applies the plan in one transaction: taxonomy, then case studies, then resources,
   then one principle page per principle. Records are found by their stable key or slug, so a
   re-import updates them in place; a page gets a new published revision only when the file says
   something different from what is live.
The file wins for every field it describes: an editor's change to such a field in the admin is
overwritten by the next import that changes the record.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.html import escape
from taggit.models import Tag
from wagtail.models import Locale, Page

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseStudyPageTag,
    ClientGroup,
    Country,
    Depth,
    PrincipleIndexPage,
    PrinciplePage,
    PrincipleRating,
    ResourceCaseStudy,
    ResourceIndexPage,
    ResourcePage,
    ResourcePageTag,
    ResourceType,
    Sector,
    SeeAlso,
)
from hub.localisation import store_lists_with_ids
from hub.models import Principle

SCHEMA_VERSION = 1
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOP_LEVEL = {"schema_version", "keywords", "sectors", "client_groups", "case_studies", "resources"}
TERM_FIELDS = {"key", "name"}
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


@dataclass
class Report:
    """What an import did (or, for a dry run, would do), as lists of labels per outcome."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    def add(self, outcome, label):
        getattr(self, outcome).append(label)

    def summary(self):
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


# Validation ------------------------------------------------------------------------------------


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
    sector_keys: set
    client_group_keys: set
    keyword_names: set
    case_study_slugs: set
    index_slugs: dict  # slug -> specific class name, for pages already under each index

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
            sector_keys=set(Sector.objects.filter(locale=locale).values_list("key", flat=True)),
            client_group_keys=set(
                ClientGroup.objects.filter(locale=locale).values_list("key", flat=True)
            ),
            keyword_names=set(Tag.objects.values_list("name", flat=True)),
            case_study_slugs=set(
                CaseStudyPage.objects.filter(locale=locale).values_list("slug", flat=True)
            ),
            index_slugs=index_slugs,
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
    sectors = _validate_terms(check, data, "sectors", Sector) | context.sector_keys
    groups = _validate_terms(check, data, "client_groups", ClientGroup) | context.client_group_keys

    case_studies = check.records(data, "case_studies")
    file_slugs = _unique_slugs(check, "case_studies", case_studies)
    known_slugs = file_slugs | context.case_study_slugs
    for i, record in case_studies:
        where = _where("case_studies", i, record, "slug")
        _validate_case_study(check, where, record, context, sectors, groups, keywords, known_slugs)

    resources = check.records(data, "resources")
    _unique_slugs(check, "resources", resources)
    for i, record in resources:
        where = _where("resources", i, record, "slug")
        _validate_resource(check, where, record, context, keywords, known_slugs)
    return check.problems


def _validate_terms(check, data, name, model):
    keys = set()
    for i, record in check.records(data, name):
        where = _where(name, i, record, "key")
        check.unknown_keys(where, record, TERM_FIELDS)
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
    return keys


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


def _validate_case_study(check, where, record, context, sectors, groups, keywords, known_slugs):
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
    elif sector not in sectors:
        check.add(f"{where}, field sector", f"unknown sector key {_show(sector)}")
    for name, known, what in (("client_groups", groups, "client group key"),):
        for j, key in enumerate(check.text_list(where, record, name)):
            if key not in known:
                check.add(f"{where}, field {name}[{j}]", f"unknown {what} {_show(key)}")
    _validate_keywords(check, where, record, keywords)
    _validate_principles(check, where, record, context.principle_keys)
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
    if not isinstance(ratings, dict):
        check.add(
            f"{where}, field principles",
            f"is required: an object rating each of {', '.join(principle_keys)} from 0 to 3",
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


# From records to field values ------------------------------------------------------------------


def _paragraphs(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def _stream(model, name, raw):
    """Raw stream data as the field stores it, without block ids, for comparing and saving."""
    block = model._meta.get_field(name).stream_block
    return _without_ids(block.get_prep_value(block.to_python(raw)))


def _page_stream(page, name):
    block = type(page)._meta.get_field(name).stream_block
    return _without_ids(block.get_prep_value(getattr(page, name)))


def _without_ids(value):
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if (
        isinstance(value, dict)
        and value.get("type") == "item"
        and set(value) <= {"type", "value", "id"}
    ):
        # A list item stored with its id compares equal to one stored as a plain value.
        return _without_ids(value["value"])
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    return value


def case_study_fields(record):
    """The state a record describes, in the same shape as `case_study_state(page)`."""
    body = []
    if record.get("more_about"):
        body.append({"type": "more_about", "value": _paragraphs(record["more_about"])})
    if record.get("why_coproduction"):
        body.append({"type": "why_coproduction", "value": _paragraphs(record["why_coproduction"])})
    evidence_keys = ["statement", "figure", "baseline", "result", "unit", "source"]
    evidence = [
        {
            "type": "evidence",
            "value": {**{k: item.get(k) or "" for k in evidence_keys}, "year": item.get("year")},
        }
        for item in record.get("evidence", [])
    ]
    learning = [
        {"type": "point", "value": {"point": item["point"], "questions": item.get("questions", [])}}
        for item in record.get("key_learning", [])
    ]
    links = [{"type": "link", "value": link} for link in record.get("links", [])]
    reviewed = record.get("last_reviewed")
    return {
        "title": record["title"],
        "short_name": record.get("short_name") or "",
        "summary": record["summary"],
        "location": record["location"],
        "country": record["country"],
        "sector": record["sector"],
        "client_groups": sorted(set(record.get("client_groups", []))),
        "keywords": sorted(set(record.get("keywords", []))),
        "principles": dict(sorted(record["principles"].items())),
        "depth_level": record.get("depth") or Depth.NOT_ASSESSED,
        "key_learning": _stream(CaseStudyPage, "key_learning", learning),
        "body": _stream(CaseStudyPage, "body", body),
        "evaluated": record["evaluated"],
        "evidence": _stream(CaseStudyPage, "evidence", evidence),
        "links": _stream(CaseStudyPage, "links", links),
        "see_also": list(dict.fromkeys(record.get("see_also", []))),
        "last_reviewed": datetime.date.fromisoformat(reviewed) if reviewed else None,
    }


def case_study_state(page):
    """What a live case study holds, in the shape of `case_study_fields(record)`."""
    return {
        "title": page.title,
        "short_name": page.short_name,
        "summary": page.summary,
        "location": page.location,
        "country": page.country,
        "sector": page.sector.key if page.sector else None,
        "client_groups": sorted({group.key for group in page.client_groups.all()}),
        "keywords": sorted({item.tag.name for item in page.tagged_items.all()}),
        "principles": dict(
            sorted((r.principle.key, r.strength) for r in page.principle_ratings.all())
        ),
        "depth_level": page.depth_level,
        "key_learning": _page_stream(page, "key_learning"),
        "body": _page_stream(page, "body"),
        "evaluated": page.evaluated,
        "evidence": _page_stream(page, "evidence"),
        "links": _page_stream(page, "links"),
        "see_also": [item.target.slug for item in page.see_also.all()],
        "last_reviewed": page.last_reviewed,
    }


def resource_fields(record):
    return {
        "title": record["title"],
        "resource_type": record["type"],
        "authors": record.get("authors") or "",
        "year": record.get("year"),
        "publisher": record.get("publisher") or "",
        "external_url": record.get("url") or "",
        "why_useful": record["why_useful"],
        "keywords": sorted(set(record.get("keywords", []))),
        "related_case_studies": list(dict.fromkeys(record.get("related_case_studies", []))),
    }


def resource_state(page):
    return {
        "title": page.title,
        "resource_type": page.resource_type,
        "authors": page.authors,
        "year": page.year,
        "publisher": page.publisher,
        "external_url": page.external_url,
        "why_useful": page.why_useful,
        "keywords": sorted({item.tag.name for item in page.tagged_items.all()}),
        "related_case_studies": [item.case_study.slug for item in page.related_case_studies.all()],
    }


# Planning ---------------------------------------------------------------------------------------


@dataclass
class Step:
    """One record and what importing it means: create, update or unchanged."""

    kind: str  # "keyword", "sector", "client group", "case study", "resource", "principle page"
    label: str
    outcome: str
    record: dict = None
    fields: dict = None
    existing: object = None


def _existing_pages(model, locale, slugs, prefetch):
    pages = model.objects.filter(locale=locale, slug__in=slugs).prefetch_related(*prefetch)
    return {page.slug: page for page in pages}


def plan(data, context=None):
    """The steps an import of `data` takes, in order. Reads the database, writes nothing."""
    context = context or Context.load()
    steps = []
    for name in data.get("keywords", []):
        outcome = "unchanged" if name in context.keyword_names else "created"
        steps.append(Step("keyword", name, outcome, record=name))
    for kind, model, list_name in (
        ("sector", Sector, "sectors"),
        ("client group", ClientGroup, "client_groups"),
    ):
        existing = {t.key: t for t in model.objects.filter(locale=context.locale)}
        for order, record in enumerate(data.get(list_name, []), start=1):
            term = existing.get(record["key"])
            fields = {"name": record["name"], "order": order}
            if term is None:
                outcome = "created"
            elif (term.name, term.order) != (fields["name"], fields["order"]):
                outcome = "updated"
            else:
                outcome = "unchanged"
            steps.append(Step(kind, record["key"], outcome, record, fields, term))

    records = data.get("case_studies", [])
    pages = _existing_pages(
        CaseStudyPage,
        context.locale,
        [r["slug"] for r in records],
        [
            "client_groups",
            "tagged_items__tag",
            "principle_ratings__principle",
            "see_also__target",
            "sector",
        ],
    )
    for record in records:
        steps.append(_page_step("case study", record, pages, case_study_fields, case_study_state))
    records = data.get("resources", [])
    pages = _existing_pages(
        ResourcePage,
        context.locale,
        [r["slug"] for r in records],
        ["tagged_items__tag", "related_case_studies__case_study"],
    )
    for record in records:
        steps.append(_page_step("resource", record, pages, resource_fields, resource_state))
    steps.extend(principle_page_steps(context.locale))
    return steps


def _page_step(kind, record, pages, to_fields, to_state):
    page = pages.get(record["slug"])
    fields = to_fields(record)
    if page is None:
        outcome = "created"
    elif not page.live or to_state(page) != fields:
        outcome = "updated"
    else:
        outcome = "unchanged"
    return Step(kind, record["slug"], outcome, record, fields, page)


def principle_page_steps(locale):
    """One principle page per principle of the default language, created when missing."""
    covered = set(
        PrinciplePage.objects.filter(locale=locale).values_list("principle__key", flat=True)
    )
    return [
        Step("principle page", principle.key, "created", existing=principle)
        for principle in Principle.objects.filter(locale=locale).exclude(key__in=covered)
    ]


# Writing ----------------------------------------------------------------------------------------


def run(data, dry_run=False, progress=None):
    """Validate, then import everything in one transaction. Raises CatalogueInvalid on problems."""
    with transaction.atomic():
        context = Context.load()
        problems = validate(data, context)
        if problems:
            raise CatalogueInvalid(problems)
        steps = plan(data, context)
        report = Report()
        for step in steps:
            report.add(step.outcome, f"{step.kind} {step.label}")
        if dry_run:
            return report
        Writer(context, steps, progress).write()
    return report


class Writer:
    """Applies planned steps. Pages are created first, then linked, so that see-also and
    related-case-study links may point at pages created by the same import."""

    def __init__(self, context, steps, progress=None):
        self.context = context
        self.steps = steps
        self.progress = progress or (lambda done, total, label: None)
        self.done = 0

    def tick(self, step):
        self.done += 1
        self.progress(self.done, len(self.steps), f"{step.kind} {step.label}")

    def write(self):
        locale = self.context.locale
        for step in self.steps:
            if step.kind == "keyword":
                if step.outcome == "created":
                    Tag.objects.get_or_create(name=step.record)
                self.tick(step)
            elif step.kind in ("sector", "client group"):
                self.write_term(step)
                self.tick(step)
        self.load_terms()
        page_steps = [s for s in self.steps if s.kind in ("case study", "resource")]
        # Create new pages first (unpublished) so links between new pages can be resolved.
        for step in page_steps:
            if step.outcome == "created":
                self.create_page(step)
        self.case_studies = {
            page.slug: page for page in CaseStudyPage.objects.filter(locale=locale)
        }
        for step in page_steps:
            if step.outcome != "unchanged":
                page = step.existing
                if step.kind == "case study":
                    self.apply_case_study(page, step.fields)
                else:
                    self.apply_resource(page, step.fields)
                page.save_revision().publish()
            self.tick(step)
        for step in self.steps:
            if step.kind == "principle page":
                create_principle_page(step.existing, locale)
                self.tick(step)

    def load_terms(self):
        """Keywords, sectors, client groups and principles by name or key, for building pages."""
        locale = self.context.locale
        self.tags = {tag.name: tag for tag in Tag.objects.all()}
        self.sectors = {t.key: t for t in Sector.objects.filter(locale=locale)}
        self.groups = {t.key: t for t in ClientGroup.objects.filter(locale=locale)}
        self.principles = {p.key: p for p in Principle.objects.filter(locale=locale)}

    def write_term(self, step):
        model = Sector if step.kind == "sector" else ClientGroup
        if step.outcome == "created":
            model.objects.create(key=step.label, locale=self.context.locale, **step.fields)
        elif step.outcome == "updated":
            for name, value in step.fields.items():
                setattr(step.existing, name, value)
            step.existing.save()

    def create_page(self, step):
        if step.kind == "case study":
            page = CaseStudyPage(slug=step.label, locale=self.context.locale, live=False)
            self.apply_case_study(page, step.fields, links=False)
            parent = self.context.case_study_index
        else:
            page = ResourcePage(slug=step.label, locale=self.context.locale, live=False)
            self.apply_resource(page, step.fields, links=False)
            parent = self.context.resource_index
        parent.add_child(instance=page)
        step.existing = page

    def apply_case_study(self, page, fields, links=True):
        simple = ["title", "short_name", "summary", "location", "country", "depth_level"]
        simple += ["evaluated", "last_reviewed"]
        for name in simple:
            setattr(page, name, fields[name])
        for name in ["key_learning", "body", "evidence", "links"]:
            block = CaseStudyPage._meta.get_field(name).stream_block
            setattr(page, name, block.to_python(fields[name]))
        # List items (reflective questions) are saved with ids, so that wagtail-localize offers
        # them for translation.
        store_lists_with_ids(page)
        page.sector = self.sectors[fields["sector"]]
        page.client_groups = [self.groups[key] for key in fields["client_groups"]]
        page.tagged_items = [CaseStudyPageTag(tag=self.tags[n]) for n in fields["keywords"]]
        page.principle_ratings = [
            PrincipleRating(principle=self.principles[key], strength=strength, sort_order=i)
            for i, (key, strength) in enumerate(fields["principles"].items())
        ]
        if links:
            page.see_also = [
                SeeAlso(target=self.case_studies[slug], sort_order=i)
                for i, slug in enumerate(fields["see_also"])
            ]

    def apply_resource(self, page, fields, links=True):
        for name in [
            "title",
            "resource_type",
            "authors",
            "year",
            "publisher",
            "external_url",
            "why_useful",
        ]:
            setattr(page, name, fields[name])
        page.tagged_items = [ResourcePageTag(tag=self.tags[n]) for n in fields["keywords"]]
        if links:
            page.related_case_studies = [
                ResourceCaseStudy(case_study=self.case_studies[slug], sort_order=i)
                for i, slug in enumerate(fields["related_case_studies"])
            ]


def create_principle_page(principle, locale):
    index = PrincipleIndexPage.objects.filter(locale=locale).first()
    slug = principle.key.replace("_", "-")
    page = PrinciplePage(title=principle.name, slug=slug, principle=principle, locale=locale)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_principle_pages():
    """Create the principle pages that are missing (idempotent). Returns the pages created."""
    locale = Locale.get_default()
    if PrincipleIndexPage.objects.filter(locale=locale).first() is None:
        return []
    return [create_principle_page(step.existing, locale) for step in principle_page_steps(locale)]
