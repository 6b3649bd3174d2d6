"""Suggestions in the admin: their listing (the review queue is Wagtail's workflow dashboard),
and the one action that turns an accepted suggestion into a draft case study."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import SnippetViewSet

from casestudies.drafting import NotReady, draft_case_study
from casestudies.suggestion_models import CaseStudySuggestion

CHANGE_PERMISSION = "casestudies.change_casestudysuggestion"


class SuggestionViewSet(SnippetViewSet):
    model = CaseStudySuggestion
    icon = "help"
    menu_label = gettext_lazy("Suggestions")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["service_name", "location", "submitted_at", "case_study"]
    list_filter = ["live", "country"]
    search_fields = ["service_name", "what_it_does"]


def can_draft(user, suggestion):
    return user.has_perm(CHANGE_PERMISSION) and suggestion.accepted and not suggestion.case_study_id


def listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, CaseStudySuggestion) and can_draft(user, snippet):
        yield Button(
            _("Create draft case study"),
            reverse("casestudies_suggestion_draft", args=[snippet.pk]),
            icon_name="doc-empty-inverse",
            priority=5,
        )


def make_draft(request, pk):
    """GET: say what will happen; POST: create the draft and open it in the editor."""
    suggestion = get_object_or_404(CaseStudySuggestion, pk=pk)
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        try:
            page = draft_case_study(suggestion, request.user)
        except NotReady:
            messages.error(
                request, _("Only an accepted suggestion without a draft can become one.")
            )
            return redirect(reverse("wagtailsnippets_casestudies_casestudysuggestion:list"))
        messages.success(request, _("Draft case study created from the suggestion."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "casestudies/admin/suggestion_draft.html",
        {"suggestion": suggestion, "ready": can_draft(request.user, suggestion)},
    )
