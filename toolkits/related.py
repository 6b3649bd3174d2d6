"""Toolkits and guides for the pages of other sections (hub.related).

A principle's page lists those naming the principle, a framework element's page those tagged
with the element; any other subject's page those sharing its keywords.
"""

from django.utils.translation import gettext_lazy as _

from casestudies.models import FrameworkElement
from hub.models import Principle
from hub.related import RelatedPages, sharing_keywords
from toolkits.models import GuidePage, ToolkitPage

RELATED_TOOLKITS = 6


def _published(model, locale_id):
    return model.objects.live().public().filter(locale_id=locale_id)


# The subjects whose toolkits and guides say outright that they show them.
NAMED_BY = {Principle: "principles__key", FrameworkElement: "framework_elements__key"}


def toolkits_for(subject, locale_id, keywords):
    lookup = NAMED_BY.get(type(subject))
    if lookup:
        pages = [
            page
            for model in (ToolkitPage, GuidePage)
            for page in _published(model, locale_id)
            .filter(**{lookup: subject.key})
            .prefetch_related("tagged_items__tag")
            .order_by("title")
            .distinct()
        ]
        pages.sort(key=lambda page: page.title.lower())
        hint = _("Practical tools for putting this into practice.")
    else:
        pages = [
            page
            for model in (ToolkitPage, GuidePage)
            for page in sharing_keywords(
                _published(model, locale_id).prefetch_related("tagged_items__tag"), keywords
            )
        ]
        pages.sort(key=lambda page: (-page.shared, page.title))
        hint = _("Practical tools that share keywords with these case studies.")
    for page in pages:
        page.keyword_list = sorted((tagged.tag for tagged in page.tagged_items.all()), key=str)
    return RelatedPages(
        heading=_("Toolkits and guides"),
        hint=hint,
        card_template="toolkits/includes/practical_card.html",
        pages=pages[:RELATED_TOOLKITS],
    )
