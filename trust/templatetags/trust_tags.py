"""Links to the trust pages (About, Contact, Privacy notice, Accessibility statement).

Every page's footer shows them, so they are looked up once per content generation and language
and kept in the shared page-cache store (hub.page_cache.generation): a new generation, started
by any publish, makes the list fresh, and a page view costs no query for it.
"""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from hub.page_cache import generation
from hub.templatetags.hub_tags import url_in_language
from trust.models import ContactPage, TrustPage

register = template.Library()


def trust_pages(language):
    """[(title, path, language of the page)] in tree order: the visitor's language's version of
    each page, or the default language's where it is not translated."""
    found = (
        Page.objects.live()
        .public()
        .type(TrustPage, ContactPage)
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("path")
    )
    chosen = {}
    order = []
    for page in found:
        key = page.translation_key
        if key not in chosen:
            order.append(key)
        if key not in chosen or page.locale.language_code == language:
            chosen[key] = page
    links = []
    for key in order:
        page = chosen[key]
        url = page.get_url()
        page_language = page.locale.language_code
        if page_language != language:
            url = url_in_language(url, page_language, language)
        links.append(
            {
                "title": page.title,
                "url": url,
                "lang": "" if page_language == language else page_language,
                "contact": page.specific_class is ContactPage,
            }
        )
    return links


def cached_links(language):
    key = f"trust:footer:{generation.current()}:{language}"
    links = generation.cache().get(key)
    if links is None:
        links = trust_pages(language)
        generation.cache().set(key, links, settings.HUB_PAGE_CACHE_SECONDS or None)
    return links


@register.inclusion_tag("trust/footer_links.html")
def footer_links():
    return {"links": cached_links(translation.get_language())}


@register.simple_tag
def contact_page_url():
    """The contact page in the visitor's language ('' if there is none)."""
    for link in cached_links(translation.get_language()):
        if link["contact"]:
            return link["url"]
    return ""
