"""{% filter glossary:page %}...{% endfilter %}: the first use of each term marked up.

Wrap a page's whole body in one filter, so "first" means first on the page. The terms are those
of the language the page's content is written in (an untranslated alias is still the source's).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from glossary.markup import mark_first_uses
from glossary.models import GlossaryPage, GlossaryTerm

register = template.Library()


def content_locale_id(page):
    if page.alias_of_id and page.alias_of.locale_id != page.locale_id:
        return page.alias_of.locale_id
    return page.locale_id


@register.filter(is_safe=True)
def glossary(html, page):
    if not isinstance(page, Page):
        return html
    locale_id = content_locale_id(page)
    terms = list(GlossaryTerm.objects.filter(locale_id=locale_id))
    if not terms:
        return html
    glossary_page = GlossaryPage.objects.live().public().filter(locale_id=locale_id).first()
    glossary_url = glossary_page.url if glossary_page else ""
    # The hub's own rendered HTML is safe; anything else is escaped before it is marked up.
    return mark_safe(mark_first_uses(conditional_escape(html), terms, glossary_url))  # noqa: S308
