"""Link previews (Open Graph, Twitter cards) and the "Cite, print, share" box.

    {% load sharing_tags %}
    {% social_meta %}             in <head>: title, description, address, preview picture
    {% cite_and_share page %}     on a citable page: APA text, BibTeX/RIS, print, copy, email

Nothing here loads anything from another site: sharing is a link to copy and a mailto: link.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from hub.absolute_urls import absolute_url
from hub.citation import apa, citation_for, page_address
from hub.templatetags.wedge_tags import build_segments

register = template.Library()


def description_of(page):
    text = page.search_description or getattr(page, "summary", "") or ""
    if not text:
        text = strip_tags(str(getattr(page, "introduction", "") or ""))
    return Truncator(" ".join(str(text).split())).chars(300)


def wedge_alt(page, principles):
    ratings = "; ".join(
        f"{segment['principle'].name}: {segment['strength_label']}"
        for segment in build_segments(page.rating_map(), principles)
    )
    return _("How strongly this service shows each principle: %(ratings)s") % {"ratings": ratings}


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    page = context.get("page")
    if not isinstance(page, Page):
        return {}
    request = context.get("request")
    meta = {
        "title": page.seo_title or page.title,
        "description": description_of(page),
        "url": page_address(page, request),
        "type": "article" if getattr(page, "citable", False) else "website",
        "locale": page.locale.language_code if page.locale_id else "",
    }
    if getattr(page, "has_wedge_preview", False):
        meta["image"] = absolute_url(reverse("wedge_preview", args=[page.pk]))
        meta["image_alt"] = wedge_alt(page, context.get("principles"))
    return {"meta": meta}


@register.inclusion_tag("includes/cite_share.html", takes_context=True)
def cite_and_share(context, page):
    request = context.get("request")
    citation = citation_for(page, request)
    subject = page.title
    body = f"{page.title}\n{citation.url}"
    return {
        "citation": citation,
        "apa": apa(citation),
        "bibtex_url": reverse("cite", args=[page.pk, "bib"]),
        "ris_url": reverse("cite", args=[page.pk, "ris"]),
        "mailto": f"mailto:?subject={quote(subject)}&body={quote(body)}",
        "page_id": page.pk,
    }
