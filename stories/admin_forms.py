"""The admin form of a story: consent fields for its author, checkboxes for content notes, and
life factors in the story's language (hub.admin_forms)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.admin_forms import TaxonomyInPageLanguageForm
from stories.choices import CONSENT_WORDING_VERSION, ContentNote, HowGiven
from stories.panels import CONSENT_FIELDS


class StoryPageForm(TaxonomyInPageLanguageForm):
    content_notes = forms.MultipleChoiceField(
        choices=ContentNote.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Content notes"),
        help_text=_("Shown before the story begins, so readers can choose."),
    )
    consent_publish_on_web = forms.BooleanField(
        required=False, label=_("I agree to my story being published on this website")
    )
    consent_translate = forms.BooleanField(
        required=False, label=_("I agree to my story being translated into other languages")
    )
    consent_quote_elsewhere = forms.BooleanField(
        required=False,
        label=_("I agree to parts of my story being quoted in training and reports"),
    )
    consent_how_given = forms.ChoiceField(
        choices=HowGiven.choices, initial=HowGiven.SELF, label=_("How I am giving consent")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.user_records_consent():
            for name in CONSENT_FIELDS:
                self.fields.pop(name, None)
            return
        consent = self.instance.get_consent()
        if consent is not None:
            self.initial.update(
                consent_publish_on_web=consent.publish_on_web,
                consent_translate=consent.translate,
                consent_quote_elsewhere=consent.quote_elsewhere,
                consent_how_given=consent.how_given,
            )

    def user_records_consent(self):
        """Only the story's author gives consent; a reviewer must never be able to grant it."""
        user = self.for_user
        if user is None or not user.is_authenticated:
            return False
        return self.instance.pk is None or self.instance.owner_id == user.pk

    def save(self, commit=True):
        if "consent_publish_on_web" in self.fields:
            consent = self.instance.consent_to_record()
            if any(name in self.changed_data for name in CONSENT_FIELDS) or consent.pk is None:
                # A changed answer is a new agreement, to today's words.
                consent.given_on = timezone.localdate()
                consent.wording_version = CONSENT_WORDING_VERSION
            consent.publish_on_web = self.cleaned_data["consent_publish_on_web"]
            consent.translate = self.cleaned_data["consent_translate"]
            consent.quote_elsewhere = self.cleaned_data["consent_quote_elsewhere"]
            consent.how_given = self.cleaned_data["consent_how_given"]
            # Saved with the page (StoryPage.save), which may not exist yet.
            self.instance._pending_consent = consent
        return super().save(commit=commit)
