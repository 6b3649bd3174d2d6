"""The glossary: short, translatable definitions of the words people meet in the hub's content.

Shared base material, one layer above the hub: any page's template can mark up the first use of a
term (glossary.markup) and the glossary page lists every term of its language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.localisation import page_fields


class GlossaryTerm(TranslatableMixin, models.Model):
    """A word or abbreviation (ISF, person-led) with what it stands for and what it means."""

    key = models.SlugField(
        max_length=60,
        help_text=_("Stable identifier, used as the term's anchor on the glossary page."),
    )
    term = models.CharField(
        max_length=80,
        help_text=_(
            "As it is written in the text, e.g. 'ISF' or 'person-led'. An all-capitals "
            "abbreviation is matched exactly; other words in any case."
        ),
    )
    full_name = models.CharField(
        max_length=160,
        blank=True,
        help_text=_("What an abbreviation stands for, e.g. 'Individual service fund'."),
    )
    definition = models.TextField(
        max_length=400, help_text=_("One or two plain sentences: what it means.")
    )

    override_translatable_fields = [SynchronizedField("key", overridable=False)]
    panels = [
        FieldPanel("term"),
        FieldPanel("full_name"),
        FieldPanel("definition"),
        FieldPanel("key"),
    ]
    search_fields = [
        index.SearchField("term", boost=2),
        index.SearchField("full_name"),
        index.SearchField("definition"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["key", "locale"], name="unique_glossaryterm_key_locale")
        ]

    def __str__(self):
        return self.term

    @property
    def is_abbreviation(self):
        return self.term.isupper()

    @property
    def anchor(self):
        return f"term-{self.key}"

    @classmethod
    def alphabetical(cls, locale_id):
        """The terms of one language, in alphabetical order whatever their case."""
        terms = cls.objects.filter(locale_id=locale_id).select_related("locale")
        return sorted(terms, key=lambda term: term.term.casefold())


class GlossaryPage(Page):
    """Every term of the page's language, alphabetically, each with an anchor to link to."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    override_translatable_fields = page_fields()
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "glossary/glossary_page.html"

    class Meta:
        verbose_name = _("glossary page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = GlossaryTerm.alphabetical(self.locale_id)
        if not terms and self.locale_id != Locale.get_default().pk:
            # Terms not translated yet are still explained, in the default language's words.
            terms = GlossaryTerm.alphabetical(Locale.get_default().pk)
        context["terms"] = terms
        return context
