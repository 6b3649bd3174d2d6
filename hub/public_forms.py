"""What every public form shares: private, uncached responses and errors tied to their fields.

Used by "Share your story", the contact form and "Suggest a case study".
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class LengthLimits:
    """Long answers are never cut short without a word.

    A maxlength attribute makes the browser drop whatever is typed or pasted past the limit, so
    it is left off: the server says, with the form and every word kept, how much is too much.
    Long answers get a character count (data-character-limit, counted live by
    static/js/share.js; without it the limit is said in words).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            limit = getattr(field, "max_length", None)
            if not limit:
                continue
            field.widget.attrs.pop("maxlength", None)
            field.error_messages["max_length"] = _(
                "Please make this shorter: it can have up to %(limit_value)d characters, and it "
                "has %(show_value)d."
            )
            if isinstance(field.widget, forms.Textarea):
                field.character_limit = limit
                field.widget.attrs["data-character-limit"] = str(limit)
                described = [f"{self[name].auto_id}_count"]
                if field.help_text:
                    described.insert(0, f"{self[name].auto_id}_helptext")
                field.widget.attrs["aria-describedby"] = " ".join(described)


def no_store(response):
    """Private pages: never cached, never indexed, never leak their URL to another site.

    The Cache-Control header also keeps the page cache away (hub.page_cache.public).
    "same-origin", not "no-referrer": with no referrer at all browsers send "Origin: null" on
    the form's own posts, which Django's CSRF check rightly refuses.
    """
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def mark_errors(form):
    """Tie each error message to its field for screen readers (ids used in field.html)."""
    for name in form.errors:
        if name not in form.fields:
            continue
        bound = form[name]
        ids = [f"{bound.auto_id}_error"]
        if form.fields[name].help_text:
            ids.append(f"{bound.auto_id}_helptext")
        if getattr(form.fields[name], "character_limit", None):
            ids.append(f"{bound.auto_id}_count")
        form.fields[name].widget.attrs.update(
            {"aria-invalid": "true", "aria-describedby": " ".join(ids)}
        )
