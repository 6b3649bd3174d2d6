"""The toolkit index's listing on hub.listing: toolkits and guides (forum guides too), A to Z.

The facets are what ToolkitPage and GuidePage declare (audience, principle, keyword), offered
once for both; the columns of its exports are documented in docs/data.md.
"""

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hub.listing.export import Column
from hub.listing.listing import Sort
from hub.listing.page_types import SeveralTypesListing
from toolkits.models import GuidePage, LearningForumPage, ToolkitPage

PER_PAGE = 24


def joined(values):
    return "; ".join(values)


class ToolkitListing(SeveralTypesListing):
    """Live, public toolkits and guides anywhere under one toolkit index."""

    page_types = (ToolkitPage, GuidePage)
    per_page = PER_PAGE
    sorts = {"title": Sort(_("Title (A to Z)"), (Lower("title"), "pk"))}
    card_template = "toolkits/includes/practical_card.html"
    export_columns = [
        Column("title", lambda page, request: page.title),
        Column("url", lambda page, request: page.get_full_url(request)),
        Column("kind", lambda page, request: page._meta.model_name.removesuffix("page")),
        Column("audience", lambda page, request: page.audience),
        Column("summary", lambda page, request: page.summary),
        Column(
            "principles",
            lambda page, request: joined(sorted(p.key for p in page.principles.all())),
        ),
        Column("keywords", lambda page, request: joined(t.name for t in page.keyword_list)),
        Column("forum", lambda page, request: page.listed_forum.title if page.listed_forum else ""),
        Column("licence", lambda page, request: page.licence),
        Column("last_reviewed", lambda page, request: page.last_reviewed),
    ]

    def results_count(self, count):
        return ngettext(
            "%(counter)s toolkit or guide", "%(counter)s toolkits and guides", count
        ) % {"counter": count}

    def feed_description(self, page):
        return page.summary

    def with_related(self, pages):
        tags = pages.model.keywords.through.objects.select_related("tag").order_by("tag__name")
        return pages.prefetch_related("principles", Prefetch("tagged_items", queryset=tags))

    def load(self, ids):
        """The pages, each with its keywords and the learning forum it came from (one query)."""
        pages = super().load(ids)
        forum_paths = {page.path[: -page.steplen] for page in pages if isinstance(page, GuidePage)}
        forums = {
            forum.path: forum
            for forum in LearningForumPage.objects.live().public().filter(path__in=forum_paths)
        }
        for page in pages:
            page.keyword_list = [item.tag for item in page.tagged_items.all()]
            page.listed_forum = forums.get(page.path[: -page.steplen])
        return pages
