"""The case-study catalogue, the principles section and the resource library."""

from django import forms
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import (
    Orderable,
    Page,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from casestudies import suggest
from casestudies.blocks import CaseStudyBodyBlock, EvidenceBlock, LearningPointBlock, LinkBlock
from casestudies.choices import Country, Depth
from casestudies.facets import CASE_STUDY_FACETS, RESOURCE_FACETS
from casestudies.suggestion_models import CaseStudySuggestion
from hub.admin_forms import TaxonomyInPageLanguageForm
from hub.blocks import BodyStreamBlock
from hub.listing.facets import search_facet_values
from hub.listing.pages import ListingPageMixin
from hub.localisation import page_fields
from hub.models import Principle, SectionPage, Strength, TaxonomyTerm
from hub.related import related_pages, sharing_keywords


class ResourceType(models.TextChoices):
    RESEARCH = "research", _("Research")
    PRACTICAL_TOOL = "practical_tool", _("Practical tool")
    MULTIMEDIA = "multimedia", _("Multimedia")


def lines(text):
    """The non-empty lines of a one-item-per-line text field."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class Sector(TaxonomyTerm):
    """Where a service sits, e.g. adult social care or primary health care."""

    panels = [FieldPanel("name"), FieldPanel("key"), FieldPanel("order")]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_sector_key_locale")
        ]


class ClientGroup(TaxonomyTerm):
    """Who a service is for, e.g. older people or carers."""

    panels = [FieldPanel("name"), FieldPanel("key"), FieldPanel("order")]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_clientgroup_key_locale")
        ]


class SourceReport(TaxonomyTerm):
    """A published report a case study was written from, e.g. the international survey of 2017."""

    publisher = models.CharField(
        max_length=300, blank=True, help_text=_("Who wrote or published it.")
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    # Who published a report, and when, is a fact, not words to translate.
    override_translatable_fields = TaxonomyTerm.override_translatable_fields + [
        SynchronizedField("publisher", overridable=False),
        SynchronizedField("year", overridable=False),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
        FieldPanel("order"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("source report")
        verbose_name_plural = _("source reports")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_sourcereport_key_locale")
        ]


class FundingMechanism(TaxonomyTerm):
    """How a service is paid for, e.g. individual service funds or an alliance contract."""

    description = models.TextField(
        max_length=400, blank=True, help_text=_("One plain sentence: how the money flows.")
    )

    panels = [FieldPanel("name"), FieldPanel("key"), FieldPanel("description"), FieldPanel("order")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("funding mechanism")
        verbose_name_plural = _("funding mechanisms")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "locale"], name="unique_fundingmechanism_key_locale"
            )
        ]


class Theme(TaxonomyTerm):
    """A question practitioners come with, e.g. trauma-informed practice or time banking.

    A theme drawn from a report's findings also says what goes wrong (the issue and its causes)
    and what change looks like; its page (ThemePage) shows them with what speaks to it.
    """

    issue = models.TextField(
        max_length=400, blank=True, help_text=_("One plain sentence: what goes wrong today.")
    )
    causes = models.TextField(
        max_length=2000, blank=True, help_text=_("Why it goes wrong: one cause per line.")
    )
    change = models.TextField(
        _("what change looks like"),
        max_length=2000,
        blank=True,
        help_text=_("What a better system does instead: one point per line."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("issue"),
        FieldPanel("causes"),
        FieldPanel("change"),
        FieldPanel("order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("issue"),
        index.FilterField("locale"),
    ]

    @property
    def cause_list(self):
        return lines(self.causes)

    @property
    def change_list(self):
        return lines(self.change)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_theme_key_locale")
        ]


class Framework(TaxonomyTerm):
    """A way of describing good practice, e.g. Cahn's four core values of co-production.

    The six principles have a section of their own (PrincipleIndexPage); every other framework
    is a Framework with its elements.
    """

    description = models.TextField(
        max_length=800, blank=True, help_text=_("What the framework is for, in plain words.")
    )
    origin = models.CharField(
        max_length=300, blank=True, help_text=_("Where it comes from, e.g. a report or an author.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("description"),
        FieldPanel("origin"),
        FieldPanel("order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_framework_key_locale")
        ]


class FrameworkElement(TaxonomyTerm):
    """One element of a framework, e.g. "reciprocity" in Cahn's core values.

    Keys are unique across frameworks (in a language), so that a key alone names an element in
    a listing's address; imports write "framework:element".
    """

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    description = models.TextField(
        max_length=800, blank=True, help_text=_("What the element means in practice.")
    )
    questions = models.TextField(
        _("reflective questions"),
        max_length=2000,
        blank=True,
        help_text=_("Questions a service can ask itself: one per line."),
    )

    override_translatable_fields = TaxonomyTerm.override_translatable_fields + [
        SynchronizedField("framework", overridable=False)
    ]
    panels = [
        FieldPanel("framework"),
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("description"),
        FieldPanel("questions"),
        FieldPanel("order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("framework element")
        verbose_name_plural = _("framework elements")
        ordering = ["framework__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "locale"], name="unique_frameworkelement_key_locale"
            )
        ]

    @property
    def question_list(self):
        return lines(self.questions)


class CaseStudyPageTag(TaggedItemBase):
    """Keywords of case studies, from the one Tag vocabulary shared across the hub."""

    content_object = ParentalKey(
        "casestudies.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "casestudies.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def live_in_locale(queryset, locale_id):
    return queryset.live().public().filter(locale_id=locale_id)


class CaseStudyIndexPage(ListingPageMixin, RoutablePageMixin, SectionPage):
    """Case studies: the browsable catalogue, and the "Suggest a case study" form as a route
    (casestudies.suggest), so its address sits under the catalogue in every language."""

    template = "casestudies/case_study_index_page.html"
    subpage_types = ["casestudies.CaseStudyPage"]
    # The facets, search and paging live in casestudies.filters, not in the model.
    listing_class = "casestudies.filters.Catalogue"
    listing_context_name = "catalogue"

    class Meta:
        verbose_name = _("case study index page")

    @path("suggest/", name="suggest")
    def suggest(self, request):
        return suggest.suggest(request, self)

    @path("suggest/sent/", name="suggest_sent")
    def suggest_sent(self, request):
        return suggest.sent(request, self)


class CaseStudyPage(Page):
    """A real service or programme, rated against the six principles of co-production (or
    marked as not yet assessed)."""

    base_form_class = TaxonomyInPageLanguageForm

    short_name = models.CharField(
        max_length=80, blank=True, help_text=_("A short name for cards and links, e.g. 'RUILS'.")
    )
    summary = models.TextField(
        max_length=600, help_text=_("One to three plain sentences: what the service does.")
    )
    location = models.CharField(max_length=200, help_text=_("Town, city or area."))
    country = models.CharField(max_length=20, choices=Country.choices)
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_groups = ParentalManyToManyField(ClientGroup, blank=True, related_name="+")
    keywords = ClusterTaggableManager(
        through=CaseStudyPageTag, blank=True, verbose_name=_("keywords")
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="+")
    funding_mechanisms = ParentalManyToManyField(FundingMechanism, blank=True, related_name="+")
    framework_elements = ParentalManyToManyField(
        FrameworkElement,
        blank=True,
        related_name="+",
        help_text=_("The elements of frameworks this service shows, as its source describes."),
    )
    source_report = models.ForeignKey(
        SourceReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_section = models.CharField(
        max_length=200, blank=True, help_text=_("Where in the report, e.g. a chapter's title.")
    )
    # "Not assessed" is an answer in its own right: a service described by a report that did not
    # rate it against the principles is not a service rated 0 in all six.
    principles_assessed = models.BooleanField(
        _("principles assessed"),
        default=True,
        help_text=_(
            "Untick if nobody has rated this service against the six principles yet; "
            "its ratings are then shown as not yet assessed."
        ),
    )
    # Not "depth": Page already has a tree depth.
    depth_level = models.CharField(
        _("depth"),
        max_length=20,
        choices=Depth.choices,
        default=Depth.NOT_ASSESSED,
        help_text=_("Descriptive, intermediate or transformative co-production."),
    )
    key_learning = StreamField(
        [("point", LearningPointBlock())],
        blank=True,
        help_text=_("What others can learn from this service, each with reflective questions."),
    )
    body = StreamField(CaseStudyBodyBlock(), blank=True)
    evaluated = models.BooleanField(
        default=False, help_text=_("Tick if the service has had a formal evaluation.")
    )
    evidence = StreamField(
        [("evidence", EvidenceBlock())], blank=True, verbose_name=_("evidence of impact")
    )
    links = StreamField([("link", LinkBlock())], blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    historical_context = models.TextField(
        max_length=600,
        blank=True,
        help_text=_(
            "Where the source describes an older policy setting: one or two sentences on what "
            "has changed since."
        ),
    )

    # The classification is data, kept in step with the source; hub.localisation points each
    # language's page at the terms in its own language. Ratings (principle_ratings), depth,
    # country, dates, keywords and links are synchronised by wagtail-localize's defaults.
    override_translatable_fields = page_fields(
        SynchronizedField("sector", overridable=False),
        SynchronizedField("client_groups", overridable=False),
        SynchronizedField("themes", overridable=False),
        SynchronizedField("funding_mechanisms", overridable=False),
        SynchronizedField("source_report", overridable=False),
        SynchronizedField("source_section", overridable=False),
        SynchronizedField("framework_elements", overridable=False),
    )
    content_panels = Page.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("location"), FieldPanel("country")]),
                FieldPanel("sector"),
                FieldPanel("client_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("keywords"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("funding_mechanisms", widget=forms.CheckboxSelectMultiple),
                FieldPanel("framework_elements", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Where and who"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("source_report"), FieldPanel("source_section")])],
            heading=_("Source"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("principles_assessed"),
                InlinePanel("principle_ratings", min_num=0, max_num=6, label=_("Principle")),
                FieldPanel("depth_level"),
            ],
            heading=_("Principles and depth"),
            help_text=_("Rate each of the six principles from 0 (none) to 3 (strong)."),
        ),
        FieldPanel("key_learning"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("evaluated"), FieldPanel("evidence")], heading=_("Evidence of impact")
        ),
        FieldPanel("links"),
        InlinePanel("see_also", label=_("See also")),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("historical_context")],
            heading=_("Currency"),
        ),
    ]

    listing_facets = CASE_STUDY_FACETS
    search_facet_values = search_facet_values  # the search engine counts facets by them
    search_fields = Page.search_fields + [
        index.SearchField("short_name", boost=2),
        index.SearchField("summary", boost=1.5),
        index.SearchField("location"),
        index.SearchField("key_learning"),
        index.SearchField("body"),
        index.SearchField("evidence"),
        index.SearchField("historical_context"),
        index.AutocompleteField("short_name"),
        index.FilterField("country"),
        index.FilterField("depth_level"),
        index.FilterField("evaluated"),
        index.FilterField("last_reviewed"),
        index.FilterField("principles_assessed"),
        index.FilterField("search_facet_values"),
        index.RelatedFields("sector", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields(
            "funding_mechanisms",
            [index.SearchField("name", boost=2), index.SearchField("description")],
        ),
        index.RelatedFields("client_groups", [index.SearchField("name")]),
        index.RelatedFields("framework_elements", [index.SearchField("name")]),
        index.RelatedFields("keywords", [index.SearchField("name", boost=2)]),
        index.RelatedFields(
            "principle_ratings", [index.RelatedFields("principle", [index.SearchField("name")])]
        ),
    ]

    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    template = "casestudies/case_study_page.html"

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    citable = True  # "Cite this" (hub.citation)

    @property
    def display_name(self):
        return self.short_name or self.title

    @property
    def has_wedge_preview(self):
        """A PNG of the wedge for link previews (hub.wedge_image); none when not assessed."""
        return self.principles_assessed

    def rating_map(self):
        """{Principle: strength}, from the (usually prefetched) ratings, in principle order.

        Empty when the principles are not assessed, whatever ratings an editor left behind.
        """
        if not self.principles_assessed:
            return {}
        ratings = sorted(self.principle_ratings.all(), key=lambda r: r.principle.order)
        return {rating.principle: rating.strength for rating in ratings}

    def related_resources(self, limit=6):
        """Resources chosen for this case study first, then those sharing the most keywords."""
        chosen = live_in_locale(ResourcePage.objects, self.locale_id).filter(
            related_case_studies__case_study=self
        )
        chosen = list(chosen.order_by("title"))
        tag_ids = [tag.pk for tag in self.keywords.all()]
        shared = (
            live_in_locale(ResourcePage.objects, self.locale_id)
            .exclude(pk__in=[r.pk for r in chosen])
            .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
            .filter(shared__gt=0)
            .order_by("-shared", "title")
        )
        return (chosen + list(shared[:limit]))[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent().specific
        # Only links in the page's own language (hub.localisation points a translation's links
        # at translated case studies): an untranslated one would put English on a Welsh page.
        context["see_also_pages"] = [
            item.target
            for item in self.see_also.select_related("target")
            if item.target.live and item.target.locale_id == self.locale_id
        ]
        context["resources"] = self.related_resources()
        context["principles"] = Principle.in_language(self.locale_id)
        # Each link with an archived copy offered when the last check found it dead.
        links = [block.value for block in self.links]
        archived = LinkCheck.archived_copies([link["url"] for link in links])
        context["link_list"] = [
            {"title": link["title"], "url": link["url"], "archive_url": archived.get(link["url"])}
            for link in links
        ]
        return context


class PrincipleRating(Orderable):
    """How strongly a case study shows one principle (0 none ... 3 strong)."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="principle_ratings")
    principle = models.ForeignKey("hub.Principle", on_delete=models.CASCADE, related_name="+")
    strength = models.PositiveSmallIntegerField(choices=Strength.choices)

    panels = [FieldRowPanel([FieldPanel("principle"), FieldPanel("strength")])]

    class Meta(Orderable.Meta):
        verbose_name = _("principle rating")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "principle"], name="unique_rating_per_principle"
            )
        ]


class SeeAlso(Orderable):
    """A hand-picked link from one case study to another."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="see_also")
    target = models.ForeignKey(
        CaseStudyPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("case study")
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("see also")


class PrincipleIndexPage(SectionPage):
    """The six principles of co-production."""

    template = "casestudies/principle_index_page.html"
    subpage_types = ["casestudies.PrinciplePage"]

    class Meta:
        verbose_name = _("principle index page")

    def get_listing(self):
        return super().get_listing().select_related("principlepage__principle")


class PrinciplePage(Page):
    """What one principle means, the questions it raises, and the services strongest in it."""

    base_form_class = TaxonomyInPageLanguageForm

    principle = models.ForeignKey(
        "hub.Principle", on_delete=models.PROTECT, related_name="+", verbose_name=_("principle")
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text=_("What the principle means in practice. Its short description is shown first."),
    )

    override_translatable_fields = page_fields(SynchronizedField("principle", overridable=False))
    content_panels = Page.content_panels + [FieldPanel("principle"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.RelatedFields(
            "principle", [index.SearchField("name"), index.SearchField("short_description")]
        ),
    ]

    parent_page_types = ["casestudies.PrincipleIndexPage"]
    subpage_types = []
    template = "casestudies/principle_page.html"

    class Meta:
        verbose_name = _("principle page")
        verbose_name_plural = _("principle pages")

    def strongest_case_studies(self, limit=12):
        """Live case studies of this language rated highest in this principle (strength 2+)."""
        return (
            live_in_locale(CaseStudyPage.objects, self.locale_id)
            .filter(
                principles_assessed=True,
                principle_ratings__principle__key=self.principle.key,
                principle_ratings__strength__gte=Strength.DEVELOPING,
            )
            .annotate(
                strength=models.Max(
                    "principle_ratings__strength",
                    filter=Q(principle_ratings__principle__key=self.principle.key),
                )
            )
            .select_related("sector")
            .prefetch_related("principle_ratings__principle", "tagged_items__tag")
            .order_by("-strength", "title")[:limit]
        )

    def get_search_snippet(self):
        return self.principle.short_description

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        case_studies = list(self.strongest_case_studies())
        index_page = CaseStudyIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        # Resources, stories and toolkits sharing the strongest case studies' keywords, and
        # toolkits naming the principle (hub.related, as on framework and theme pages).
        keywords = {
            item.tag.name.lower() for page in case_studies for item in page.tagged_items.all()
        }
        resources = sharing_keywords(live_in_locale(ResourcePage.objects, self.locale_id), keywords)
        context.update(
            case_studies=case_studies,
            resources=list(resources[:6]),
            related_sections=related_pages(self.principle, self.locale_id, keywords),
            case_study_index=index_page,
            all_principles=Principle.in_language(self.locale_id),
        )
        return context


# Frameworks and themes ---------------------------------------------------------------------------

# How many case studies a framework element's or a theme's page shows before "see all".
TOPIC_CASE_STUDIES = 12


class TopicPage(Page):
    """A page about one subject (a framework element, a theme): what it means, then the case
    studies that show it, resources sharing their keywords, and what other sections offer
    (hub.related: stories, toolkits)."""

    body = StreamField(
        BodyStreamBlock(), blank=True, help_text=_("More about it, shown after the summary.")
    )

    search_fields = Page.search_fields + [index.SearchField("body")]
    subpage_types = []
    # The catalogue's parameter for this kind of subject (casestudies.facets).
    catalogue_parameter = ""

    class Meta:
        abstract = True

    @property
    def subject(self):
        raise NotImplementedError

    def case_study_filter(self):
        """A filter on CaseStudyPage: the case studies that speak to the subject."""
        raise NotImplementedError

    def case_studies(self):
        return (
            live_in_locale(CaseStudyPage.objects, self.locale_id)
            .filter(**self.case_study_filter())
            .select_related("sector")
            .prefetch_related("principle_ratings__principle", "tagged_items__tag")
            .order_by("title")
            .distinct()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        case_studies = self.case_studies()
        total = case_studies.count()
        shown = list(case_studies[:TOPIC_CASE_STUDIES])
        keywords = {item.tag.name.lower() for page in shown for item in page.tagged_items.all()}
        resources = sharing_keywords(live_in_locale(ResourcePage.objects, self.locale_id), keywords)
        context.update(
            case_studies=shown,
            case_study_total=total,
            case_study_index=CaseStudyIndexPage.objects.live()
            .filter(locale_id=self.locale_id)
            .first(),
            all_principles=Principle.in_language(self.locale_id),
            resources=list(resources[:6]),
            related_sections=related_pages(self.subject, self.locale_id, keywords),
        )
        return context


class FrameworkIndexPage(SectionPage):
    """Frameworks: the six principles and the other ways of describing good practice."""

    template = "casestudies/framework_index_page.html"
    subpage_types = ["casestudies.FrameworkPage"]

    class Meta:
        verbose_name = _("framework index page")

    def get_listing(self):
        pages = FrameworkPage.objects.child_of(self).live().public()
        return pages.select_related("framework").order_by("framework__order", "title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["principle_index"] = (
            PrincipleIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        )
        return context


class FrameworkPage(Page):
    """One framework: what it is for and its elements, each with a page of its own."""

    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="+", verbose_name=_("framework")
    )
    body = StreamField(BodyStreamBlock(), blank=True)

    override_translatable_fields = page_fields(SynchronizedField("framework", overridable=False))
    content_panels = Page.content_panels + [FieldPanel("framework"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.RelatedFields(
            "framework", [index.SearchField("name"), index.SearchField("description")]
        ),
    ]
    parent_page_types = ["casestudies.FrameworkIndexPage"]
    subpage_types = ["casestudies.FrameworkElementPage"]
    template = "casestudies/framework_page.html"

    class Meta:
        verbose_name = _("framework page")
        verbose_name_plural = _("framework pages")

    def get_search_snippet(self):
        return self.framework.description

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["elements"] = (
            FrameworkElementPage.objects.child_of(self)
            .live()
            .public()
            .select_related("element")
            .order_by("element__order", "title")
        )
        return context


class FrameworkElementPage(TopicPage):
    """One element of a framework: what it means, questions to ask, and who shows it."""

    element = models.ForeignKey(
        FrameworkElement,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("framework element"),
    )

    override_translatable_fields = page_fields(SynchronizedField("element", overridable=False))
    content_panels = Page.content_panels + [FieldPanel("element"), FieldPanel("body")]
    search_fields = TopicPage.search_fields + [
        index.RelatedFields(
            "element", [index.SearchField("name"), index.SearchField("description")]
        ),
    ]
    parent_page_types = ["casestudies.FrameworkPage"]
    template = "casestudies/framework_element_page.html"
    catalogue_parameter = "framework_element"

    class Meta:
        verbose_name = _("framework element page")
        verbose_name_plural = _("framework element pages")

    @property
    def subject(self):
        return self.element

    def case_study_filter(self):
        return {"framework_elements__key": self.element.key}

    def get_search_snippet(self):
        return self.element.description


class ThemeIndexPage(SectionPage):
    """Themes: the questions practitioners come with, and what the reports found about them."""

    template = "casestudies/theme_index_page.html"
    subpage_types = ["casestudies.ThemePage"]

    class Meta:
        verbose_name = _("theme index page")

    def get_listing(self):
        pages = ThemePage.objects.child_of(self).live().public()
        return pages.select_related("theme").order_by("theme__order", "title")


class ThemePage(TopicPage):
    """One theme: the issue, its causes, what change looks like, and what speaks to it."""

    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="+", verbose_name=_("theme")
    )

    override_translatable_fields = page_fields(SynchronizedField("theme", overridable=False))
    content_panels = Page.content_panels + [FieldPanel("theme"), FieldPanel("body")]
    search_fields = TopicPage.search_fields + [
        index.RelatedFields(
            "theme",
            [index.SearchField("name"), index.SearchField("issue"), index.SearchField("causes")],
        ),
    ]
    parent_page_types = ["casestudies.ThemeIndexPage"]
    template = "casestudies/theme_page.html"
    catalogue_parameter = "theme"

    class Meta:
        verbose_name = _("theme page")
        verbose_name_plural = _("theme pages")

    @property
    def subject(self):
        return self.theme

    def case_study_filter(self):
        return {"themes__key": self.theme.key}

    def get_search_snippet(self):
        return self.theme.issue


class ResourceIndexPage(ListingPageMixin, SectionPage):
    """The resource library: research, practical tools and multimedia."""

    template = "casestudies/resource_index_page.html"
    subpage_types = ["casestudies.ResourcePage"]
    listing_class = "casestudies.filters.ResourceLibrary"
    listing_context_name = "library"

    class Meta:
        verbose_name = _("resource index page")


class ResourcePage(Page):
    """A report, tool or film worth reading, with why it is useful."""

    resource_type = models.CharField(
        _("type"), max_length=20, choices=ResourceType.choices, default=ResourceType.RESEARCH
    )
    authors = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    # Not "url": Page.url is the page's own address.
    external_url = models.URLField(_("external link"), max_length=500, blank=True)
    keywords = ClusterTaggableManager(
        through=ResourcePageTag, blank=True, verbose_name=_("keywords")
    )
    why_useful = models.TextField(_("why it is useful"), max_length=1000)

    # Names of people and organisations are not translated.
    override_translatable_fields = page_fields(
        SynchronizedField("authors"), SynchronizedField("publisher")
    )
    content_panels = Page.content_panels + [
        FieldPanel("resource_type"),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("publisher")]),
                FieldPanel("external_url"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("why_useful"),
        FieldPanel("keywords"),
        InlinePanel("related_case_studies", label=_("Related case study")),
    ]
    listing_facets = RESOURCE_FACETS
    search_facet_values = search_facet_values  # the search engine counts facets by them
    search_fields = Page.search_fields + [
        index.SearchField("authors"),
        index.SearchField("publisher"),
        index.SearchField("why_useful"),
        index.FilterField("resource_type"),
        index.FilterField("year"),
        index.FilterField("search_facet_values"),
        index.RelatedFields("keywords", [index.SearchField("name", boost=2)]),
    ]

    parent_page_types = ["casestudies.ResourceIndexPage"]
    subpage_types = []
    template = "casestudies/resource_page.html"

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def related_case_study_pages(self, limit=6):
        """Case studies chosen for this resource first, then those sharing the most keywords."""
        chosen = list(
            live_in_locale(CaseStudyPage.objects, self.locale_id)
            .filter(pk__in=[item.case_study_id for item in self.related_case_studies.all()])
            .order_by("title")
        )
        tag_ids = [tag.pk for tag in self.keywords.all()]
        shared = (
            live_in_locale(CaseStudyPage.objects, self.locale_id)
            .exclude(pk__in=[p.pk for p in chosen])
            .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
            .filter(shared__gt=0)
            .order_by("-shared", "title")
        )
        return (chosen + list(shared[:limit]))[:limit]

    def get_search_snippet(self):
        return self.why_useful

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case_studies"] = self.related_case_study_pages()
        context["index_page"] = self.get_parent().specific
        context["archive_url"] = LinkCheck.archived_copies([self.external_url]).get(
            self.external_url
        )
        return context


class ResourceCaseStudy(Orderable):
    """A case study a resource is about or informs."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="related_case_studies")
    case_study = models.ForeignKey(
        CaseStudyPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("case study")
    )

    panels = [FieldPanel("case_study")]

    class Meta(Orderable.Meta):
        verbose_name = _("related case study")


class LinkCheck(models.Model):
    """The last answer from one external address that a resource or case study links to
    (casestudies.link_health checks them; `manage.py check_links`)."""

    url = models.URLField(max_length=500, unique=True)
    # None: no answer at all (timed out, refused, no such host).
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(
        max_length=500, blank=True, help_text=_("Where redirects ended, if elsewhere.")
    )
    error = models.CharField(max_length=200, blank=True)
    broken = models.BooleanField(default=False, db_index=True)
    checked_at = models.DateTimeField()
    broken_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("link check")
        ordering = ["url"]

    def __str__(self):
        return self.url

    @property
    def archive_url(self):
        """The Internet Archive's copies of the address: a plain link, never fetched here."""
        return f"https://web.archive.org/web/{self.url}"

    @classmethod
    def archived_copies(cls, urls):
        """{url: archive link} for those of `urls` last found broken (one query)."""
        urls = [url for url in urls if url]
        if not urls:
            return {}
        return {
            check.url: check.archive_url for check in cls.objects.filter(url__in=urls, broken=True)
        }


__all__ = ["CaseStudySuggestion", "Country", "Depth"]  # defined elsewhere, kept importable here
