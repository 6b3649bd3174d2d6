"""A honeypot for public forms: a box people never see, which form-filling software gives away.

No puzzles, nothing that harms access: a filled-in honeypot is thanked like a real sender and
nothing is kept or sent. The field is drawn by templates/includes/honeypot.html, hidden from
people and from assistive technology.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

FIELD_NAME = "website"


class HoneypotForm(forms.Form):
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def caught(self):
        """True when software filled in the box nobody can see."""
        return bool(self.data.get(self.add_prefix(FIELD_NAME), "").strip())
