"""Reading a listing's query string with django-filter, leniently.

Every view of a listing is a plain GET query string, so it can be bookmarked and shared and the
form works without JavaScript. An old link or a typing slip must still give a useful page, so a
value that is not offered (an unknown keyword, strength "abc") is left out and reported to the
visitor in `ignored`, never an error.
"""

import django_filters
from django.http import QueryDict

from hub.listing.facets import ONE
from hub.listing.query import display_query

MAX_VALUES = 50  # of one parameter: a longer list is not something a visitor ticked


def unchanged(queryset, name, value):
    """Parameters that shape the listing (order, strength, words) but filter nothing here."""
    return queryset


class ListingFilterSet(django_filters.FilterSet):
    """A facet's filter for each bound facet, a choice for each parameter, `q` for words."""

    def __init__(self, data, queryset, facets, parameters, searchable=False):
        super().__init__(data if data is not None else QueryDict(), queryset)
        for facet in facets:
            apply = self._applier(facet)
            if facet.multiple:
                self.filters[facet.name] = django_filters.MultipleChoiceFilter(
                    choices=facet.choices, method=apply
                )
            else:
                self.filters[facet.name] = django_filters.ChoiceFilter(
                    choices=facet.choices, method=apply
                )
        for name, choices in parameters.items():
            self.filters[name] = django_filters.ChoiceFilter(choices=choices, method=unchanged)
        if searchable:
            self.filters["q"] = django_filters.CharFilter(method=unchanged)
        self.ignored = []
        self.data = self._lenient(self.data, {facet.name: facet for facet in facets})

    @staticmethod
    def _applier(facet):
        def apply(queryset, name, value):
            return facet.apply(queryset, value if isinstance(value, list) else [value])

        return apply

    def _lenient(self, data, facets):
        """The query string with only the values offered; the others noted in `ignored`."""
        kept = QueryDict(mutable=True)
        for name, filter_ in self.filters.items():
            choices = filter_.extra.get("choices")
            allowed = None if choices is None else {str(value) for value, _label in choices}
            values = []
            for raw in data.getlist(name)[:MAX_VALUES]:
                value = raw.strip()
                if not value or value in values:
                    continue
                if allowed is None or value in allowed:
                    values.append(value)
                else:
                    self.ignored.append((name, display_query(raw)[:60]))
            multiple = name in facets and facets[name].combine != ONE
            kept.setlist(name, values if multiple else values[:1])
        return kept

    def value(self, name, default=None):
        """The cleaned value of a parameter, or `default` when none was given."""
        self.form.is_valid()
        return self.form.cleaned_data.get(name) or default

    def selected(self, name):
        self.form.is_valid()
        value = self.form.cleaned_data.get(name) or []
        return value if isinstance(value, list) else [value]
