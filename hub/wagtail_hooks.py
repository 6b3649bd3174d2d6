"""The hub's admin: the Taxonomy menu, the translators' review hooks, the page privacy rule
(hub.page_privacy) applied wherever Wagtail lists pages; and pages marked shareable for the page
cache (hub.page_cache)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import AbstractPage
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub import translation_review  # noqa: F401 - registers the translators' review hooks
from hub.admin_bulk_actions import PRIVATE_BULK_ACTIONS
from hub.admin_dashboard import replace_page_panels
from hub.models import SiteText
from hub.page_cache.public import mark_public
from hub.page_privacy import PrivatePagesPermissionPolicy, visible_pages
from hub.taxonomy_admin import TaxonomyGroup

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

register_snippet(TaxonomyGroup)


class SiteTextViewSet(SnippetViewSet):
    """The site name, support box, contact details and footer: translated like any snippet."""

    model = SiteText
    icon = "doc-full"
    menu_label = _("Site text")
    add_to_settings_menu = True
    list_display = ["__str__", "locale"]


register_snippet(SiteTextViewSet)


@hooks.register("on_serve_page")
def mark_shareable_pages_public(next_serve_page):
    """Anonymous responses of unrestricted pages may be served from the page cache and a CDN."""

    def serve(page, request, args, kwargs):
        return mark_public(page, request, next_serve_page(page, request, args, kwargs))

    return serve
