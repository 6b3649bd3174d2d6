"""Template tags for the site chrome: navigation, breadcrumbs and language links."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.apps import apps
from django.conf import settings
from django.db.models import F, Q, Subquery
from django.utils import translation
from django.utils.text import capfirst
from wagtail.models import Locale, Page, Site

from hub.keywords import keyword_names
from hub.models import HubSettings, SiteText

register = template.Library()


def chrome_cache(request):
    """A dict kept on the request, so the header, menu, breadcrumbs and switcher share lookups
    (every page renders them; their queries count on every listing)."""
    if request is None:
        return {}
    if not hasattr(request, "_hub_chrome"):
        request._hub_chrome = {}
    return request._hub_chrome


def language_of(page, request):
    """The language code of a page's locale, without a query per page."""
    cache = chrome_cache(request)
    if "codes" not in cache:
        cache["codes"] = dict(Locale.objects.values_list("pk", "language_code"))
    return cache["codes"].get(page.locale_id) or page.locale.language_code


def default_home(request):
    """The default language's home page: Wagtail's site root."""
    cache = chrome_cache(request)
    if "default_home" not in cache:
        site = Site.find_for_request(request) if request else None
        if site is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        cache["default_home"] = site.root_page if site else None
    return cache["default_home"]


def localized_home(request):
    """The home page in the active language, falling back to the default site's root page."""
    cache = chrome_cache(request)
    language = translation.get_language()
    if cache.get("home_language") != language:
        home = default_home(request)
        cache["home"] = localized_page(home, request) if home else None
        cache["home_language"] = language
    return cache["home"]


def localized_page(page, request):
    """`page.localized` (its live translation in the active language, else itself), with the
    active locale read from the request's cache rather than asked for once per link."""
    language = translation.get_language()
    if language_of(page, request) == language:
        return page
    codes = chrome_cache(request)["codes"]  # filled by language_of
    locale_id = next((pk for pk, code in codes.items() if code == language), None)
    found = page.get_translation_or_none(locale_id) if locale_id is not None else None
    return found if found is not None and found.live else page


@register.simple_tag(takes_context=True)
def home_page(context):
    return localized_home(context.get("request"))


def url_in_language(url, from_code, to_code):
    """`url` with its language prefix (/en/...) swapped for another's (/cy/...)."""
    parts = urlsplit(url or "")
    prefix = f"/{from_code}/"
    if from_code == to_code or not parts.path.startswith(prefix):
        return url
    return urlunsplit(parts._replace(path=f"/{to_code}/{parts.path[len(prefix) :]}"))


def visitor_url(page, request):
    """Where a link to `page` should go to keep the visitor in the interface language.

    A page of the default language that has no live translation in the visitor's language is
    linked at the visitor's prefix (/cy/...), where hub.views serves it with a Welsh interface
    and a note; any other page is linked at its own URL.
    """
    url = page.get_url(request=request)
    if language_of(page, request) == settings.LANGUAGE_CODE:
        return url_in_language(url, settings.LANGUAGE_CODE, translation.get_language())
    return url


@register.simple_tag(takes_context=True)
def localized_url(context, page):
    """The URL of `page` in the visitor's language: its live translation, else the page itself
    at the visitor's prefix (see visitor_url)."""
    if not isinstance(page, Page):
        return ""
    request = context.get("request")
    return visitor_url(localized_page(page, request), request)


@register.simple_tag(takes_context=True)
def visitor_pageurl(context, page):
    """Wagtail's `pageurl`, keeping the visitor's language: a default-language page (an
    untranslated one, listed or linked on a page shown in Welsh) is linked at the visitor's
    prefix, where hub.views serves it with their interface. No query, unlike localized_url,
    so listings may use it for every card."""
    if not isinstance(page, Page):
        return ""
    return visitor_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def visitor_routablepageurl(context, page, url_name, *args, **kwargs):
    """Wagtail's `routablepageurl` at the visitor's prefix (see visitor_pageurl): the story form
    and the self-assessment stay in the visitor's language on an untranslated section."""
    route = page.reverse_subpage(url_name, args=args, kwargs=kwargs)
    return visitor_url(page, context.get("request")) + route


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The sections of the visitor's language, with the default language's where one is
    untranslated (linked at the visitor's prefix and marked with the language it is in)."""
    request = context.get("request")
    home = localized_home(request)
    if home is None:
        return {"items": [], "request": request}
    sections = list(home.get_children().live().public().in_menu())
    fallback_home = default_home(request)
    if fallback_home is not None and fallback_home.pk != home.pk:
        translated = {section.translation_key: section for section in sections}
        originals = fallback_home.get_children().live().public().in_menu()
        merged = [translated.pop(original.translation_key, original) for original in originals]
        sections = merged + list(translated.values())  # sections that exist only in this language
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    language = translation.get_language()
    items = []
    for section in sections:
        section_language = language_of(section, request)
        items.append(
            {
                "page": section,
                "url": visitor_url(section, request),
                "lang": section_language if section_language != language else "",
                "active": bool(current_path) and current_path.startswith(section.path),
            }
        )
    return {"home": home, "items": items, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The way back up. On a page shown in another language than the interface's (untranslated),
    each ancestor is shown in the interface language where it is translated, else linked at the
    visitor's prefix with its title marked as the language it is in."""
    page = context.get("page")
    request = context.get("request")
    language = translation.get_language()
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2))
    if ancestors and language_of(page, request) != language:
        translated = {
            version.translation_key: version
            for version in Page.objects.live()
            .public()
            .filter(
                translation_key__in=[ancestor.translation_key for ancestor in ancestors],
                locale__language_code=language,
            )
        }
        ancestors = [translated.get(ancestor.translation_key, ancestor) for ancestor in ancestors]
    page_lang = language_of(page, request) if isinstance(page, Page) else language

    def lang_of(item):
        item_lang = language_of(item, request)
        return item_lang if item_lang != language else ""

    return {
        "ancestors": [
            {"page": item, "url": visitor_url(item, request), "lang": lang_of(item)}
            for item in ancestors
        ],
        "page": page,
        "lang": page_lang if page_lang != language else "",
        "request": request,
    }


@register.simple_tag(takes_context=True)
def search_page(context):
    """The search page of the visitor's language, for the header search box."""
    search_page_model = apps.get_model(settings.HUB_SEARCH_PAGE_MODEL)
    request = context.get("request")
    home = localized_home(request)
    if home is None:
        return None
    found = search_page_model.objects.child_of(home).live().first()
    fallback_home = default_home(request)
    if found is None and fallback_home is not None and fallback_home.pk != home.pk:
        # Not translated yet: the default language's, linked with localized_url.
        found = search_page_model.objects.child_of(fallback_home).live().first()
    return found


def is_translation(page):
    """False for an alias of a page in another language (wagtail-localize's placeholders for
    untranslated pages): its content is still the other language's."""
    return page.alias_of_id is None or page.alias_of.locale_id == page.locale_id


def content_page(context):
    page = context.get("page")
    if not isinstance(page, Page):
        page = localized_home(context.get("request"))
    return page


def live_versions(context):
    """{language code: live, public page} for the current page (or, off the page tree, the home
    page) in each language it is translated into. Drafts, private pages and untranslated
    aliases are left out; the page being shown is always in (its visitor may see it)."""
    # Kept on the request: <head>, the header (an include, with its own render context) and the
    # untranslated-page note all ask.
    page = content_page(context)
    cache = chrome_cache(context.get("request"))
    key = ("versions", page.pk if page is not None else None)
    if key not in cache:
        versions = {}
        if page is not None:
            translations = (
                page.get_translations()
                .live()
                .public()
                .filter(Q(alias_of__isnull=True) | Q(alias_of__locale_id=F("locale_id")))
                .select_related("locale")
            )
            versions = {version.locale.language_code: version for version in translations}
            if page.live and is_translation(page):
                versions[language_of(page, context.get("request"))] = page
        cache[key] = versions
    return cache[key]


def shown_remainder(context):
    """What the request's address adds to the page's own: a routable page's sub-path (a step of
    the story form) and the query string (a search, a listing's filters). The switcher carries
    it to the other languages, so switching never loses a search, a filter or a form step."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return ""
    remainder = ""
    if isinstance(page, Page):
        page_path = urlsplit(page.get_url(request=request) or "").path
        # The page may be served at the visitor's prefix (an untranslated page, hub.views).
        shown_path = url_in_language(
            page_path, language_of(page, request), translation.get_language()
        )
        for path in (shown_path, page_path):
            if path and request.path.startswith(path):
                remainder = request.path[len(path) :]
                break
    query = request.META.get("QUERY_STRING", "")
    return remainder + (f"?{query}" if query else "")


def version_links(context):
    """[{code, label, url, current, translated}] for every language, in settings.LANGUAGES order.

    A language the page is live in links to that version; any other links to the default
    language's version at that language's prefix, which hub.views serves with that language's
    interface and a note (so the switcher offers every language on every page). A page with no
    version in the default language offers only the languages it exists in.
    """
    request = context.get("request")
    current = translation.get_language()
    versions = live_versions(context)
    remainder = shown_remainder(context)
    fallback = versions.get(settings.LANGUAGE_CODE)
    fallback_url = fallback.get_url(request=request) if fallback is not None else None
    links = []
    for code, _name in settings.LANGUAGES:
        if code in versions:
            url = versions[code].get_url(request=request)
        elif fallback_url and code != current:
            url = url_in_language(fallback_url, settings.LANGUAGE_CODE, code)
        elif code != current:
            continue
        else:
            url = ""
        links.append(
            {
                "code": code,
                "label": language_name(code),
                "url": url + remainder if url else "",
                "current": code == current,
                "translated": code in versions,
            }
        )
    return links


def language_name(code):
    """A language's name in that language ("Cymraeg", "Español"), as a switcher should show it.

    From Django's own table of languages, so it does not depend on any translation catalogue.
    """
    return capfirst(translation.get_language_info(code)["name_local"])


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every other language (see version_links); the interface language
    is marked as the current one (even on an untranslated page, which base.html explains)."""
    links = version_links(context)
    has_other = any(not link["current"] for link in links)
    return {"links": links if has_other else [], "request": context.get("request")}


@register.inclusion_tag("includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """Says the page is not in the visitor's language, and links the versions that exist."""
    return {
        "language": translation.get_language(),
        "links": [
            link for link in version_links(context) if link["translated"] and not link["current"]
        ],
    }


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
        if not is_translation(page):
            return page.alias_of.locale.language_code
        return language_of(page, context.get("request"))
    return translation.get_language()


@register.simple_tag(takes_context=True)
def site_text(context):
    """The site text (site name, support box, contact details, footer) in the visitor's
    language, else in the default language with `lang` set to that language so the page marks
    it; None if the settings point at none. One query, kept on the request."""
    request = context.get("request")
    cache = chrome_cache(request)
    language = translation.get_language()
    if cache.get("site_text_language") != language:
        cache["site_text"] = localized_site_text(request, language)
        cache["site_text_language"] = language
    return cache["site_text"]


def localized_site_text(request, language):
    hub_settings = HubSettings.for_request(request) if request is not None else None
    if hub_settings is None or hub_settings.site_text_id is None:
        return None
    source = SiteText.objects.filter(pk=hub_settings.site_text_id).values("translation_key")
    versions = {
        text.locale.language_code: text
        for text in SiteText.objects.filter(
            translation_key=Subquery(source),
            locale__language_code__in={language, settings.LANGUAGE_CODE},
        ).select_related("locale")
    }
    text = versions.get(language) or versions.get(settings.LANGUAGE_CODE)
    if text is None:  # the settings point at a text of another language that is not translated
        text = SiteText.objects.select_related("locale").get(pk=hub_settings.site_text_id)
    text.lang = "" if text.locale.language_code == language else text.locale.language_code
    return text


@register.simple_tag(takes_context=True)
def keyword_name(context, tag):
    """A keyword's name in the language of the page's content (hub.keywords): Welsh on a Welsh
    case study, English on an English page shown at /cy/ (marked English there). One query per
    language per request, whatever the number of keywords."""
    language = page_language(context)
    cache = chrome_cache(context.get("request"))
    names = cache.setdefault("keyword_names", {})
    if language not in names:
        names[language] = keyword_names(language)
    return names[language].get(tag.slug, tag.name)
