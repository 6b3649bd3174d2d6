"""An RSS feed of the newest toolkits and guides of one language: live, public pages only."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from toolkits.models import GuidePage, ToolkitPage

FEED_LENGTH = 20
NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)


class GuideFeed(Feed):
    description = _("New and updated toolkits and guides for co-production.")

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_url(self.request)

    def items(self):
        pages = []
        for model in (ToolkitPage, GuidePage):
            # .public() leaves out every page under a view restriction (members-only pages).
            pages += list(
                model.objects.descendant_of(self.index_page)
                .live()
                .public()
                .filter(locale_id=self.index_page.locale_id)
                .order_by(F("first_published_at").desc(nulls_last=True), "-pk")[:FEED_LENGTH]
            )
        pages.sort(key=lambda page: self.item_pubdate(page) or NEVER, reverse=True)
        return pages[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at or item.last_published_at
