"""Applying a plan: taxonomy, then pages, then the links between pages."""

from taggit.models import Tag
from wagtail.models import Locale

from casestudies.importer.plan import TERM_KINDS, principle_page_steps, topic_page_steps
from casestudies.importer.schema import TERM_LISTS
from casestudies.models import (
    CaseStudyPage,
    CaseStudyPageTag,
    ClientGroup,
    Framework,
    FrameworkElement,
    FrameworkElementPage,
    FrameworkIndexPage,
    FrameworkPage,
    FundingMechanism,
    PrincipleIndexPage,
    PrinciplePage,
    PrincipleRating,
    ResourceCaseStudy,
    ResourcePage,
    ResourcePageTag,
    Sector,
    SeeAlso,
    SourceReport,
    Theme,
    ThemeIndexPage,
    ThemePage,
)
from hub.localisation import store_lists_with_ids
from hub.models import Principle


class Writer:
    """Applies planned steps. Pages are created first, then linked, so that see-also and
    related-case-study links may point at pages created by the same import."""

    def __init__(self, context, steps, progress=None):
        self.context = context
        self.steps = steps
        self.progress = progress or (lambda done, total, label: None)
        self.done = 0
        self.term_models = {TERM_KINDS[name]: model for name, (model, _) in TERM_LISTS.items()}

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
            elif step.kind in self.term_models:
                self.write_term(step)
                self.tick(step)
            elif step.kind in ("framework", "framework element"):
                self.write_framework_term(step)
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
            elif step.kind in TOPIC_PAGES:
                create_topic_page(step, locale)
                self.tick(step)

    def load_terms(self):
        """Keywords, sectors, client groups and principles by name or key, for building pages."""
        locale = self.context.locale
        self.tags = {tag.name: tag for tag in Tag.objects.all()}
        self.sectors = {t.key: t for t in Sector.objects.filter(locale=locale)}
        self.groups = {t.key: t for t in ClientGroup.objects.filter(locale=locale)}
        self.themes = {t.key: t for t in Theme.objects.filter(locale=locale)}
        self.funding = {t.key: t for t in FundingMechanism.objects.filter(locale=locale)}
        self.reports = {t.key: t for t in SourceReport.objects.filter(locale=locale)}
        self.principles = {p.key: p for p in Principle.objects.filter(locale=locale)}
        self.elements = {
            f"{element.framework.key}:{element.key}": element
            for element in FrameworkElement.objects.filter(locale=locale).select_related(
                "framework"
            )
        }

    def write_term(self, step):
        model = self.term_models[step.kind]
        if step.outcome == "created":
            model.objects.create(key=step.label, locale=self.context.locale, **step.fields)
        elif step.outcome == "updated":
            for name, value in step.fields.items():
                setattr(step.existing, name, value)
            step.existing.save()

    def write_framework_term(self, step):
        fields = dict(step.fields)
        if step.kind == "framework element":
            locale = self.context.locale
            fields["framework"] = Framework.objects.get(key=fields["framework"], locale=locale)
            model = FrameworkElement
        else:
            model = Framework
        if step.outcome == "created":
            model.objects.create(key=step.label, locale=self.context.locale, **fields)
        elif step.outcome == "updated":
            for name, value in fields.items():
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
        simple += ["evaluated", "last_reviewed", "historical_context", "source_section"]
        simple += ["principles_assessed"]
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
        page.themes = [self.themes[key] for key in fields["themes"]]
        page.funding_mechanisms = [self.funding[key] for key in fields["funding_mechanisms"]]
        page.framework_elements = [self.elements[slug] for slug in fields["framework_elements"]]
        report = fields["source_report"]
        page.source_report = self.reports[report] if report else None
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


# A page of its own for each framework, framework element and theme: (parent, page type, term).
TOPIC_PAGES = {
    "framework page": (
        lambda term, locale: FrameworkIndexPage.objects.get(locale=locale),
        FrameworkPage,
        "framework",
        Framework,
    ),
    "framework element page": (
        lambda term, locale: FrameworkPage.objects.get(
            locale=locale, framework__key=term.framework.key
        ),
        FrameworkElementPage,
        "element",
        FrameworkElement,
    ),
    "theme page": (
        lambda term, locale: ThemeIndexPage.objects.get(locale=locale),
        ThemePage,
        "theme",
        Theme,
    ),
}


def create_topic_page(step, locale):
    parent_of, page_model, field_name, term_model = TOPIC_PAGES[step.kind]
    term = term_model.objects.get(key=step.label, locale=locale)
    page = page_model(title=term.name, slug=term.key, locale=locale, **{field_name: term})
    parent_of(term, locale).add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_topic_pages():
    """Create the missing framework, element and theme pages (idempotent). Returns them."""
    locale = Locale.get_default()
    return [create_topic_page(step, locale) for step in topic_page_steps(locale)]
