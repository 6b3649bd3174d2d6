"""The catalogue's terms in the admin, inside the shared Taxonomy menu."""

from wagtail.snippets.models import register_snippet

from casestudies.views import (
    ClientGroupViewSet,
    FrameworkElementViewSet,
    FrameworkViewSet,
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
    FrameworkViewSet,
    FrameworkElementViewSet,
):
    register_snippet(viewset)
