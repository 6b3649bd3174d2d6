"""Template tags for the site chrome: navigation, breadcrumbs and language links."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


def localized_home(request):
    """The home page in the active language, falling back to the default site's root page."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def home_page(context):
    return localized_home(context.get("request"))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    home = localized_home(request)
    items = home.get_children().live().public().in_menu() if home else Page.objects.none()
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return {
        "home": home,
        "items": [
            {"page": item, "active": bool(current_path) and current_path.startswith(item.path)}
            for item in items
        ],
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = page.get_ancestors().filter(depth__gte=2)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def search_page(context):
    """The search page of the visitor's language, for the header search box."""
    from search.models import SearchPage

    home = localized_home(context.get("request"))
    if home is None:
        return None
    return SearchPage.objects.child_of(home).live().first()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language it exists in; otherwise to each language's home."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    links = []
    if isinstance(page, Page):
        versions = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    else:
        home = localized_home(request)
        versions = {}
        if home is not None:
            versions = {
                p.locale.language_code: p
                for p in home.get_translations(inclusive=True).live().select_related("locale")
            }
    for code, _name in settings.LANGUAGES:
        target = versions.get(code)
        if target is None:
            continue
        with translation.override(code):
            label = str(names[code])
        links.append(
            {
                "code": code,
                "label": label,
                "url": target.get_url(request=request),
                "current": code == current,
            }
        )
    return {"links": links if len(links) > 1 else [], "request": request}


@register.simple_tag
def active_locale():
    return Locale.get_active()
