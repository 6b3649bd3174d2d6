"""The contact form: one email to the hub's contact address, and nothing kept.

What people write goes from the form into one message and is then dropped: no model, no session,
no cache entry, no log line. Software is turned away by the honeypot and the per-address rate
limit that "Share your story" uses (hub.honeypot, hub.ratelimit); people are never given a
puzzle.
"""

import smtplib

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_protect

from hub import ratelimit
from hub.honeypot import HoneypotForm
from hub.models import HubSettings
from hub.public_forms import LengthLimits, mark_errors, no_store


class ContactForm(LengthLimits, HoneypotForm):
    name = forms.CharField(
        label=gettext_lazy("Your name (optional)"),
        max_length=100,
        required=False,
    )
    email = forms.EmailField(
        label=gettext_lazy("Your email address (optional)"),
        max_length=254,
        required=False,
        help_text=gettext_lazy("Only if you would like a reply. We use it to answer you, once."),
        error_messages={
            "invalid": gettext_lazy("Please write an email address like name@example.org.")
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Please write your message.")},
    )


def recipients(request):
    address = HubSettings.for_request(request).contact_email or settings.DEFAULT_FROM_EMAIL
    return [address]


def send_message(request, page, data):
    body = _("A message from the contact form of %(site)s:\n\n%(message)s\n\nFrom: %(name)s") % {
        "site": page.get_site().site_name or page.get_site().hostname,
        "message": data["message"],
        "name": data["name"] or _("(no name given)"),
    }
    message = EmailMessage(
        subject=_("Contact form: a message"),
        body=body,
        to=recipients(request),
        reply_to=[data["email"]] if data["email"] else None,
    )
    message.send()


def render(request, page, form, status=200, **extra):
    if form.is_bound:
        mark_errors(form)
    context = {
        "page": page,
        "self": page,
        "form": form,
        "forms": [form],
        "has_errors": form.is_bound and bool(form.errors),
        **extra,
    }
    return no_store(TemplateResponse(request, page.template, context, status=status))


@csrf_protect
def contact(request, page):
    if request.method != "POST":
        return render(request, page, ContactForm())
    form = ContactForm(request.POST)
    sent_url = page.get_url(request) + page.reverse_subpage("contact_sent")
    if form.caught():
        return HttpResponseRedirect(sent_url)  # thanked like anyone else; nothing is sent
    if not form.is_valid():
        return render(request, page, form, status=400)
    if not ratelimit.allow(request, "contact", ratelimit.CONTACT_LIMIT):
        return render(request, page, form, status=429, rate_limited=True)
    try:
        send_message(request, page, form.cleaned_data)
    except (smtplib.SMTPException, OSError):
        # Not logged: the error could carry the message. Everything typed stays in the form.
        return render(request, page, form, status=503, send_failed=True)
    return HttpResponseRedirect(sent_url)


def sent(request, page):
    context = {"page": page, "self": page}
    return no_store(TemplateResponse(request, "trust/contact_sent.html", context))
