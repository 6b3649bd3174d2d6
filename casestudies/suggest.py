"""'Suggest a case study': a public form that follows the hub's learning template.

It works like "Share your story": one page, no JavaScript needed, errors listed at the top and
tied to their fields, everything typed kept; the honeypot and the per-address rate limit turn
software away (hub.honeypot, hub.ratelimit). A sent suggestion is saved as a draft snippet and
goes straight into the Editors' review queue (casestudies.workflow); nothing is published.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect

from casestudies.choices import Country, Depth
from casestudies.suggestion_models import CaseStudySuggestion
from casestudies.workflow import ensure_suggestion_workflow
from hub import ratelimit
from hub.honeypot import HoneypotForm
from hub.models import Principle, Strength
from hub.public_forms import LengthLimits, mark_errors, no_store

NOT_SURE = ""


class SuggestionForm(LengthLimits, HoneypotForm):
    principles = ()  # set by form_for(): one strength and one "how" field per principle

    service_name = forms.CharField(
        label=_("Name of the service"),
        max_length=200,
        error_messages={"required": _("Please give the service's name.")},
    )
    what_it_does = forms.CharField(
        label=_("What the service does"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who it is for and what happens, in a few plain sentences."),
        error_messages={"required": _("Please say what the service does.")},
    )
    location = forms.CharField(
        label=_("Where it is"),
        max_length=200,
        help_text=_("A town, city or area."),
        error_messages={"required": _("Please say where the service is.")},
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("Choose a country"))] + list(Country.choices),
        error_messages={"required": _("Please choose a country.")},
    )
    who_took_part = forms.CharField(
        label=_("Who took part"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The people who use the service, staff, families, others: and how."),
        error_messages={"required": _("Please say who took part.")},
    )
    depth_level = forms.ChoiceField(
        label=_("How deep does the co-production go?"),
        choices=Depth.choices,
        initial=Depth.NOT_ASSESSED,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("Evidence of impact (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changed, with figures and where they come from if you have them."),
    )
    links = forms.CharField(
        label=_("Links (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Web addresses of reports or the service's own pages, one a line."),
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=100, required=False)
    contact_email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_(
            "Only so an editor can ask you about the suggestion. It is never published and "
            "is deleted with the suggestion."
        ),
        error_messages={
            "required": _("Please give an email address, so an editor can ask you about it."),
            "invalid": _("Please write an email address like name@example.org."),
        },
    )

    def principle_fields(self):
        return [
            (principle, self[f"strength_{principle.key}"], self[f"how_{principle.key}"])
            for principle in self.principles
        ]

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(lines, start=1):
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    _(
                        "Line %(number)d is not a web address: please write it like "
                        "https://example.org/report, or leave it out."
                    ),
                    params={"number": number},
                ) from None
        return "\n".join(lines)

    def principle_answers(self):
        return [
            {
                "key": principle.key,
                "strength": (
                    None
                    if self.cleaned_data[f"strength_{principle.key}"] == NOT_SURE
                    else int(self.cleaned_data[f"strength_{principle.key}"])
                ),
                "how": self.cleaned_data[f"how_{principle.key}"],
            }
            for principle in self.principles
        ]


def form_for(principles):
    """The form with a strength and a "how" field for each principle, in the visitor's language.

    Declared on a subclass (not added after __init__) so the length limits cover them too.
    """
    strengths = [(NOT_SURE, _("Not sure"))] + [(str(v), label) for v, label in Strength.choices]
    fields = {"principles": list(principles)}
    for principle in principles:
        fields[f"strength_{principle.key}"] = forms.ChoiceField(
            label=principle.name,
            help_text=principle.short_description,
            choices=strengths,
            required=False,
            initial=NOT_SURE,
            widget=forms.RadioSelect,
        )
        fields[f"how_{principle.key}"] = forms.CharField(
            label=_("What shows %(principle)s in this service? (optional)")
            % {"principle": principle.name},
            max_length=1000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return type("SuggestionForm", (SuggestionForm,), fields)


def save_suggestion(form):
    data = form.cleaned_data
    suggestion = CaseStudySuggestion(
        service_name=data["service_name"],
        what_it_does=data["what_it_does"],
        location=data["location"],
        country=data["country"],
        who_took_part=data["who_took_part"],
        principles=form.principle_answers(),
        depth_level=data["depth_level"],
        evidence=data["evidence"],
        links=data["links"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        language=translation.get_language() or "",
        live=False,
    )
    suggestion.save()
    suggestion.save_revision()
    ensure_suggestion_workflow().start(suggestion, user=None)
    return suggestion


def route_url(index_page, request, name):
    return index_page.get_url(request) + index_page.reverse_subpage(name)


def render(request, index_page, form, status=200, **extra):
    if form.is_bound:
        mark_errors(form)
    context = {
        "page": index_page,
        "form": form,
        "forms": [form],
        "has_errors": form.is_bound and bool(form.errors),
        **extra,
    }
    return no_store(
        TemplateResponse(request, "casestudies/suggest/form.html", context, status=status)
    )


@csrf_protect
def suggest(request, index_page):
    form_class = form_for(Principle.in_language(index_page.locale_id))
    if request.method != "POST":
        return render(request, index_page, form_class())
    form = form_class(request.POST)
    sent_url = route_url(index_page, request, "suggest_sent")
    if form.caught():
        return HttpResponseRedirect(sent_url)  # thanked like anyone else; nothing kept
    if not form.is_valid():
        return render(request, index_page, form, status=400)
    if not ratelimit.allow(request, "suggest", ratelimit.SUGGEST_LIMIT):
        return render(request, index_page, form, status=429, rate_limited=True)
    save_suggestion(form)
    return HttpResponseRedirect(sent_url)


def sent(request, index_page):
    context = {"page": index_page}
    return no_store(TemplateResponse(request, "casestudies/suggest/sent.html", context))
