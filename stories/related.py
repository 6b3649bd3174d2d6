"""Stories for the pages of other sections (hub.related): those sharing their keywords."""

from django.utils.translation import gettext_lazy as _

from hub.related import RelatedPages, sharing_keywords
from stories.models import StoryPage

RELATED_STORIES = 6


def stories_sharing_keywords(subject, locale_id, keywords):
    """Published stories in the language that carry any of the keywords, most shared first."""
    stories = sharing_keywords(
        StoryPage.objects.live().public().filter(locale_id=locale_id), keywords
    ).prefetch_related("life_factors")
    return RelatedPages(
        heading=_("Stories"),
        hint=_("Stories told by people with lived experience that share keywords with these."),
        card_template="stories/includes/story_listing_card.html",
        pages=list(stories[:RELATED_STORIES]),
    )
