"""The stories index on hub.listing: newest first, by life factor and keyword.

The facets are what StoryPage declares (`listing_facets`); the columns of its exports are
documented in docs/data.md. Exports carry what the cards show: the pseudonym, never a contact.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hub.listing.export import Column
from hub.listing.listing import Listing, Sort
from stories.models import StoryPage

STORIES_PER_PAGE = 12


def full_url(page, request):
    return page.get_full_url(request)


class StoryListing(Listing):
    """Live, public stories under one index."""

    model = StoryPage
    per_page = STORIES_PER_PAGE
    sorts = {"newest": Sort(_("Newest first"), ("-first_published_at", "-pk"))}
    card_template = "stories/includes/story_listing_card.html"
    export_columns = [
        Column("title", lambda page, request: page.title),
        Column("url", full_url),
        Column("told_by", lambda page, request: page.display_name),
        Column("region", lambda page, request: page.region),
        Column("illustrative", lambda page, request: "yes" if page.is_illustrative else "no"),
        Column(
            "life_factors",
            lambda page, request: "; ".join(f.key for f in page.life_factors.all()),
        ),
        Column(
            "keywords",
            lambda page, request: "; ".join(i.tag.name for i in page.tagged_items.all()),
        ),
        Column(
            "first_published_at",
            lambda page, request: (
                page.first_published_at.isoformat() if page.first_published_at else ""
            ),
        ),
    ]

    def results_count(self, count):
        return ngettext("%(counter)s story", "%(counter)s stories", count) % {"counter": count}

    def feed_description(self, page):
        return page.about_me

    def with_related(self, pages):
        return pages.prefetch_related("life_factors", "tagged_items__tag")
