"""The catalogue's terms in the admin, inside the shared Taxonomy menu."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from casestudies.suggestion_admin import SuggestionViewSet, listing_buttons, make_draft
from casestudies.views import (
    ClientGroupViewSet,
    FundingMechanismViewSet,
    SectorViewSet,
    SourceReportViewSet,
    ThemeViewSet,
)

for viewset in (
    SectorViewSet,
    ClientGroupViewSet,
    ThemeViewSet,
    FundingMechanismViewSet,
    SourceReportViewSet,
):
    register_snippet(viewset)


# Visitors' suggestions, their review queue and the "create draft case study" action.
register_snippet(SuggestionViewSet)


@hooks.register("register_snippet_listing_buttons")
def suggestion_listing_buttons(snippet, user, next_url=None):
    yield from listing_buttons(snippet, user, next_url)


@hooks.register("register_admin_urls")
def suggestion_admin_urls():
    return [
        path(
            "suggestions/<int:pk>/draft-case-study/",
            make_draft,
            name="casestudies_suggestion_draft",
        )
    ]
