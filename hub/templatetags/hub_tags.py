"""Template tags for the site chrome: navigation, breadcrumbs and language links."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

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


def live_versions(context):
    """{language code: live page} for the current page (or, off the page tree, the home page)."""
    page = context.get("page")
    if not isinstance(page, Page):
        page = localized_home(context.get("request"))
    if page is None:
        return {}
    if "_hub_live_versions" not in context.render_context:
        versions = page.get_translations(inclusive=True).live().select_related("locale")
        context.render_context["_hub_live_versions"] = {
            version.locale.language_code: version for version in versions
        }
    return context.render_context["_hub_live_versions"]


def language_name(code):
    """A language's name in that language ("Cymraeg", "Español"), as a switcher should show it."""
    with translation.override(code):
        return str(dict(settings.LANGUAGES)[code])


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language it exists in."""
    request = context.get("request")
    current = translation.get_language()
    versions = live_versions(context)
    links = [
        {
            "code": code,
            "label": language_name(code),
            "url": versions[code].get_url(request=request),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
        if code in versions
    ]
    return {"links": links if len(links) > 1 else [], "request": request}


@register.inclusion_tag("includes/alternates.html", takes_context=True)
def hreflang_alternates(context):
    """<link rel="alternate" hreflang> for each language version, for search engines."""
    request = context.get("request")
    versions = live_versions(context)
    alternates = [
        {"code": code, "url": page.get_full_url(request=request)} for code, page in versions.items()
    ]
    default = versions.get(settings.LANGUAGE_CODE)
    return {
        "alternates": alternates if len(alternates) > 1 else [],
        "default_url": default.get_full_url(request=request) if default else None,
    }


@register.simple_tag(takes_context=True)
def page_language(context):
    """The language the page's content is written in: its locale, else the interface language."""
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale.language_code
    return translation.get_language()
