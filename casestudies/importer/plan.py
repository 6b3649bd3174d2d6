"""What importing a valid file would change, record by record (reads, never writes)."""

import datetime
from dataclasses import dataclass, field

from django.utils.html import escape

from casestudies.importer.schema import NOT_ASSESSED, TERM_LISTS, Context
from casestudies.models import (
    CaseStudyPage,
    Depth,
    Framework,
    FrameworkElement,
    FrameworkElementPage,
    FrameworkIndexPage,
    FrameworkPage,
    PrinciplePage,
    ResourcePage,
    Theme,
    ThemeIndexPage,
    ThemePage,
)
from hub.models import Principle


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
    assessed = record["principles"] != NOT_ASSESSED
    return {
        "title": record["title"],
        "short_name": record.get("short_name") or "",
        "summary": record["summary"],
        "location": record["location"],
        "country": record["country"],
        "sector": record["sector"],
        "client_groups": sorted(set(record.get("client_groups", []))),
        "keywords": sorted(set(record.get("keywords", []))),
        "themes": sorted(set(record.get("themes", []))),
        "funding_mechanisms": sorted(set(record.get("funding_mechanisms", []))),
        "framework_elements": sorted(set(record.get("framework_elements", []))),
        "source_report": record.get("source_report"),
        "source_section": record.get("source_section") or "",
        "principles_assessed": assessed,
        "principles": dict(sorted(record["principles"].items())) if assessed else {},
        "depth_level": record.get("depth") or Depth.NOT_ASSESSED,
        "key_learning": _stream(CaseStudyPage, "key_learning", learning),
        "body": _stream(CaseStudyPage, "body", body),
        "evaluated": record["evaluated"],
        "evidence": _stream(CaseStudyPage, "evidence", evidence),
        "links": _stream(CaseStudyPage, "links", links),
        "see_also": list(dict.fromkeys(record.get("see_also", []))),
        "last_reviewed": datetime.date.fromisoformat(reviewed) if reviewed else None,
        "historical_context": record.get("historical_context") or "",
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
        "themes": sorted({theme.key for theme in page.themes.all()}),
        "funding_mechanisms": sorted({item.key for item in page.funding_mechanisms.all()}),
        "framework_elements": sorted(
            f"{element.framework.key}:{element.key}" for element in page.framework_elements.all()
        ),
        "source_report": page.source_report.key if page.source_report else None,
        "source_section": page.source_section,
        "principles_assessed": page.principles_assessed,
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
        "historical_context": page.historical_context,
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


# The kind of step for each vocabulary of the file, as reports name them.
TERM_KINDS = {
    "sectors": "sector",
    "client_groups": "client group",
    "themes": "theme",
    "funding_mechanisms": "funding mechanism",
    "source_reports": "source report",
}


def term_fields(list_name, record, position):
    """What a term record sets: its name, its order (given, or its place in the file) and the
    vocabulary's own fields."""
    _model, extra = TERM_LISTS[list_name]
    fields = {"name": record["name"], "order": record.get("order", position)}
    for name, kind in extra.items():
        if kind == "year":
            fields[name] = record.get(name)
        elif kind == "lines":
            fields[name] = "\n".join(record.get(name) or [])
        else:
            fields[name] = record.get(name) or ""
    return fields


def framework_fields(record, position):
    return {
        "name": record["name"],
        "order": record.get("order", position),
        "description": record.get("description") or "",
        "origin": record.get("origin") or "",
    }


def element_fields(record, position):
    return {
        "name": record["name"],
        "order": record.get("order", position),
        "description": record.get("description") or "",
        "questions": "\n".join(record.get("questions") or []),
    }


def _term_step(kind, key, term, fields, record):
    if term is None:
        outcome = "created"
    elif any(getattr(term, name) != value for name, value in fields.items()):
        outcome = "updated"
    else:
        outcome = "unchanged"
    return Step(kind, key, outcome, record, fields, term)


def framework_steps(data, locale):
    """Each framework of the file, then each of its elements (with its framework's key)."""
    frameworks = {t.key: t for t in Framework.objects.filter(locale=locale)}
    elements = {
        t.key: t for t in FrameworkElement.objects.filter(locale=locale).select_related("framework")
    }
    steps = []
    for position, record in enumerate(data.get("frameworks", []), start=1):
        key = record["key"]
        fields = framework_fields(record, position)
        steps.append(_term_step("framework", key, frameworks.get(key), fields, record))
        for place, item in enumerate(record["elements"], start=1):
            fields = element_fields(item, place)
            element = elements.get(item["key"])
            step = _term_step("framework element", item["key"], element, fields, item)
            if element is not None and element.framework.key != key:
                step.outcome = "updated"
            step.fields["framework"] = key
            steps.append(step)
    return steps


@dataclass
class Step:
    """One record and what importing it means: create, update or unchanged."""

    kind: str  # "keyword", a TERM_KINDS value, "case study", "resource", "principle page"
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
    for list_name, (model, _extra) in TERM_LISTS.items():
        existing = {t.key: t for t in model.objects.filter(locale=context.locale)}
        kind = TERM_KINDS[list_name]
        for position, record in enumerate(data.get(list_name, []), start=1):
            term = existing.get(record["key"])
            fields = term_fields(list_name, record, position)
            if term is None:
                outcome = "created"
            elif any(getattr(term, name) != value for name, value in fields.items()):
                outcome = "updated"
            else:
                outcome = "unchanged"
            steps.append(Step(kind, record["key"], outcome, record, fields, term))
    steps.extend(framework_steps(data, context.locale))

    records = data.get("case_studies", [])
    pages = _existing_pages(
        CaseStudyPage,
        context.locale,
        [r["slug"] for r in records],
        [
            "client_groups",
            "themes",
            "funding_mechanisms",
            "framework_elements__framework",
            "source_report",
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
    steps.extend(topic_page_steps(context.locale, data))
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


def topic_page_steps(locale, data=None):
    """A page for each framework, framework element and theme (in the database or the file)
    that has none yet, when the site has the section for it."""
    data = data or {}
    steps = []
    if FrameworkIndexPage.objects.filter(locale=locale).exists():
        frameworks = set(Framework.objects.filter(locale=locale).values_list("key", flat=True))
        elements = set(FrameworkElement.objects.filter(locale=locale).values_list("key", flat=True))
        for record in data.get("frameworks", []):
            frameworks.add(record["key"])
            elements.update(item["key"] for item in record["elements"])
        covered = FrameworkPage.objects.filter(locale=locale).values_list(
            "framework__key", flat=True
        )
        steps += [
            Step("framework page", key, "created") for key in sorted(frameworks - set(covered))
        ]
        covered = FrameworkElementPage.objects.filter(locale=locale).values_list(
            "element__key", flat=True
        )
        steps += [
            Step("framework element page", key, "created")
            for key in sorted(elements - set(covered))
        ]
    if ThemeIndexPage.objects.filter(locale=locale).exists():
        themes = set(Theme.objects.filter(locale=locale).values_list("key", flat=True))
        themes.update(record["key"] for record in data.get("themes", []))
        covered = ThemePage.objects.filter(locale=locale).values_list("theme__key", flat=True)
        steps += [Step("theme page", key, "created") for key in sorted(themes - set(covered))]
    return steps
