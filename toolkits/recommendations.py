"""Load what the self-assessment recommends: the database side of toolkits.assessment.

Each loader fetches a bounded set of live, public pages of the visitor's language with their
ratings or keywords prefetched, turns them into assessment.Candidate values and lets the pure
functions rank them.
"""

from casestudies.models import CaseStudyPage, ResourcePage
from toolkits import assessment
from toolkits.models import GuidePage, ToolkitPage

CASE_STUDY_LIMIT = 6
RESOURCE_LIMIT = 5
GUIDE_LIMIT = 5


def _public(model, locale_id):
    return model.objects.live().public().filter(locale_id=locale_id)


def case_studies_for(weak_keys, locale_id, limit=CASE_STUDY_LIMIT):
    pages = (
        _public(CaseStudyPage, locale_id)
        .filter(
            principles_assessed=True,
            principle_ratings__principle__key__in=weak_keys,
            principle_ratings__strength__gte=assessment.STRONG_ENOUGH,
        )
        .distinct()
        .prefetch_related("principle_ratings__principle", "tagged_items")
    )
    pages = {page.pk: page for page in pages}
    candidates = [
        assessment.Candidate(
            pk=page.pk,
            title=page.title,
            ratings={r.principle.key: r.strength for r in page.principle_ratings.all()},
            keywords=frozenset(item.tag_id for item in page.tagged_items.all()),
        )
        for page in pages.values()
    ]
    chosen = assessment.recommend_case_studies(weak_keys, candidates, limit)
    return [pages[c.pk] for c in chosen], chosen


def resources_for(case_study_candidates, locale_id, limit=RESOURCE_LIMIT):
    """Resources sharing keywords with the recommended case studies."""
    keywords = frozenset().union(*(c.keywords for c in case_study_candidates))
    if not keywords:
        return []
    pages = {
        page.pk: page
        for page in _public(ResourcePage, locale_id)
        .filter(tagged_items__tag_id__in=keywords)
        .distinct()
        .prefetch_related("tagged_items")
    }
    candidates = [
        assessment.Candidate(
            pk=page.pk,
            title=page.title,
            ratings={},
            keywords=frozenset(item.tag_id for item in page.tagged_items.all()),
        )
        for page in pages.values()
    ]
    return [pages[c.pk] for c in assessment.recommend_by_keywords(keywords, candidates, limit)]


def guides_for(weak_keys, locale_id, limit=GUIDE_LIMIT):
    """Toolkits and guides that help with the weak principles."""
    pages = {}
    for model in (ToolkitPage, GuidePage):
        for page in (
            _public(model, locale_id)
            .filter(principles__key__in=weak_keys)
            .distinct()
            .prefetch_related("principles")
        ):
            pages[page.pk] = page
    candidates = [
        assessment.Candidate(
            pk=page.pk,
            title=page.title,
            ratings={p.key: assessment.MAX_RATING for p in page.principles.all()},
        )
        for page in pages.values()
    ]
    return [pages[c.pk] for c in assessment.recommend_guides(weak_keys, candidates, limit)]
