"""'A day in the life' stories told by experts by experience.

A story belongs to the person who told it: its consent is data (ConsentRecord), it reaches the
public only through the moderated "Story review" workflow, and withdrawing it removes it for good
(stories.withdrawal), leaving only a StoryWithdrawal that says when and by whom, never what.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.listing.facets import FieldFacet, KeywordFacet, search_facet_values, terms
from hub.listing.pages import ListingPageMixin
from hub.localisation import page_fields
from hub.models import SectionPage
from hub.page_privacy import PrivatePagesMixin
from hub.routes import ViewRoutesMixin
from stories.admin_forms import StoryPageForm
from stories.blocks import StoryDayBlock
from stories.choices import (
    CONSENT_WORDING_VERSION,
    QUICK_EXIT_NOTES,
    ContentNote,
    HowGiven,
    Region,
    Setting,
    Voice,
)
from stories.panels import CONSENT_FIELDS, ConsentPanel


class ConsentRequired(PermissionDenied):
    """A story cannot go live without consent to publish it on the web."""


CONSENT_REQUIRED_MESSAGE = _(
    "This story cannot be published: the person who told it has not agreed to it being "
    "published on the website. Ask them, or leave it unpublished."
)


class StoryIndexPage(ListingPageMixin, ViewRoutesMixin, SectionPage):
    """Stories: listed newest first, filtered by life factor and keyword.

    It also serves the "Share your story" form and the contributors' private status pages as
    routes (stories.routes), so their URLs sit under the stories section in every language.
    """

    template = "stories/story_index_page.html"
    subpage_types = ["stories.StoryPage"]
    listing_class = "stories.listing.StoryListing"

    class Meta:
        verbose_name = _("story index page")


class StoryPageTag(TaggedItemBase):
    """Keywords of stories, from the one Tag vocabulary shared across the hub."""

    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(PrivatePagesMixin, Page):
    """One person's day, in their words."""

    pseudonym = models.CharField(
        max_length=60,
        blank=True,
        help_text=_("The name shown with the story. Required unless they chose their first name."),
    )
    use_first_name = models.BooleanField(
        default=False,
        verbose_name=_("Show their own first name instead of a pseudonym"),
    )
    first_name = models.CharField(max_length=40, blank=True)
    about_me = models.TextField(max_length=1500, verbose_name=_("About me"))
    region = models.CharField(
        max_length=20, choices=Region.choices, default=Region.NOT_SAID, verbose_name=_("Region")
    )
    setting = models.CharField(
        max_length=20,
        choices=Setting.choices,
        default=Setting.NOT_SAID,
        verbose_name=_("City, town or countryside"),
    )
    day = StreamField(StoryDayBlock(), verbose_name=_("The day"))
    life_factors = ParentalManyToManyField(
        "hub.LifeFactor", blank=True, related_name="stories", verbose_name=_("life factors")
    )
    passions = models.TextField(blank=True, max_length=2000, verbose_name=_("What I love doing"))
    hopes = models.TextField(blank=True, max_length=2000, verbose_name=_("My hopes"))
    what_helps = models.TextField(blank=True, max_length=2000, verbose_name=_("What helps"))
    what_gets_in_the_way = models.TextField(
        blank=True, max_length=2000, verbose_name=_("What gets in the way")
    )
    easy_read_summary = models.TextField(
        blank=True,
        max_length=2000,
        verbose_name=_("Easy read summary"),
        help_text=_("Short sentences and everyday words."),
    )
    content_notes = models.JSONField(
        default=list,
        blank=True,
        verbose_name=_("content notes"),
        help_text=_("Shown before the story begins, so readers can choose."),
    )
    voice = models.CharField(
        max_length=20, choices=Voice.choices, default=Voice.OWN_WORDS, verbose_name=_("Whose voice")
    )
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("audio recording"),
    )
    audio_transcript = models.TextField(blank=True, verbose_name=_("transcript of the audio"))
    keywords = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("keywords"))
    is_illustrative = models.BooleanField(
        default=False,
        verbose_name=_("Illustrative composite"),
        help_text=_(
            "A fictional story put together from several experiences, not one real person. "
            "Shown on the page."
        ),
    )

    # The name shown is the contributor's choice, the same in every language; life factors are
    # data (hub.localisation shows them in the page's language). The ConsentRecord is not a field
    # of the page: it is never copied or translated, a translation shares the source's
    # (get_consent, by translation key).
    override_translatable_fields = page_fields(
        SynchronizedField("pseudonym", overridable=False),
        SynchronizedField("first_name", overridable=False),
        SynchronizedField("life_factors", overridable=False),
    )
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("pseudonym"),
                FieldRowPanel([FieldPanel("use_first_name"), FieldPanel("first_name")]),
                FieldPanel("about_me"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("setting")]),
                FieldPanel("voice"),
            ],
            heading=_("About me"),
        ),
        FieldPanel("content_notes"),
        FieldPanel("day"),
        MultiFieldPanel(
            [
                FieldPanel("life_factors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("passions"),
                FieldPanel("hopes"),
                FieldPanel("what_helps"),
                FieldPanel("what_gets_in_the_way"),
                FieldPanel("keywords"),
            ],
            heading=_("What matters"),
        ),
        FieldPanel("easy_read_summary"),
        MultiFieldPanel([FieldPanel("audio"), FieldPanel("audio_transcript")], heading=_("Audio")),
        FieldPanel("is_illustrative"),
    ]

    listing_facets = [
        # By key: a translated story may still be tagged with the source language's factors.
        FieldFacet(
            name="factor",
            legend=_("Life factor"),
            choices=terms("hub.LifeFactor"),
            lookup="life_factors__key",
            search_name="life_factor",
        ),
        KeywordFacet("stories.StoryPageTag"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("pseudonym", boost=2),
        index.SearchField("about_me"),
        index.SearchField("day"),
        index.SearchField("passions"),
        index.SearchField("hopes"),
        index.SearchField("what_helps"),
        index.SearchField("what_gets_in_the_way"),
        index.SearchField("easy_read_summary"),
        index.SearchField("audio_transcript"),
        index.RelatedFields("keywords", [index.SearchField("name", boost=2)]),
        index.RelatedFields("life_factors", [index.SearchField("name")]),
        index.FilterField("is_illustrative"),
        index.FilterField("search_facet_values"),
    ]
    search_facet_values = search_facet_values  # the search engine counts facets by them

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Story")),
            ObjectList(
                [ConsentPanel(), *[FieldPanel(name) for name in CONSENT_FIELDS]],
                heading=_("Consent"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    # Adds the consent fields for the story's own author and the content note checkboxes.
    base_form_class = StoryPageForm

    def __str__(self):
        return self.title

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if self.is_illustrative:
            return str(_("%(title)s (illustrative composite)") % {"title": title})
        return title

    @property
    def display_name(self):
        return self.first_name if self.use_first_name else self.pseudonym

    citable = True  # "Cite this" (hub.citation), under the name the storyteller chose

    def citation_authors(self):
        return [self.display_name]

    @property
    def offers_quick_exit(self):
        """Whether the story's content notes warn of abuse or violence (stories.choices)."""
        return bool(QUICK_EXIT_NOTES.intersection(self.content_notes or []))

    def get_content_notes_display(self):
        labels = dict(ContentNote.choices)
        return [labels[key] for key in self.content_notes or [] if key in labels]

    def clean(self):
        super().clean()
        errors = {}
        if self.use_first_name and not self.first_name.strip():
            errors["first_name"] = _("Give the first name to show, or untick the box.")
        if not self.use_first_name and not self.pseudonym.strip():
            errors["pseudonym"] = _("Give a pseudonym: a name that is not their real one.")
        if self.audio_id and not self.audio_transcript.strip():
            errors["audio_transcript"] = _("Add a transcript so everyone can read the audio.")
        unknown = set(self.content_notes or []) - set(ContentNote.values)
        if unknown:
            errors["content_notes"] = _("Choose content notes from the list.")
        if errors:
            raise ValidationError(errors)

    # Consent ----------------------------------------------------------------------------------

    def get_consent(self):
        """The consent in force: one being recorded in the admin form, else the stored one."""
        pending = getattr(self, "_pending_consent", None)
        if pending is not None:
            return pending
        if self.pk is None:
            return None
        # A translation shares the consent of the story it was translated from.
        return (
            ConsentRecord.objects.filter(story__translation_key=self.translation_key)
            .order_by(models.Case(models.When(story_id=self.pk, then=0), default=1))
            .first()
        )

    def consent_to_record(self):
        """The record the admin form fills in (stories.admin_forms): the one in force, or new."""
        return self.get_consent() or ConsentRecord()

    @property
    def may_be_published(self):
        consent = self.get_consent()
        if consent is None or not consent.publish_on_web:
            return False
        is_translation = consent.story_id is not None and consent.story_id != self.pk
        return consent.translate or not is_translation

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        pending = getattr(self, "_pending_consent", None)
        if pending is not None:
            pending.story = self
            pending.save()
            self._pending_consent = None
        return result

    def publish(self, revision, *args, **kwargs):
        # The last line of defence: every path to going live (the admin's publish button, a
        # workflow approval, scheduled publishing) ends here or in the before_publish_page hook.
        if not self.may_be_published:
            raise ConsentRequired(str(CONSENT_REQUIRED_MESSAGE))
        return super().publish(revision, *args, **kwargs)


class ConsentRecord(models.Model):
    """What the person who told a story agreed to, when, how, and to which words."""

    story = models.OneToOneField(StoryPage, on_delete=models.CASCADE, related_name="consent")
    publish_on_web = models.BooleanField(_("publish on this website"), default=False)
    translate = models.BooleanField(_("translate into other languages"), default=False)
    quote_elsewhere = models.BooleanField(
        _("quote in training, reports and other publications"), default=False
    )
    given_on = models.DateField(_("date given"), default=timezone.localdate)
    how_given = models.CharField(
        _("how consent was given"), max_length=20, choices=HowGiven.choices, default=HowGiven.SELF
    )
    wording_version = models.CharField(
        _("consent wording version"), max_length=20, default=CONSENT_WORDING_VERSION
    )

    class Meta:
        verbose_name = _("consent record")

    def __str__(self):
        return str(_("Consent given on %(date)s") % {"date": self.given_on})

    def scopes(self):
        """The scopes as (label, granted) pairs, for display to moderators."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in ("publish_on_web", "translate", "quote_elsewhere")
        ]


class StoryReference(models.Model):
    """The private link a contributor without an account keeps. Only a hash of it is stored."""

    story = models.OneToOneField(
        StoryPage, on_delete=models.CASCADE, related_name="private_reference"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("private story reference")

    def __str__(self):
        return str(_("Private reference"))


class StoryWithdrawal(models.Model):
    """All that remains of a withdrawn story: that one was withdrawn, when, and by whom."""

    class By(models.TextChoices):
        CONTRIBUTOR = "contributor", _("The contributor")
        MODERATOR = "moderator", _("A moderator")

    withdrawn_on = models.DateField(default=timezone.localdate)
    by = models.CharField(max_length=20, choices=By.choices)

    class Meta:
        verbose_name = _("story withdrawal")
        ordering = ["-withdrawn_on", "-pk"]

    def __str__(self):
        return f"{self.withdrawn_on} ({self.get_by_display()})"


def holding_storage():
    """Private files: a folder outside MEDIA_ROOT that no URL serves."""
    return FileSystemStorage(location=settings.STORY_HOLDING_ROOT, base_url=None)


class HeldPicture(models.Model):
    """A cleaned picture of a story not sent yet, kept out of the session (stories.holding).

    Only its random key is in the contributor's session; the row says nothing about who sent it.
    """

    key = models.CharField(max_length=64, unique=True)
    file = models.FileField(storage=holding_storage, max_length=200)
    picture_format = models.CharField(max_length=4)
    upload_bytes = models.PositiveIntegerField(
        help_text=_("The size of the file as it was sent, counted against the story's cap.")
    )
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("picture of an unsent story")

    def __str__(self):
        return str(_("Picture of an unsent story"))
