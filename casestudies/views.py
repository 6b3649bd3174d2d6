"""Admin views for the catalogue taxonomy, listed in the Taxonomy menu (hub/wagtail_hooks.py)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from casestudies.models import ClientGroup, FundingMechanism, Sector, SourceReport, Theme


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


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "folder-open-inverse"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]


class FundingMechanismViewSet(SnippetViewSet):
    model = FundingMechanism
    icon = "form"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]
    search_fields = ["name", "description"]


class SourceReportViewSet(SnippetViewSet):
    model = SourceReport
    icon = "doc-full"
    list_display = ["name", "publisher", "year", "key"]
    ordering = ["order", "name"]
