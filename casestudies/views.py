"""Admin views for the catalogue taxonomy, listed in the Taxonomy menu (hub/wagtail_hooks.py)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from casestudies.models import ClientGroup, Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]


class ClientGroupViewSet(SnippetViewSet):
    model = ClientGroup
    icon = "group"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]
