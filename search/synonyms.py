"""Words that mean the same to practitioners, kept by editors, applied to every search.

Editors list sets of equivalent terms in the admin ("time bank, timebank, time banking, time
credits"). A search for any term of a set finds pages with any other: the query is expanded
before it reaches the backend (a term becomes "this term or that one"), on the database backends
and on the search engine alike. Nothing is reindexed: a set saved now applies to the next search.
"""

import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from modelsearch.query import And, Or, PlainText
from wagtail.admin.panels import FieldPanel

CACHE_KEY = "search:synonym-groups"
CACHE_SECONDS = 60 * 60  # cleared whenever a set is saved or deleted


def words(text):
    """The lower-cased words of a term or query, as the search page keeps them."""
    return re.findall(r"\w+(?:[-']\w+)*", (text or "").lower())


def split_terms(text):
    """The distinct terms of a comma-separated list, each normalised to its words."""
    terms = []
    for part in (text or "").split(","):
        term = " ".join(words(part))
        if term and term not in terms:
            terms.append(term)
    return terms


class SynonymSet(models.Model):
    """Terms a search treats as the same: a search for one finds pages with any of them."""

    terms = models.TextField(
        verbose_name=_("equivalent terms"),
        help_text=_(
            "Words or phrases that mean the same, separated by commas, for example: "
            "time bank, timebank, time credits"
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        app_label = "search"
        ordering = ["terms"]
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return ", ".join(split_terms(self.terms))

    def clean(self):
        if len(split_terms(self.terms)) < 2:
            raise ValidationError(
                {"terms": _("List at least two different terms, separated by commas.")}
            )


@receiver([post_save, post_delete], sender=SynonymSet)
def forget_groups(**kwargs):
    cache.delete(CACHE_KEY)


def synonym_groups():
    """[[term, ...], ...]: every set's terms, as tuples of words (read once, then cached)."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [
            [tuple(term.split()) for term in split_terms(text)]
            for text in SynonymSet.objects.values_list("terms", flat=True)
        ]
        cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def find_synonyms(query_words, groups):
    """[(start, end, alternatives)]: the spans of the query that are terms of a set.

    Longer terms first, so that "time banking" is one span rather than "time" and a stray word;
    spans never overlap.
    """
    candidates = sorted(
        ((term, group) for group in groups for term in group), key=lambda pair: -len(pair[0])
    )
    taken = [False] * len(query_words)
    spans = []
    for term, group in candidates:
        size = len(term)
        for start in range(len(query_words) - size + 1):
            end = start + size
            if tuple(query_words[start:end]) == term and not any(taken[start:end]):
                taken[start:end] = [True] * size
                spans.append((start, end, [" ".join(t) for t in group]))
    return sorted(spans)


def expanded(terms, operator="and", groups=None):
    """The query for `terms` with each synonym a choice of its set's terms.

    The plain string when no term of a set is in it (every backend's fastest path). Otherwise
    the backends' query objects: each synonym becomes Or(term, other terms), a phrase needing
    all its words; the other words keep the operator ("and": every word or a synonym of it).
    """
    query_words = words(terms)
    spans = find_synonyms(query_words, synonym_groups() if groups is None else groups)
    if not spans:
        return terms
    parts = []
    position = 0
    for start, end, alternatives in spans:
        if start > position:
            parts.append(PlainText(" ".join(query_words[position:start]), operator=operator))
        parts.append(Or([PlainText(term, operator="and") for term in alternatives]))
        position = end
    if position < len(query_words):
        parts.append(PlainText(" ".join(query_words[position:]), operator=operator))
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)
