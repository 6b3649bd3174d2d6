"""Admin rules for toolkits: a forum's draft guides stay within the forum's reviewers."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from hub.page_privacy import PRIVATE_PAGES_HOOK
from hub.principle_sections import PRINCIPLE_SECTIONS_HOOK
from toolkits.models import GuidePage, ToolkitPage
from toolkits.privacy import hidden_forum_guides

hooks.register(PRIVATE_PAGES_HOOK, hidden_forum_guides)


@hooks.register(PRINCIPLE_SECTIONS_HOOK)
def toolkits_for_principle(page, case_studies):
    """A principle page lists the toolkits and guides that help grow its principle."""
    pages = []
    for model in (ToolkitPage, GuidePage):
        pages += (
            model.objects.live()
            .public()
            .filter(locale_id=page.locale_id, principles__key=page.principle.key)
            .prefetch_related("tagged_items__tag")
            .distinct()
        )
    pages.sort(key=lambda item: item.title.lower())
    for item in pages:
        item.keyword_list = sorted((tagged.tag for tagged in item.tagged_items.all()), key=str)
    return {
        "key": "toolkits",
        "order": 10,
        "heading": _("Toolkits and guides for this principle"),
        "pages": pages[:12],
        "card": "toolkits/includes/practical_card.html",
    }
