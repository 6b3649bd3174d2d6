"""Admin for the shared taxonomy (one "Taxonomy" menu for all the terms editors keep), and the
admin's page privacy rule (hub.page_privacy) applied wherever Wagtail lists pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import AbstractPage
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casestudies.views import ClientGroupViewSet, SectorViewSet
from hub import translation_review  # noqa: F401 - registers the translators' review hooks
from hub.admin_bulk_actions import PRIVATE_BULK_ACTIONS
from hub.admin_dashboard import replace_page_panels
from hub.models import LifeFactor, Principle
from hub.page_privacy import PrivatePagesPermissionPolicy, visible_pages

# Replaces Wagtail's own page policy (registered for AbstractPage), before any admin view asks.
register_permission_policy(AbstractPage, PrivatePagesPermissionPolicy())


@hooks.register("construct_explorer_page_queryset")
def explorer_hides_private_pages(parent_page, pages, request):
    return visible_pages(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_private_pages(pages, request):
    return visible_pages(pages, request.user)


hooks.register("construct_homepage_panels", replace_page_panels)

for bulk_action in PRIVATE_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)  # after Wagtail's own


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
