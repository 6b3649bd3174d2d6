"""Toolkits and guides for the pages of other sections (hub.related).

A framework element's page lists those tagged with the element; any other subject's page those
sharing its keywords.
"""

from django.utils.translation import gettext_lazy as _

from casestudies.models import FrameworkElement
from hub.related import RelatedPages, sharing_keywords
from toolkits.models import GuidePage, ToolkitPage

RELATED_TOOLKITS = 6


def _published(model, locale_id):
    return model.objects.live().public().filter(locale_id=locale_id)


def toolkits_for(subject, locale_id, keywords):
    if isinstance(subject, FrameworkElement):
        pages = [
            page
            for model in (ToolkitPage, GuidePage)
            for page in _published(model, locale_id)
            .filter(framework_elements__key=subject.key)
            .order_by("title")
        ]
        hint = _("Practical tools for putting this into practice.")
    else:
        pages = [
            page
            for model in (ToolkitPage, GuidePage)
            for page in sharing_keywords(_published(model, locale_id), keywords)
        ]
        pages.sort(key=lambda page: (-page.shared, page.title))
        hint = _("Practical tools that share keywords with these case studies.")
    return RelatedPages(
        heading=_("Toolkits and guides"),
        hint=hint,
        card_template="toolkits/includes/practical_card.html",
        pages=pages[:RELATED_TOOLKITS],
    )
