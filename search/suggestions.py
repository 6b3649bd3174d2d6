"""Help for a search that found nothing: a spelling hint and popular searches."""

import difflib
from datetime import timedelta

from django.utils import timezone
from taggit.models import Tag
from wagtail.contrib.search_promotions.models import Query

# Queries are shown to other visitors only when many people made them: a rare query might be
# someone's name or situation, and is never repeated back to the public.
POPULAR_MIN_HITS = 5
POPULAR_DAYS = 30
POPULAR_LIMIT = 6


def known_terms(page_titles=()):
    """The vocabulary a hint can suggest: keyword names and page titles, lower-cased."""
    terms = {name.lower() for name in Tag.objects.values_list("name", flat=True)}
    terms.update(title.lower() for title in page_titles)
    return sorted(terms)


def spelling_hint(terms, vocabulary):
    """A corrected query if every word, or the whole query, is close to a known term."""
    if not terms or not vocabulary:
        return None
    whole = difflib.get_close_matches(terms, vocabulary, n=1, cutoff=0.75)
    if whole and whole[0] != terms:
        return whole[0]
    words = set(" ".join(vocabulary).split())
    corrected = []
    for word in terms.split():
        match = difflib.get_close_matches(word, words, n=1, cutoff=0.75)
        corrected.append(match[0] if match else word)
    hint = " ".join(corrected)
    return hint if hint != terms else None


def popular_searches(exclude=None):
    since = timezone.now().date() - timedelta(days=POPULAR_DAYS)
    queries = (
        Query.get_most_popular(date_since=since)
        .filter(_hits__gte=POPULAR_MIN_HITS)
        .exclude(query_string=exclude or "")
    )
    return [query.query_string for query in queries[:POPULAR_LIMIT]]
