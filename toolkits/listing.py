"""The toolkit index's listing: toolkits and guides filtered by audience, principle and keyword.

The filters are a plain GET form, so every view of the listing is a shareable URL and works
without JavaScript. The section holds tens to a few hundred pages, so both page types are loaded
once with their principles and keywords prefetched (a fixed number of queries), then filtered in
Python; the keyword options are the keywords those pages actually use. Values that match nothing
we offer are ignored with a note to the visitor, never an error.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from hub.keywords import keyword_names
from hub.listing.query import display_query
from toolkits.assessment import principles_in_order
from toolkits.models import Audience, GuidePage, LearningForumPage, ToolkitPage

PER_PAGE = 24


@dataclass
class Choice:
    value: str
    label: str
    selected: bool = False


@dataclass
class Filter:
    name: str
    label: str
    any_label: str
    choices: list = field(default_factory=list)
    selected: str = ""

    @property
    def selected_label(self):
        return next((c.label for c in self.choices if c.value == self.selected), "")


class ToolkitListing:
    def __init__(self, index_page, data):
        self.index_page = index_page
        self.data = data
        self.ignored = []
        pages = self._load()
        self.filters = self._filters(pages)
        self.is_filtered = any(f.selected for f in self.filters)
        self.results = [page for page in pages if self._matches(page)]
        self.page = Paginator(self.results, PER_PAGE).get_page(data.get("page"))

    def _load(self):
        forums = {
            forum.path: forum
            for forum in LearningForumPage.objects.descendant_of(self.index_page).live().public()
        }
        pages = []
        for model in (ToolkitPage, GuidePage):
            queryset = (
                model.objects.descendant_of(self.index_page)
                .live()
                .public()
                .filter(locale_id=self.index_page.locale_id)
                .prefetch_related("principles", "tagged_items__tag")
            )
            for page in queryset:
                page.principle_keys = {p.key for p in page.principles.all()}
                page.keyword_list = sorted(
                    (item.tag for item in page.tagged_items.all()), key=lambda t: t.name
                )
                page.keyword_slugs = {tag.slug for tag in page.keyword_list}
                page.listed_forum = forums.get(page.path[: -page.steplen])
                pages.append(page)
        pages.sort(key=lambda page: page.title.lower())
        return pages

    def _read(self, name, allowed):
        raw = self.data.get(name, "").strip()
        if not raw:
            return ""
        if raw in allowed:
            return raw
        self.ignored.append(display_query(raw)[:60])
        return ""

    def _filters(self, pages):
        names = keyword_names(locale_id=self.index_page.locale_id)
        keywords = {}
        for page in pages:
            for tag in page.keyword_list:
                keywords[tag.slug] = names.get(tag.slug, tag.name)
        filters = [
            Filter(
                "audience",
                _("Who it is for"),
                _("Anyone"),
                [Choice(value, label) for value, label in Audience.choices],
            ),
            Filter(
                "principle",
                _("Principle"),
                _("Any principle"),
                [Choice(p.key, p.name) for p in principles_in_order(self.index_page.locale_id)],
            ),
            Filter(
                "keyword",
                _("Keyword"),
                _("Any keyword"),
                [Choice(slug, name) for slug, name in sorted(keywords.items(), key=lambda i: i[1])],
            ),
        ]
        for item in filters:
            item.selected = self._read(item.name, {c.value for c in item.choices})
            for choice in item.choices:
                choice.selected = choice.value == item.selected
        return filters

    def _matches(self, page):
        audience, principle, keyword = (f.selected for f in self.filters)
        # A page for everyone suits every audience.
        if audience and page.audience not in (audience, Audience.EVERYONE):
            return False
        if principle and principle not in page.principle_keys:
            return False
        return not keyword or keyword in page.keyword_slugs
