"""The facets case studies and resources declare (their `listing_facets`).

Declarations only, naming models by label so that models.py can use them: the engine
(hub.listing) binds them to a listing and counts them.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from hub.listing.facets import ALL, Facet, FieldFacet, KeywordFacet, RelatedFacet, terms
from hub.models import Strength

# What a principle's strength filter offers; "any rating" (emerging or stronger) by default.
DEFAULT_STRENGTH = Strength.EMERGING
STRENGTH_LABELS = {
    Strength.EMERGING: _("Any rating"),
    Strength.DEVELOPING: _("Developing or stronger"),
    Strength.STRONG: _("Strong"),
}
# How an active-filter chip says it: "Mutuality: developing or stronger".
STRENGTH_CHIPS = {
    Strength.EMERGING: _("any rating"),
    Strength.DEVELOPING: _("developing or stronger"),
    Strength.STRONG: _("strong"),
}


class RatedPrinciple(Facet):
    def chip(self, value):
        return self.label_for(value), STRENGTH_CHIPS[self.listing.strength]


@dataclass(frozen=True)
class PrincipleFacet(RelatedFacet):
    """Case studies showing every ticked principle at the chosen strength or more."""

    def rows(self, listing):
        return super().rows(listing).filter(strength__gte=listing.strength)


def framework_element_choices(listing):
    """[(key, "Framework: element")] in the listing's language, in two queries."""
    elements = apps.get_model("casestudies.FrameworkElement").in_language(listing.locale_id)
    # Every language's version of the frameworks the elements point at, the listing's own
    # language's name winning (as in TaxonomyTerm.in_language).
    frameworks = apps.get_model("casestudies.Framework").objects.filter(
        pk__in={element.framework_id for element in elements}
    ) | apps.get_model("casestudies.Framework").objects.filter(locale_id=listing.locale_id)
    key_of, name_of, order_of = {}, {}, {}
    for framework in sorted(frameworks, key=lambda f: f.locale_id == listing.locale_id):
        key_of[framework.pk] = framework.key
        name_of[framework.key] = framework.name
        order_of[framework.key] = framework.order
    elements = sorted(elements, key=lambda e: (order_of[key_of[e.framework_id]], e.order, e.name))
    return [
        (element.key, f"{name_of[key_of[element.framework_id]]}: {element.name}")
        for element in elements
    ]


# Case studies, toolkits and guides are tagged by framework element (toolkits use it too).
FRAMEWORK_ELEMENT = FieldFacet(
    name="framework_element",
    legend=_("Framework element"),
    choices=framework_element_choices,
    lookup="framework_elements__key",
    hint=_("Elements of the frameworks beyond the six principles, as the source describes."),
)


def evaluated_choices(listing):
    return [("yes", _("Evaluated")), ("no", _("Not evaluated"))]


CASE_STUDY_FACETS = [
    KeywordFacet("casestudies.CaseStudyPageTag"),
    PrincipleFacet(
        name="principle",
        legend=_("Principle"),
        choices=terms("hub.Principle"),
        combine=ALL,
        hint=_(
            "Case studies that show every principle you tick, at least as strongly as you choose."
        ),
        facet_class=RatedPrinciple,
        extra_template="casestudies/includes/strength_choice.html",
        through="casestudies.PrincipleRating",
        page_field="page_id",
        value_field="principle__key",
    ),
    FieldFacet(name="depth", legend=_("Depth"), choices="depth_level", lookup="depth_level"),
    FieldFacet(
        name="sector", legend=_("Sector"), choices=terms("casestudies.Sector"), lookup="sector__key"
    ),
    FieldFacet(
        name="client_group",
        legend=_("Client group"),
        choices=terms("casestudies.ClientGroup"),
        lookup="client_groups__key",
    ),
    FieldFacet(name="country", legend=_("Country"), choices="country", lookup="country"),
    FieldFacet(
        name="theme", legend=_("Theme"), choices=terms("casestudies.Theme"), lookup="themes__key"
    ),
    FRAMEWORK_ELEMENT,
    FieldFacet(
        name="funding",
        legend=_("Funding mechanism"),
        choices=terms("casestudies.FundingMechanism"),
        lookup="funding_mechanisms__key",
    ),
    FieldFacet(
        name="source",
        legend=_("Source report"),
        choices=terms("casestudies.SourceReport"),
        lookup="source_report__key",
    ),
    FieldFacet(
        name="evaluated",
        legend=_("Evaluation"),
        choices=evaluated_choices,
        lookup="evaluated",
        url_values={"yes": True, "no": False},
    ),
]

RESOURCE_FACETS = [
    FieldFacet(name="type", legend=_("Type"), choices="resource_type", lookup="resource_type"),
    KeywordFacet("casestudies.ResourcePageTag"),
]
