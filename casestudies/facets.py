"""The facets case studies and resources declare (their `listing_facets`).

Declarations only, naming models by label so that models.py can use them: the engine
(hub.listing) binds them to a listing and counts them.
"""

from dataclasses import dataclass

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
