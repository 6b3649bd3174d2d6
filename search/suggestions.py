"""Help for a search that found nothing: popular searches (spelling: search/did_you_mean.py)."""

from datetime import timedelta

from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

# Queries are shown to other visitors only when many people made them: a rare query might be
# someone's name or situation, and is never repeated back to the public.
POPULAR_MIN_HITS = 5
POPULAR_DAYS = 30
POPULAR_LIMIT = 6


def popular_searches(exclude=None):
    since = timezone.now().date() - timedelta(days=POPULAR_DAYS)
    queries = (
        Query.get_most_popular(date_since=since)
        .filter(_hits__gte=POPULAR_MIN_HITS)
        .exclude(query_string=exclude or "")
    )
    return [query.query_string for query in queries[:POPULAR_LIMIT]]
