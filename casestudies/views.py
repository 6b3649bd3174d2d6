"""Admin views for the catalogue taxonomy, in the shared Taxonomy menu (hub.taxonomy_admin)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from casestudies.models import (
    ClientGroup,
    Framework,
    FrameworkElement,
    FundingMechanism,
    Sector,
    SourceReport,
    Theme,
)
from hub.taxonomy_admin import TAXONOMY_MENU_HOOK


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]
    menu_hook = TAXONOMY_MENU_HOOK
    menu_order = 3  # after the hub's principles and life factors


class ClientGroupViewSet(SnippetViewSet):
    model = ClientGroup
    icon = "group"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]
    menu_hook = TAXONOMY_MENU_HOOK
    menu_order = 4


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "folder-open-inverse"
    list_display = ["name", "key", "order"]
    search_fields = ["name", "issue"]
    ordering = ["order", "name"]
    menu_hook = TAXONOMY_MENU_HOOK
    menu_order = 5


class FundingMechanismViewSet(SnippetViewSet):
    model = FundingMechanism
    icon = "form"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]
    search_fields = ["name", "description"]
    menu_hook = TAXONOMY_MENU_HOOK
    menu_order = 6


class SourceReportViewSet(SnippetViewSet):
    model = SourceReport
    icon = "doc-full"
    list_display = ["name", "publisher", "year", "key"]
    ordering = ["order", "name"]
    menu_hook = TAXONOMY_MENU_HOOK
    menu_order = 7


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "list-ul"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]
    menu_hook = TAXONOMY_MENU_HOOK
    menu_order = 8


class FrameworkElementViewSet(SnippetViewSet):
    model = FrameworkElement
    icon = "list-ol"
    list_display = ["name", "framework", "key", "order"]
    list_filter = ["framework"]
    ordering = ["framework__order", "order", "name"]
    search_fields = ["name", "description"]
    menu_hook = TAXONOMY_MENU_HOOK
    menu_order = 9
