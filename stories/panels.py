"""Admin panels for stories."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

CONSENT_FIELDS = (
    "consent_publish_on_web",
    "consent_translate",
    "consent_quote_elsewhere",
    "consent_how_given",
)


class ConsentPanel(Panel):
    """The story's consent record, read-only.

    Consent comes from the person who told the story, so only its author records it (through the
    consent fields of stories.admin_forms.StoryPageForm); moderators and everyone else see this
    summary and cannot change it.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Consent record"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/consent_panel.html"

        def is_shown(self):
            # The author sees the editable consent fields instead.
            return self.form is None or not any(name in self.form.fields for name in CONSENT_FIELDS)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            story = self.instance
            context["consent"] = story.get_consent() if story is not None else None
            return context
