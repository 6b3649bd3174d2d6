"""The steps of "Share your story", one plain form each.

Every field says what it is for in everyday words; every error says what to do next.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.honeypot import HoneypotForm
from hub.public_forms import LengthLimits
from stories.choices import ContentNote, HowGiven, Region, Setting, Voice
from stories.holding import UploadBudget, hold
from stories.uploads import clean_picture

MAX_MOMENTS = 8


class AboutForm(LengthLimits, forms.Form):
    name_choice = forms.ChoiceField(
        label=_("What name should we show?"),
        choices=[
            ("pseudonym", _("A made-up name (a pseudonym). This keeps you private.")),
            ("first_name", _("My own first name")),
        ],
        initial="pseudonym",
        widget=forms.RadioSelect,
    )
    pseudonym = forms.CharField(
        label=_("Made-up name"),
        required=False,
        max_length=60,
        help_text=_("For example 'Sky' or 'J'. Not your real name."),
    )
    first_name = forms.CharField(label=_("Your first name"), required=False, max_length=40)
    title = forms.CharField(
        label=_("A title for your story (you can leave this empty)"),
        required=False,
        max_length=120,
        help_text=_("For example 'My Tuesday'."),
    )
    about_me = forms.CharField(
        label=_("Tell us a little about you"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you like, what matters to you. Please do not write your address."),
        error_messages={"required": _("Please write a few words about you.")},
    )
    region = forms.ChoiceField(
        label=_("Where do you live?"),
        choices=Region.choices,
        initial=Region.NOT_SAID,
        help_text=_("Only the region. Never your address."),
    )
    setting = forms.ChoiceField(
        label=_("Is it a city, a town or the countryside?"),
        choices=Setting.choices,
        initial=Setting.NOT_SAID,
    )
    voice = forms.ChoiceField(
        label=_("Who is writing this story?"),
        choices=[
            (Voice.OWN_WORDS, _("Me, in my own words")),
            (Voice.WITH_SUPPORTER, _("Me, with help from a supporter")),
            (Voice.FAMILY_MEMBER, _("A family member, telling it for me")),
        ],
        initial=Voice.OWN_WORDS,
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean()
        choice = data.get("name_choice")
        if choice == "pseudonym" and not data.get("pseudonym", "").strip():
            self.add_error(
                "pseudonym", _("Please write a made-up name, or choose your first name.")
            )
        if choice == "first_name" and not data.get("first_name", "").strip():
            self.add_error(
                "first_name", _("Please write your first name, or choose a made-up name.")
            )
        return data


class MomentForm(LengthLimits, forms.Form):
    time_of_day = forms.CharField(
        label=_("When"),
        required=False,
        max_length=60,
        help_text=_("For example '8am' or 'After lunch'."),
    )
    what_happens = forms.CharField(
        label=_("What happens"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    picture = forms.FileField(
        label=_("A picture (you can leave this out)"),
        required=False,
        help_text=_(
            "JPEG or PNG, smaller than 5 MB. Please no faces of other people. We remove hidden "
            "details such as where the photo was taken."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    picture_alt = forms.CharField(
        label=_("Describe the picture"),
        required=False,
        max_length=250,
        help_text=_("For people who cannot see it. For example 'My dog asleep on the sofa'."),
    )
    remove_picture = forms.BooleanField(label=_("Remove this picture"), required=False)

    def __init__(self, *args, stored_picture=None, budget=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_picture = stored_picture
        self.new_picture = None  # the holding-area key of a picture sent with this request
        self.budget = budget or UploadBudget(0)

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        if upload:
            self.budget.check(upload.size)
            cleaned = clean_picture(upload)
            self.budget.take(upload.size)
            self.new_picture = hold(cleaned, upload.size)
        return None  # the upload itself never goes further than this form

    def has_picture(self):
        removing = (
            self.cleaned_data.get("remove_picture") if hasattr(self, "cleaned_data") else False
        )
        return bool(self.new_picture or (self.stored_picture and not removing))

    def clean(self):
        data = super().clean()
        time_of_day = data.get("time_of_day", "").strip()
        what_happens = data.get("what_happens", "").strip()
        if self.has_picture() and not data.get("picture_alt", "").strip():
            self.add_error("picture_alt", _("Please describe the picture in a few words."))
        if time_of_day and not what_happens:
            self.add_error("what_happens", _("Please say what happens at this time."))
        if what_happens and not time_of_day:
            self.add_error("time_of_day", _("Please say when this happens."))
        if (
            self.has_picture()
            and not (time_of_day or what_happens)
            and "picture" not in self.errors
        ):
            self.add_error("what_happens", _("Please say what happens with this picture."))
        return data

    def is_empty(self):
        data = getattr(self, "cleaned_data", {})
        return not (data.get("time_of_day") or data.get("what_happens") or self.has_picture())


def require_a_moment(moment_forms):
    """An empty day says so, on the first moment, instead of a page with no message."""
    if all(form.is_valid() and form.is_empty() for form in moment_forms):
        first = moment_forms[0]
        first.add_error(
            "time_of_day",
            _("Please tell us about at least one moment of your day: when it is and what happens."),
        )


class MattersForm(LengthLimits, forms.Form):
    life_factors = forms.MultipleChoiceField(
        label=_("Which of these are part of your story?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose any that fit. You can choose none."),
    )
    passions = forms.CharField(
        label=_("What do you love doing?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hopes = forms.CharField(
        label=_("What do you hope for?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_helps = forms.CharField(
        label=_("What helps you?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    what_gets_in_the_way = forms.CharField(
        label=_("What gets in the way?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    content_notes = forms.MultipleChoiceField(
        label=_("Does your story talk about any of these?"),
        required=False,
        choices=ContentNote.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("We show a gentle warning before the story, so readers can choose."),
    )

    def __init__(self, *args, factors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["life_factors"].choices = [(f.key, f.name) for f in factors]


class ConsentForm(forms.Form):
    publish_on_web = forms.BooleanField(
        label=_("Yes, you can put my story on this website."),
        error_messages={
            "required": _(
                "We can only share your story on the website if you say yes here. If you are "
                "not sure, you can stop now: nothing is saved until you press Send."
            )
        },
    )
    translate = forms.BooleanField(
        label=_("Yes, you can translate my story into Welsh and Spanish."), required=False
    )
    quote_elsewhere = forms.BooleanField(
        label=_("Yes, you can use parts of my story in training and reports."), required=False
    )
    how_given = forms.ChoiceField(
        label=_("Who is saying yes?"),
        choices=[
            (HowGiven.SELF, _("Me, the person in the story")),
            (HowGiven.WITH_SUPPORTER, _("Me, with help from a supporter")),
            (HowGiven.BY_PROXY, _("Someone else, for the person in the story")),
        ],
        initial=HowGiven.SELF,
        widget=forms.RadioSelect,
    )


class SendForm(HoneypotForm):
    """The last step: only the honeypot (hub.honeypot)."""


class EmailLinkForm(LengthLimits, forms.Form):
    """An address to send the private link to, once. It is never saved (stories.link_email)."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send one message with the link, then forget the address."),
        error_messages={
            "required": _("Please write the email address to send the link to."),
            "invalid": _("Please write an email address like name@example.org."),
        },
    )
