"""Pages of other sections that speak to a subject, such as a theme or a framework element.

A section may not import the apps beside it (the layers in pyproject.toml), yet a theme's page
should list stories and a framework element's page toolkits. Each content app registers a
function on the `hub_related_pages` hook; the page asking calls `related_pages` with its subject,
its language and the keywords its own content carries, and shows whatever comes back.

A hook function takes (subject, locale_id, keywords), where keywords is a set of lower-case
keyword names, and returns a RelatedPages or None when it has nothing to say about the subject.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Lower
from taggit.models import Tag
from wagtail import hooks

RELATED_PAGES_HOOK = "hub_related_pages"


@dataclass
class RelatedPages:
    heading: str
    card_template: str  # renders one page, given as `page`
    pages: list = field(default_factory=list)
    hint: str = ""


def related_pages(subject, locale_id, keywords):
    """The non-empty RelatedPages every registered app offers for the subject."""
    found = []
    for offer in hooks.get_hooks(RELATED_PAGES_HOOK):
        related = offer(subject=subject, locale_id=locale_id, keywords=keywords)
        if related is not None and related.pages:
            found.append(related)
    return found


def sharing_keywords(pages, keywords, tag_relation="tagged_items"):
    """`pages` carrying any of the lower-case keyword names, most shared first.

    Names are compared without case: one section's "Peer Support" is another's "peer support".
    """
    tag_ids = Tag.objects.annotate(folded=Lower("name")).filter(folded__in=keywords).values("pk")
    shared = Count(tag_relation, filter=Q(**{f"{tag_relation}__tag_id__in": tag_ids}))
    return pages.annotate(shared=shared).filter(shared__gt=0).order_by("-shared", "title")
