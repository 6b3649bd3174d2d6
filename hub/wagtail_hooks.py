"""Admin for the shared taxonomy: one "Taxonomy" menu for all the terms editors keep."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casestudies.views import (
    ClientGroupViewSet,
    FundingMechanismViewSet,
    SectorViewSet,
    SourceReportViewSet,
    ThemeViewSet,
)
from hub import translation_review  # noqa: F401 - registers the translators' review hooks
from hub.models import LifeFactor, Principle


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


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (
        PrincipleViewSet,
        LifeFactorViewSet,
        SectorViewSet,
        ClientGroupViewSet,
        ThemeViewSet,
        FundingMechanismViewSet,
        SourceReportViewSet,
    )


register_snippet(TaxonomyGroup)
