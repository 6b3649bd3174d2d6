"""Admin for the shared taxonomy: one "Taxonomy" menu for all the terms editors keep.

Apps add their own terms to the menu through Wagtail's submenu hook, TAXONOMY_MENU_HOOK (see
casestudies/views.py), so the shared base needs to know none of them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.models import Keyword, LifeFactor, Principle

TAXONOMY_MENU_HOOK = "register_taxonomy_menu_item"


class PrincipleViewSet(SnippetViewSet):
    model = Principle
    icon = "pick"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]
    search_fields = ["name", "short_description"]


class LifeFactorViewSet(SnippetViewSet):
    model = LifeFactor
    icon = "user"
    list_display = ["name", "key", "order"]
    ordering = ["order", "name"]


class KeywordViewSet(SnippetViewSet):
    """Keywords are made by tagging pages; here they are named in each language."""

    model = Keyword
    icon = "tag"
    list_display = ["name", "key", "locale"]
    ordering = ["name"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (PrincipleViewSet, LifeFactorViewSet, KeywordViewSet)
    submenu_hook = TAXONOMY_MENU_HOOK
