"""Toolkits, guides, learning forums and the self-assessment.

Toolkits (written by editors) and guides (drafted by learning forum members inside their forum)
share one set of fields: who they are for, the steps, downloads with an HTML version, the
principles they help with and keywords. The self-assessment lets a visitor rate their own
service against the six principles; its scoring lives in toolkits.assessment.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Workflow
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from casestudies.facets import FRAMEWORK_ELEMENT
from hub.admin_forms import TaxonomyInPageLanguageForm
from hub.listing.export import export_response
from hub.listing.facets import ALL, Facet, FieldFacet, KeywordFacet, search_facet_values, terms
from hub.listing.pages import ListingPageMixin
from hub.localisation import page_fields
from hub.models import SectionPage
from hub.page_privacy import PrivatePagesMixin
from hub.routes import ViewRoutesMixin
from toolkits.blocks import DownloadBlock, MeetingNoteBlock, StepBlock


class Audience(models.TextChoices):
    PRACTITIONERS = "practitioners", _("Practitioners and frontline staff")
    MANAGERS = "managers", _("Managers and commissioners")
    PEOPLE = "people", _("People who use services, families and carers")
    EVERYONE = "everyone", _("Everyone")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC_BY_NC = "cc-by-nc-4.0", _("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)")
    OGL = "ogl-3.0", _("Open Government Licence 3.0")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.OGL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


class ToolkitIndexPage(ListingPageMixin, RoutablePageMixin, SectionPage):
    """Toolkits and guides, filterable by audience, principle and keyword, with a feed.

    The listing (toolkits.listing) holds the toolkits and the guides of every forum.
    """

    template = "toolkits/toolkit_index_page.html"
    subpage_types = [
        "toolkits.ToolkitPage",
        "toolkits.GuidePage",
        "toolkits.LearningForumPage",
        "toolkits.SelfAssessmentPage",
    ]

    listing_class = "toolkits.listing.ToolkitListing"

    class Meta:
        verbose_name = _("toolkit index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forums"] = (
            LearningForumPage.objects.child_of(self).live().public().order_by("title")
        )
        context["assessment"] = SelfAssessmentPage.objects.child_of(self).live().public().first()
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """The listing's own RSS feed (`?format=rss`) at the address it has always had."""
        return export_response(self.listing_for(request), "rss", request)


class PracticalPage(Page):
    """The fields toolkits and guides share (DESIGN.md section 3)."""

    citable = True  # "Cite this" (hub.citation)
    base_form_class = TaxonomyInPageLanguageForm

    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    summary = models.TextField(
        max_length=600, help_text=_("One to three plain sentences: what this helps you do.")
    )
    steps = StreamField([("step", StepBlock())], blank=True)
    downloads = StreamField([("download", DownloadBlock())], blank=True)
    principles = ParentalManyToManyField(
        "hub.Principle",
        blank=True,
        related_name="+",
        help_text=_("The principles of co-production this helps a service grow."),
    )
    framework_elements = ParentalManyToManyField(
        "casestudies.FrameworkElement",
        blank=True,
        related_name="+",
        help_text=_("Elements of other frameworks this helps a service put into practice."),
    )
    co_authors = models.TextField(
        _("co-authors"),
        blank=True,
        max_length=600,
        help_text=_("Names or organisations, one per line. Name people only with their agreement."),
    )
    licence = models.CharField(max_length=30, choices=Licence.choices, default=Licence.CC_BY)
    last_reviewed = models.DateField(null=True, blank=True)

    # Principles are data (hub.localisation shows them in the page's language); co-authors are
    # names. Audience, licence and dates are choices and facts, synchronised by default.
    override_translatable_fields = page_fields(
        SynchronizedField("principles", overridable=False),
        SynchronizedField("framework_elements", overridable=False),
        SynchronizedField("co_authors"),
    )
    shared_panels = [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("last_reviewed")]),
        FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("framework_elements", widget=forms.CheckboxSelectMultiple),
        FieldPanel("keywords"),
        FieldPanel("steps"),
        FieldPanel("downloads"),
        MultiFieldPanel(
            [FieldPanel("co_authors"), FieldPanel("licence")], heading=_("Authors and licence")
        ),
    ]
    content_panels = Page.content_panels + shared_panels
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("steps"),
        index.SearchField("downloads"),
        index.SearchField("co_authors"),
        index.FilterField("audience"),
        index.RelatedFields("keywords", [index.SearchField("name", boost=2)]),
        index.RelatedFields("principles", [index.SearchField("name")]),
        index.RelatedFields("framework_elements", [index.SearchField("name")]),
        index.FilterField("search_facet_values"),
    ]
    # The search engine counts facets by them (the listing_facets of ToolkitPage and GuidePage).
    search_facet_values = search_facet_values
    subpage_types = []

    class Meta:
        abstract = True

    def co_author_list(self):
        return [line.strip() for line in self.co_authors.splitlines() if line.strip()]

    def licence_url(self):
        return LICENCE_URLS.get(self.licence)

    @property
    def forum(self):
        """The learning forum this came from, if any."""
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forum"] = self.forum
        return context


class SuitsEveryone(Facet):
    """A page for everyone suits every audience: it counts under each option, not only its own."""

    def option_counts(self, counts):
        everyone = counts.get(Audience.EVERYONE, 0)
        return {
            value: counts.get(value, 0) + (everyone if value != Audience.EVERYONE else 0)
            for value, _label in self.choices
        }


@dataclass(frozen=True)
class AudienceFacet(FieldFacet):
    def condition(self, listing, value):
        suited = listing.model.objects.filter(audience__in={value, Audience.EVERYONE})
        return Q(pk__in=suited.values("pk"))


AUDIENCE = AudienceFacet(
    name="audience",
    legend=_("Who it is for"),
    choices="audience",
    lookup="audience",
    facet_class=SuitsEveryone,
    hint=_("Pages for everyone are shown whoever you choose."),
)
# Toolkits and guides name the principles they help grow outright (no strength).
NAMED_PRINCIPLES = FieldFacet(
    name="principle",
    legend=_("Principle"),
    choices=terms("hub.Principle"),
    combine=ALL,
    lookup="principles__key",
)


class ToolkitPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "toolkits.ToolkitPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "toolkits.GuidePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ToolkitPage(PracticalPage):
    """A toolkit written or curated by the editors, optionally with a learning forum."""

    keywords = ClusterTaggableManager(
        through=ToolkitPageTag, blank=True, verbose_name=_("keywords")
    )
    source_forum = models.ForeignKey(
        "toolkits.LearningForumPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("forum"),
        help_text=_("The learning forum that wrote or tested this toolkit, if any."),
    )

    content_panels = PracticalPage.content_panels + [FieldPanel("source_forum")]
    listing_facets = [
        AUDIENCE,
        NAMED_PRINCIPLES,
        FRAMEWORK_ELEMENT,
        KeywordFacet("toolkits.ToolkitPageTag"),
    ]
    parent_page_types = ["toolkits.ToolkitIndexPage"]
    template = "toolkits/practical_page.html"

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")

    @property
    def forum(self):
        forum = self.source_forum
        return forum if forum and forum.live else None


class GuidePage(PrivatePagesMixin, PracticalPage):
    """A practical guide. Drafted by a learning forum inside its own section."""

    keywords = ClusterTaggableManager(through=GuidePageTag, blank=True, verbose_name=_("keywords"))

    listing_facets = [
        AUDIENCE,
        NAMED_PRINCIPLES,
        FRAMEWORK_ELEMENT,
        KeywordFacet("toolkits.GuidePageTag"),
    ]
    parent_page_types = ["toolkits.ToolkitIndexPage", "toolkits.LearningForumPage"]
    template = "toolkits/practical_page.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @property
    def forum(self):
        parent = self.get_parent().specific
        return parent if isinstance(parent, LearningForumPage) else None


class LearningForumPage(Page):
    """A group of services learning together, with the guides its members write.

    Each forum has its own member and moderator groups and its own review workflow
    (toolkits.forums), so members draft only here and moderators review only their own forum.
    """

    purpose = RichTextField(features=["bold", "italic", "link", "ul", "ol"])
    member_organisations = models.TextField(
        _("members' organisations"),
        blank=True,
        help_text=_("One organisation per line. Only organisations that agreed to be listed."),
    )
    meeting_notes = StreamField([("meeting", MeetingNoteBlock())], blank=True)

    override_translatable_fields = page_fields(SynchronizedField("member_organisations"))
    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        FieldPanel("member_organisations"),
        FieldPanel("meeting_notes"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("member_organisations"),
        index.SearchField("meeting_notes"),
    ]
    parent_page_types = ["toolkits.ToolkitIndexPage"]
    subpage_types = ["toolkits.GuidePage"]
    template = "toolkits/learning_forum_page.html"

    class Meta:
        verbose_name = _("learning forum")
        verbose_name_plural = _("learning forums")

    def organisation_list(self):
        return [line.strip() for line in self.member_organisations.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            GuidePage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("principles")
            .order_by("title")
        )
        # Pages the forum keeps to itself, listed only to people the restriction lets in.
        context["members_only"] = self.members_only_children(request)
        return context

    def members_only_children(self, request):
        """The forum's live members-only children this visitor may read; none for the public.

        Anonymous visitors get nothing without a query. For signed-in people, each restriction
        is checked as Wagtail checks it when serving the page.
        """
        if not request.user.is_authenticated:
            return []
        restricted = (
            GuidePage.objects.child_of(self)
            .live()
            .filter(view_restrictions__isnull=False)
            .distinct()
            .prefetch_related("view_restrictions__groups")
            .order_by("title")
        )
        return [
            page
            for page in restricted
            if all(r.accept_request(request) for r in page.view_restrictions.all())
        ]


class ForumAccess(models.Model):
    """The groups and review workflow belonging to one learning forum (in every language).

    Kept outside the page so that editing, copying or translating the forum page never changes
    who may draft and review in it.
    """

    forum_key = models.UUIDField(unique=True, help_text=_("The forum page's translation key."))
    members = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    moderators = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("learning forum access")
        verbose_name_plural = _("learning forum access")

    def __str__(self):
        return str(self.members)


class SelfAssessmentPage(ViewRoutesMixin, Page):
    """Rate your own service against the six principles and get a wedge and next steps.

    Its form, live preview and result are routes whose views (toolkits.views) the app adds
    when it is ready.
    """

    base_form_class = TaxonomyInPageLanguageForm

    introduction = RichTextField(features=["bold", "italic", "link", "ul"], blank=True)
    after_result = RichTextField(
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Shown with every result, e.g. how to talk the result through as a team."),
    )

    override_translatable_fields = page_fields()
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "statements",
            label=_("Statement"),
            heading=_("Statements"),
            help_text=_(
                "Statements a service rates itself on, grouped by principle. Write them so that "
                "'fully true' is good co-production. Three or four per principle work well."
            ),
        ),
        FieldPanel("after_result"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["toolkits.ToolkitIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "toolkits/self_assessment_page.html"

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")


class AssessmentStatement(Orderable):
    """One statement of the self-assessment, about one principle."""

    page = ParentalKey(SelfAssessmentPage, on_delete=models.CASCADE, related_name="statements")
    principle = models.ForeignKey("hub.Principle", on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)

    panels = [FieldPanel("principle"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return self.text

    @property
    def field_name(self):
        return f"s{self.pk}"
