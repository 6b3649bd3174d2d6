"""The catalogue of case studies and the resource library: two declarations on hub.listing.

The facets are what CaseStudyPage and ResourcePage declare (casestudies/facets.py); the engine
reads the query string, counts the facets in the database and pages the results. What is
particular to the catalogue lives here: its search box, the principles' strength and its
export columns (documented in docs/data.md).
"""

from functools import cached_property

from django.db.models import CharField, Count, F, Prefetch, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from casestudies.facets import DEFAULT_STRENGTH, STRENGTH_LABELS
from casestudies.models import (
    CaseStudyPage,
    CaseStudyPageTag,
    PrincipleRating,
    ResourcePage,
    ResourcePageTag,
)
from hub.listing.export import Column
from hub.listing.listing import Listing, Sort
from hub.models import Principle

PER_PAGE = 50
TITLE = (Lower("title"), "pk")


def keywords(page, request):
    return "; ".join(item.tag.name for item in page.tagged_items.all())


def full_url(page, request):
    return page.get_full_url(request)


class Catalogue(Listing):
    """The case-study listing for a CaseStudyIndexPage and a query string."""

    model = CaseStudyPage
    searchable = True
    sorts = {
        "title": Sort(_("Title (A to Z)"), TITLE),
        # Most recently reviewed first, never-reviewed case studies last; titles within a date.
        "reviewed": Sort(
            _("Most recently reviewed"), (F("last_reviewed").desc(nulls_last=True), *TITLE)
        ),
        "relevance": Sort(_("Best match")),
    }
    card_template = "casestudies/includes/case_study_listing_card.html"
    export_columns = [
        Column("title", lambda page, request: page.title),
        Column("url", full_url),
        Column("short_name", lambda page, request: page.short_name),
        Column("summary", lambda page, request: page.summary),
        Column("location", lambda page, request: page.location),
        Column("country", lambda page, request: page.country),
        Column("sector", lambda page, request: page.sector.key if page.sector else ""),
        Column("depth", lambda page, request: page.depth_level),
        Column("evaluated", lambda page, request: "yes" if page.evaluated else "no"),
        Column("last_reviewed", lambda page, request: page.last_reviewed),
        Column(
            "principles",
            lambda page, request: "; ".join(
                f"{rating.principle.key}={rating.strength}"
                for rating in page.principle_ratings.all()
            ),
        ),
        Column("keywords", keywords),
    ]

    @property
    def per_page(self):  # read when used, so a test may change PER_PAGE
        return PER_PAGE

    def results_count(self, count):
        return ngettext("%(counter)s case study", "%(counter)s case studies", count) % {
            "counter": count
        }

    def feed_description(self, page):
        return page.summary

    @cached_property
    def principles(self):
        return Principle.in_language(self.locale_id)

    # The principles' strength

    def parameters(self):
        return {**super().parameters(), "strength": self.strength_options}

    @cached_property
    def strength(self):
        return int(self.filterset.value("strength", DEFAULT_STRENGTH))

    @property
    def strength_value(self):
        return str(self.strength)

    @property
    def strength_options(self):
        return [(str(value), label) for value, label in STRENGTH_LABELS.items()]

    @cached_property
    def strength_counts(self):
        """[(strength, results)] for the ticked principles; empty when none is ticked."""
        principle = self.facet["principle"]
        self.filterset  # noqa: B018 - reading the query string chooses the facets' values
        if not principle.selected:
            return []
        return self.kept("strength counts", self.count_strengths, self.counted_query)

    def count_strengths(self):
        """strength_counts(), from one query."""
        principle = self.facet["principle"]
        pool = self.matching(skip=principle, pages=self.counted_pages)
        queries = []
        for strength in STRENGTH_LABELS:
            rated = PrincipleRating.objects.filter(strength__gte=strength)
            pages = pool
            for key in principle.selected:
                pages = pages.filter(pk__in=rated.filter(principle__key=key).values("page_id"))
            label = Value(str(strength), output_field=CharField())
            queries.append(
                pages.order_by()
                .annotate(strength=label)
                .values_list("strength")
                .annotate(n=Count("pk"))
            )
        counts = dict(self.count_rows(queries))
        return [(str(strength), counts.get(str(strength), 0)) for strength in STRENGTH_LABELS]

    def with_related(self, pages):
        return pages.select_related("sector").prefetch_related(
            Prefetch(
                "principle_ratings", queryset=PrincipleRating.objects.select_related("principle")
            ),
            Prefetch("tagged_items", queryset=CaseStudyPageTag.objects.select_related("tag")),
        )


class ResourceLibrary(Listing):
    """The resource listing for a ResourceIndexPage: filter by type and keyword."""

    model = ResourcePage
    per_page = PER_PAGE
    sorts = {"title": Sort(_("Title (A to Z)"), TITLE)}
    card_template = "casestudies/includes/resource_listing_card.html"
    export_columns = [
        Column("title", lambda page, request: page.title),
        Column("url", full_url),
        Column("type", lambda page, request: page.resource_type),
        Column("authors", lambda page, request: page.authors),
        Column("year", lambda page, request: page.year),
        Column("publisher", lambda page, request: page.publisher),
        Column("external_url", lambda page, request: page.external_url),
        Column("why_useful", lambda page, request: page.why_useful),
        Column("keywords", keywords),
    ]

    def results_count(self, count):
        return ngettext("%(counter)s resource", "%(counter)s resources", count) % {"counter": count}

    def feed_description(self, page):
        return page.why_useful

    def with_related(self, pages):
        return pages.prefetch_related(
            Prefetch("tagged_items", queryset=ResourcePageTag.objects.select_related("tag"))
        )
