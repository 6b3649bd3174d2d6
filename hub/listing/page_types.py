"""A listing of several page types together (toolkits and guides): one facet per name.

Each page type declares its facets (`listing_facets`) as it would for a listing of its own; the
facets they share by name are offered once. A facet's condition is "any of the types has it"
and its counts are each type's, added up (a page is of one type). Pages load one type at a
time, each with what its cards show: a fixed number of queries, however many pages there are.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from hub.listing.facets import FacetSpec
from hub.listing.listing import Listing


class OfType:
    """A listing seen as a listing of one of its page types, for that type's declarations."""

    def __init__(self, listing, model):
        self.listing = listing
        self.model = model

    def __getattr__(self, name):
        return getattr(self.listing, name)


@dataclass(frozen=True)
class EitherType(FacetSpec):
    """A facet that several page types declare under one name: `parts`, ((type, spec), ...)."""

    parts: tuple = ()

    @classmethod
    def of(cls, parts):
        first = parts[0][1]
        return cls(
            name=first.name,
            legend=first.legend,
            combine=first.combine,
            hint=first.hint,
            facet_class=first.facet_class,
            extra_template=first.extra_template,
            parts=tuple(parts),
        )

    def choices_for(self, listing):
        offered = [spec.choices_for(OfType(listing, model)) for model, spec in self.parts]
        choices = dict(offered[0])
        for more in offered[1:]:
            for value, label in more:
                choices.setdefault(value, label)
        choices = list(choices.items())
        if any(more != offered[0] for more in offered[1:]):
            # The types offer different values (their keywords): in alphabetical order.
            choices.sort(key=lambda choice: str(choice[1]).casefold())
        return choices

    def condition(self, listing, value):
        either = Q(pk__in=[])
        for model, spec in self.parts:
            either |= spec.condition(OfType(listing, model), value)
        return either

    def count(self, listing, name, pages):
        return [
            spec.count(
                OfType(listing, model), name, model.objects.filter(pk__in=pages.values("pk"))
            )
            for model, spec in self.parts
        ]


class SeveralTypesListing(Listing):
    """A listing of `page_types` anywhere under the index page (guides inside a forum too)."""

    model = Page
    page_types = ()

    def pages_under(self, index_page):
        return Page.objects.live().public().type(*self.page_types).descendant_of(index_page)

    def searchable_pages(self):
        return super().searchable_pages().type(*self.page_types)

    @property
    def facet_specs(self):
        """The page types' declarations, one EitherType per name, in the first type's order."""
        by_name = {}
        for model in self.page_types:
            for spec in model.listing_facets:
                by_name.setdefault(spec.name, []).append((model, spec))
        return [EitherType.of(parts) for parts in by_name.values()]

    def load(self, ids):
        wanted = set(ids)
        found = []
        for model in self.page_types:
            found += self.with_related(model.objects.filter(pk__in=wanted))
        return self.in_order(found, ids)
