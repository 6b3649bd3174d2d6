"""A case study suggested by a visitor, waiting for an editor.

It is a snippet that goes through the "Case study suggestions" workflow (casestudies.workflow):
every suggestion lands first in the Editors' review queue, and approving it marks it accepted
(live). An accepted suggestion becomes a draft case study in one action (casestudies.drafting);
nothing a visitor writes is published as it is. The contact details are there only so an
editor can ask a question; they go with the suggestion when it is deleted.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from casestudies.choices import Country, Depth


class CaseStudySuggestion(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    service_name = models.CharField(_("name of the service"), max_length=200)
    what_it_does = models.TextField(_("what the service does"))
    location = models.CharField(_("where it is"), max_length=200)
    country = models.CharField(_("country"), max_length=20, choices=Country.choices)
    who_took_part = models.TextField(_("who took part"))
    # [{"key": principle key, "strength": 0-3 or None (not sure), "how": what the visitor saw}]
    principles = models.JSONField(_("the six principles"), default=list, blank=True)
    depth_level = models.CharField(
        _("depth"), max_length=20, choices=Depth.choices, default=Depth.NOT_ASSESSED
    )
    evidence = models.TextField(_("evidence of impact"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address a line."))
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"))
    language = models.CharField(_("language written in"), max_length=10, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    case_study = models.ForeignKey(
        "casestudies.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("draft case study made from it"),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="casestudysuggestion")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="casestudysuggestion",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("service_name"),
        FieldPanel("what_it_does"),
        FieldRowPanel([FieldPanel("location"), FieldPanel("country")]),
        FieldPanel("who_took_part"),
        FieldPanel("principles"),
        FieldPanel("depth_level"),
        FieldPanel("evidence"),
        FieldPanel("links"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")
        ),
        FieldPanel("case_study", read_only=True),
    ]
    search_fields = [
        index.SearchField("service_name"),
        index.SearchField("what_it_does"),
        index.AutocompleteField("service_name"),
    ]

    class Meta:
        verbose_name = _("case study suggestion")
        verbose_name_plural = _("case study suggestions")
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.service_name

    @property
    def revisions(self):
        return self._revisions

    @property
    def accepted(self):
        return self.live
