"""The hub's home page, the shared taxonomy and the site settings.

The taxonomy lives here because every section uses it: case studies and toolkits are rated against
the six principles, stories are shaped by the eight life factors. Keywords are django-taggit's one
shared Tag vocabulary; each app declares its own through model.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.blocks import (
    AudienceRouteBlock,
    BodyStreamBlock,
    QuestionBlock,
    RouteBlock,
    SignpostBlock,
)
from hub.localisation import page_fields


class Strength(models.IntegerChoices):
    """How strongly a service shows a principle. Shared by case studies and the self-assessment."""

    NONE = 0, _("None")
    EMERGING = 1, _("Emerging")
    DEVELOPING = 2, _("Developing")
    STRONG = 3, _("Strong")


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class TaxonomyTerm(TranslatableMixin, RevisionMixin, models.Model):
    """A translatable, ordered term with a stable key that code and imports can rely on."""

    key = models.SlugField(
        max_length=50,
        help_text=_("Stable identifier used in URLs and imports. Do not change it once used."),
    )
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    # The key is shared by every language's version of a term (hub.localisation).
    override_translatable_fields = [SynchronizedField("key", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def in_language(cls, locale_id):
        """Every term once, in a language: in the default language's words where untranslated.

        The one place that decides how taxonomy falls back (listings, facets, forms, the wedge).
        """
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        found = cls.objects.filter(
            models.Q(locale_id=locale_id) | models.Q(locale__language_code=default_language)
        )
        terms = {}
        # The asked-for language first, so its names win over the fallback's.
        for term in sorted(found, key=lambda term: term.locale_id != locale_id):
            terms.setdefault(term.key, term)
        return sorted(terms.values(), key=lambda term: (term.order, term.name))


class Principle(TaxonomyTerm):
    """One of the six principles of co-production."""

    short_description = models.TextField(
        help_text=_("One or two plain-language sentences saying what the principle means.")
    )
    colour = models.CharField(
        max_length=7,
        validators=[hex_colour],
        default="#1d4f91",
        help_text=_("Fill colour of this principle's wedge segment. Must contrast with white."),
    )
    reflective_questions = StreamField(
        [("question", QuestionBlock())],
        blank=True,
        help_text=_("Questions a service can ask itself about this principle."),
    )

    override_translatable_fields = [
        *TaxonomyTerm.override_translatable_fields,
        SynchronizedField("colour", overridable=False),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("short_description"),
        FieldPanel("reflective_questions"),
        MultiFieldPanel([FieldPanel("colour"), FieldPanel("order")], heading=_("Display")),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("short_description"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_principle_key_locale")
        ]


class LifeFactor(TaxonomyTerm):
    """One of the eight factors that shape a person's day, used to tag stories."""

    description = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("key"),
        FieldPanel("description"),
        FieldPanel("order"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("life factor")
        verbose_name_plural = _("life factors")
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_lifefactor_key_locale")
        ]


class HomePage(Page):
    """The front door: a short introduction and three routes in."""

    introduction = RichTextField(
        features=["bold", "italic", "link"],
        help_text=_("Two or three sentences that say what the hub is for."),
    )
    routes = StreamField(
        [("route", RouteBlock())],
        blank=True,
        max_num=6,
        help_text=_("The main ways in, such as 'Find examples' or 'Share your story'."),
    )
    audience_routes = StreamField(
        [("audience", AudienceRouteBlock())],
        blank=True,
        max_num=6,
        help_text=_(
            "Where to start for each audience: commissioners, practitioners, people with lived "
            "experience, researchers."
        ),
    )
    body = StreamField(BodyStreamBlock(), blank=True)

    override_translatable_fields = page_fields()
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("routes"),
        FieldPanel("audience_routes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class SectionPage(Page):
    """An index page at the top of a section (case studies, stories, toolkits...)."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])

    override_translatable_fields = page_fields()
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["hub.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # A section without a template of its own uses the generic listing.
        return [super().get_template(request, *args, **kwargs), "hub/section_page.html"]

    def get_listing(self):
        """The live, public children in menu order, as their specific types."""
        return self.get_children().live().public().specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_listing()
        return context


@register_setting(icon="cog")
class HubSettings(BaseSiteSetting):
    """Site-wide contact details and the safety signposts shown on every contribution path."""

    contact_email = models.EmailField(blank=True)
    safeguarding_message = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown on story pages and the story form: where to get help now."),
    )
    signposts = StreamField([("signpost", SignpostBlock())], blank=True)

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("safeguarding_message"),
        FieldPanel("signposts"),
    ]

    class Meta:
        verbose_name = _("hub settings")
