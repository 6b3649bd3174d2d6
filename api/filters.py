"""The listings' filters, for the API: keyword, principle (with a minimum strength) and depth.

They take the values the site's listings put in their URLs (casestudies.facets, hub.listing), so
a listing's query string works on the API too: `?keyword=peer-support&principle=reciprocity
&strength=2&depth=transformative`. Repeating `keyword` or `principle` asks for pages that have
every one, as the listings do.
"""

from django.db.models import Q
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from casestudies.facets import DEFAULT_STRENGTH
from casestudies.models import (
    CaseStudyPage,
    CaseStudyPageTag,
    Depth,
    PrincipleRating,
    ResourcePageTag,
)
from hub.models import Strength
from stories.models import StoryPageTag
from toolkits.models import GuidePage, GuidePageTag, ToolkitPage, ToolkitPageTag

KEYWORD_THROUGH_MODELS = (
    CaseStudyPageTag,
    ResourcePageTag,
    ToolkitPageTag,
    GuidePageTag,
    StoryPageTag,
)
QUERY_PARAMETERS = frozenset(["keyword", "principle", "strength", "depth"])


def tagged_with(slug):
    """A Q on page ids: pages of any kind tagged with the keyword `slug`."""
    condition = Q(pk__in=[])
    for through in KEYWORD_THROUGH_MODELS:
        condition |= Q(pk__in=through.objects.filter(tag__slug=slug).values("content_object_id"))
    return condition


def showing_principle(key, strength):
    """A Q on page ids: case studies rated `strength` or more in the principle, and toolkits and
    guides that name it (they name principles without a strength)."""
    rated = PrincipleRating.objects.filter(
        principle__key=key, strength__gte=strength, page__principles_assessed=True
    )
    condition = Q(pk__in=rated.values("page_id"))
    for model in (ToolkitPage, GuidePage):
        condition |= Q(pk__in=model.objects.filter(principles__key=key).values("pk"))
    return condition


def parse_strength(request):
    raw = request.GET.get("strength")
    if raw is None:
        return DEFAULT_STRENGTH
    try:
        strength = int(raw)
    except ValueError:
        strength = None
    if strength not in Strength.values or strength == Strength.NONE:
        raise BadRequestError("strength must be 1 (emerging), 2 (developing) or 3 (strong)")
    return strength


class ListingFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        for slug in request.GET.getlist("keyword"):
            queryset = queryset.filter(tagged_with(slug))
        principles = request.GET.getlist("principle")
        strength = parse_strength(request)
        for key in principles:
            queryset = queryset.filter(showing_principle(key, strength))
        depths = request.GET.getlist("depth")
        for depth in depths:
            if depth not in Depth.values:
                raise BadRequestError("depth must be one of: " + ", ".join(Depth.values))
        if depths:
            queryset = queryset.filter(
                pk__in=CaseStudyPage.objects.filter(depth_level__in=depths).values("pk")
            )
        return queryset
