"""A part of a page's own template, drawn once per revision, language and content change.

    {% load kept_tags %}
    {% kept_for page "wedge" %}{% wedge page.rating_map ... %}{% endkept_for %}

The part may show only the page's own content, the taxonomy and the site (not the visitor, not
the query string). It is kept in the page cache (hub.page_cache.fragments) under the page's
revision, the visitor's language and the content generation, which taxonomy changes replace.
A preview is always drawn afresh: it shows what is not yet saved under any revision.
"""

from django import template
from django.utils.translation import get_language

from hub.page_cache.fragments import Fragments

register = template.Library()


class KeptForPageNode(template.Node):
    def __init__(self, nodelist, page, name):
        self.nodelist, self.page, self.name = nodelist, page, name

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False) or page is None:
            return self.nodelist.render(context)
        parts = Fragments()
        published = page.last_published_at.isoformat() if page.last_published_at else ""
        key = parts.key(
            "page part",
            self.name,
            page.pk,
            page.latest_revision_id,
            published,
            get_language(),
            request.get_host(),
        )
        return parts.get_or_make(key, lambda: self.nodelist.render(context))


@register.tag
def kept_for(parser, token):
    try:
        _tag, page, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError('usage: {% kept_for page "name" %}') from None
    nodelist = parser.parse(("endkept_for",))
    parser.delete_first_token()
    return KeptForPageNode(nodelist, parser.compile_filter(page), name.strip("\"'"))
