"""Facets: what a page model declares in `listing_facets`, and what a listing binds them to.

A declaration (FieldFacet, RelatedFacet, KeywordFacet) names the URL parameter, the legend, how
the values are read from the pages and where the options come from. Bound to a listing it
becomes a Facet: the options offered, the values chosen, a condition (a Q) and a count (a GROUP
BY, see hub.listing.counting) written as queries over the listing's pages.

Facet semantics, the same on every listing:
- "all of these" facets are ticked boxes combined with AND: each one narrows. The count beside an
  option is how many of the current results also have it.
- "any of these" facets (keywords) are ticked boxes combined with OR, and single-choice facets are
  radio buttons. The count beside an option is how many results the option gives with the other
  facets unchanged.
Either way, a count says how many results the visitor would see after choosing the option.

The site search offers some of these facets too (SEARCHED_FACETS, by their `searched_as` names),
bound to a SearchScope rather than a listing. For a search engine, which counts with its own
aggregations, each page type declaring them indexes their values (search_facet_values).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from hub.keywords import keyword_label
from hub.listing.counting import counted
from hub.models import Strength

ALL, ANY, ONE = "all", "any", "one"

# The facets the site search offers besides the page type, by the names it gives them.
SEARCHED_FACETS = ("principle", "keyword", "depth", "life_factor")


@dataclass(frozen=True)
class SearchScope:
    """What a declaration is bound to in the site search, in place of a listing."""

    model: type  # the page type declaring the facet
    # A case study counts under a principle in the search when it shows it at least this strongly.
    strength: int = Strength.DEVELOPING


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


@dataclass
class Facet:
    """A declaration bound to one listing: its options, the chosen values, its queries."""

    spec: object
    listing: object
    choices: list  # (value, label)
    selected: list = field(default_factory=list)
    options: list = field(default_factory=list)

    name = property(lambda self: self.spec.name)
    legend = property(lambda self: self.spec.legend)
    hint = property(lambda self: self.spec.hint)
    combine = property(lambda self: self.spec.combine)

    @property
    def multiple(self):
        return self.combine != ONE

    @property
    def input_type(self):
        return "checkbox" if self.multiple else "radio"

    @property
    def counts_own_choices(self):
        """Whether the counts keep this facet's own choices ("all of these" facets do)."""
        return self.combine == ALL

    def label_for(self, value):
        return dict(self.choices).get(value, value)

    def chip(self, value):
        """(label, value label) saying exactly what choosing `value` applies."""
        return self.legend, self.label_for(value)

    def condition(self, value):
        return self.spec.condition(self.listing, value)

    def count(self, pages):
        return self.spec.count(self.listing, self.name, pages)

    def option_counts(self, counts):
        """{value: results} from the counted {value: pages}; a facet whose options overlap
        (an option that also takes the pages of another) adds them up here."""
        return counts

    def apply(self, pages, values=None):
        """The pages that have the chosen values (all of them, or any, as the facet combines)."""
        values = self.selected if values is None else values
        if not values:
            return pages
        if self.combine == ALL:
            for value in values:
                pages = pages.filter(self.condition(value))
            return pages
        either = Q()
        for value in values:
            either |= self.condition(value)
        return pages.filter(either)


@dataclass(frozen=True)
class FacetSpec:
    name: str
    legend: str
    # [(value, label)]; a callable(listing) giving them; or the name of the model field whose
    # choices they are
    choices: object = ()
    combine: str = ONE
    hint: str = ""
    facet_class: type = Facet
    extra_template: str = ""  # shown under the options (the principles' strength)
    # The site search's name for the facet, where it offers it under another ("life_factor")
    search_name: str = ""

    @property
    def searched_as(self):
        return self.search_name or self.name

    def choices_for(self, listing):
        """[(value, label)]: the options the facet offers on `listing` (may query)."""
        if isinstance(self.choices, str):
            return list(listing.model._meta.get_field(self.choices).choices)
        if callable(self.choices):
            return self.choices(listing)
        return list(self.choices)

    def search_values(self, scope, page):
        """The values `page` has for this facet, as the site search counts them (see
        search_facet_values); a declaration type says how it reads them."""
        raise NotImplementedError

    def bind(self, listing, choices=None):
        """The facet on `listing`, offering `choices` (by default, choices_for(listing))."""
        if choices is None:
            choices = self.choices_for(listing)
        return self.facet_class(spec=self, listing=listing, choices=choices)


@dataclass(frozen=True)
class FieldFacet(FacetSpec):
    """Pages by a field of theirs, or a field through a relation (`lookup`, e.g. "sector__key").

    `url_values` maps a URL value to the field's value where they differ ({"yes": True}).
    Conditions are subqueries rather than joins, so a page with several values is never counted
    twice and conditions on the same relation do not constrain each other.
    """

    lookup: str = ""
    url_values: dict | None = None

    def field_value(self, value):
        return self.url_values[value] if self.url_values else value

    def condition(self, listing, value):
        model = listing.model
        lookup = {self.lookup: self.field_value(value)}
        return Q(pk__in=model.objects.filter(**lookup).values("pk"))

    def search_values(self, scope, page):
        values = scope.model.objects.filter(pk=page.pk).values_list(self.lookup, flat=True)
        if self.url_values:
            url_value = {value: key for key, value in self.url_values.items()}
            return [url_value[value] for value in values if value in url_value]
        return [value for value in values if value not in (None, "")]

    def count(self, listing, name, pages):
        if self.url_values:
            value = Case(
                *(When(**{self.lookup: v}, then=Value(k)) for k, v in self.url_values.items())
            )
        else:
            value = F(self.lookup)
        return counted(name, pages, value)


@dataclass(frozen=True)
class RelatedFacet(FacetSpec):
    """Pages by rows of another model that point at them (`through`, an "app.Model" label)."""

    through: str = ""
    page_field: str = "content_object_id"
    value_field: str = "tag__slug"

    def rows(self, listing):
        """The rows that count; a subclass may narrow them (ratings at a strength or more)."""
        return apps.get_model(self.through).objects.all()

    def condition(self, listing, value):
        matching = self.rows(listing).filter(**{self.value_field: value})
        return Q(pk__in=matching.values(self.page_field))

    def search_values(self, scope, page):
        rows = self.rows(scope).filter(**{self.page_field: page.pk})
        return list(rows.values_list(self.value_field, flat=True).distinct())

    def count(self, listing, name, pages):
        rows = self.rows(listing).filter(**{f"{self.page_field}__in": pages.values("pk")})
        return counted(name, rows, F(self.value_field), self.page_field)


def keywords_of(through):
    """Choices: [(slug, name)] of the keywords the listing's pages carry, named in the listing's
    language (hub.keywords), by name (one query)."""

    def choices(listing):
        tags = (
            apps.get_model(through)
            .objects.filter(content_object_id__in=listing.candidates.values("pk"))
            .annotate(label=keyword_label(listing.locale_id, "tag__slug", "tag__name"))
            .values_list("tag__slug", "label")
            .distinct()
        )
        return sorted(tags, key=lambda tag: tag[1].casefold())

    return choices


def terms(model_label):
    """Choices: [(key, name)] of a taxonomy, in the listing's language (hub.models.TaxonomyTerm)."""

    def choices(listing):
        model = apps.get_model(model_label)
        return [(term.key, term.name) for term in model.in_language(listing.locale_id)]

    return choices


KEYWORD = _("Keyword")


def KeywordFacet(through, legend=KEYWORD):  # noqa: N802 - reads as the declaration it makes
    """The keyword facet of a page type: its tag table, "any of these" keywords."""
    return RelatedFacet(
        name="keyword",
        legend=legend,
        choices=keywords_of(through),
        combine=ANY,
        hint=_("Shows items with any of the keywords you tick."),
        through=through,
    )


def search_facet_values(page):
    """["facet=value"]: the values of the facets the site search offers, for a search engine.

    Assigned to a page model that declares such facets, and indexed as a FilterField (the name
    must be in the model's own class body: the engine names the field after the class defining
    it):
        search_fields = [..., index.FilterField("search_facet_values")]
        search_facet_values = search_facet_values
    The engine counts each facet by aggregating the values with its prefix
    (search/engine_facets.py); a few queries per page, when the page is indexed.
    """
    scope = SearchScope(type(page))
    return [
        f"{spec.searched_as}={value}"
        for spec in page.listing_facets
        if spec.searched_as in SEARCHED_FACETS
        for value in spec.search_values(scope, page)
    ]
