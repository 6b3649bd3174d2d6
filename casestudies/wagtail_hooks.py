"""The catalogue's terms in the admin, inside the shared Taxonomy menu."""

from wagtail.snippets.models import register_snippet

from casestudies.views import ClientGroupViewSet, SectorViewSet

register_snippet(SectorViewSet)
register_snippet(ClientGroupViewSet)
