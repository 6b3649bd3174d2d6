"""Admin for the shared taxonomy: one "Taxonomy" menu for all the terms editors keep."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casestudies.views import ClientGroupViewSet, SectorViewSet
from hub import translation_review  # noqa: F401 - registers the translators' review hooks
from hub.models import LifeFactor, Principle
from hub.page_cache.public import mark_public


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
    items = (PrincipleViewSet, LifeFactorViewSet, SectorViewSet, ClientGroupViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("on_serve_page")
def mark_shareable_pages_public(next_serve_page):
    """Anonymous responses of unrestricted pages may be served from the page cache and a CDN."""

    def serve(page, request, args, kwargs):
        return mark_public(page, request, next_serve_page(page, request, args, kwargs))

    return serve
