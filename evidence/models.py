"""Evidence pages: what a source found, as figures, tables and charts, with its caveats.

An evidence page chooses the case studies and themes it supports (by string references: the
evidence app sits beside the catalogue, not above it), so a case study can list the evidence
behind it through the reverse relation without the catalogue knowing this app.
"""

from django import forms
from django.db import models
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from evidence.blocks import EvidenceBodyBlock
from evidence.tables import DataTable
from hub.localisation import page_fields
from hub.models import SectionPage


class EvidenceIndexPage(SectionPage):
    """Evidence: the sources' findings as data."""

    template = "evidence/evidence_index_page.html"
    subpage_types = ["evidence.EvidencePage"]

    class Meta:
        verbose_name = _("evidence index page")

    def get_listing(self):
        return EvidencePage.objects.child_of(self).live().public().order_by("title")


class EvidencePage(RoutablePageMixin, Page):
    """One source's findings: a summary, tables of statistics, caveats and what it supports."""

    summary = models.TextField(
        max_length=600, help_text=_("One to three plain sentences: what the source found.")
    )
    source = models.CharField(
        max_length=300, help_text=_("The report: its title, who published it and when.")
    )
    method = models.TextField(
        max_length=600, blank=True, help_text=_("How the figures were gathered, in plain words.")
    )
    body = StreamField(EvidenceBodyBlock(), blank=True)
    caveats = StreamField(
        [("caveat", blocks.CharBlock(max_length=300))],
        blank=True,
        help_text=_("What the figures cannot tell you."),
    )
    themes = ParentalManyToManyField("casestudies.Theme", blank=True, related_name="evidence_pages")
    last_reviewed = models.DateField(null=True, blank=True)
    historical_context = models.TextField(
        max_length=600,
        blank=True,
        help_text=_(
            "Where the source describes an older policy setting: one or two sentences on what "
            "has changed since."
        ),
    )

    override_translatable_fields = page_fields(
        SynchronizedField("themes", overridable=False),
        SynchronizedField("last_reviewed", overridable=False),
    )
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("source"), FieldPanel("method")], heading=_("Source")),
        FieldPanel("body"),
        FieldPanel("caveats"),
        MultiFieldPanel(
            [
                InlinePanel("supported_case_studies", label=_("Case study")),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("What this evidence supports"),
        ),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("historical_context")],
            heading=_("Currency"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("source"),
        index.SearchField("method"),
        index.SearchField("body"),
        index.SearchField("caveats"),
        index.FilterField("last_reviewed"),
    ]

    parent_page_types = ["evidence.EvidenceIndexPage"]
    subpage_types = []
    template = "evidence/evidence_page.html"

    class Meta:
        verbose_name = _("evidence page")
        verbose_name_plural = _("evidence pages")

    def data_tables(self):
        """{block id: DataTable} of the page's tables, in page order."""
        return {
            block.id: DataTable(block.value, block_id=block.id)
            for block in self.body
            if block.block_type == "data_table"
        }

    def case_studies(self):
        """The live case studies it supports, in the page's language."""
        return [
            item.case_study
            for item in self.supported_case_studies.select_related("case_study")
            if item.case_study.live and item.case_study.locale_id == self.locale_id
        ]

    @re_path(r"^tables/(?P<block_id>[0-9a-f-]{1,64})/csv/$", name="table_csv")
    def table_csv(self, request, block_id):
        table = self.data_tables().get(block_id)
        if table is None:
            raise Http404
        response = StreamingHttpResponse(table.csv_lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{table.filename}"'
        return response


class EvidenceCaseStudy(Orderable):
    """A case study an evidence page supports."""

    page = ParentalKey(
        EvidencePage, on_delete=models.CASCADE, related_name="supported_case_studies"
    )
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="supporting_evidence"
    )

    panels = [FieldPanel("case_study")]

    class Meta(Orderable.Meta):
        verbose_name = _("supported case study")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "case_study"], name="unique_evidence_case_study"
            )
        ]
