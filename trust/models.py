"""The pages that say who runs the hub and how it treats people: About, Contact, Privacy notice
and Accessibility statement. Editors write them in the admin; every footer links to them
(trust_tags.footer_links), in the visitor's language where translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BodyStreamBlock
from hub.localisation import page_fields
from trust import contact


class TrustPage(Page):
    """A plain page of the footer: About, Privacy notice, Accessibility statement..."""

    introduction = models.TextField(
        blank=True, help_text=_("One or two plain sentences: what this page tells people.")
    )
    body = StreamField(BodyStreamBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True)

    override_translatable_fields = page_fields()
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["hub.HomePage"]
    subpage_types = []
    template = "trust/trust_page.html"

    class Meta:
        verbose_name = _("trust page")
        verbose_name_plural = _("trust pages")


class ContactPage(RoutablePageMixin, Page):
    """A contact form that sends one email and keeps nothing (trust.contact)."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])
    thank_you = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown once a message has been sent."),
    )

    override_translatable_fields = page_fields()
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("thank_you")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "trust/contact_page.html"

    class Meta:
        verbose_name = _("contact page")

    @path("", name="contact")
    def contact_form(self, request):
        return contact.contact(request, self)

    @path("sent/", name="contact_sent")
    def contact_sent(self, request):
        return contact.sent(request, self)
