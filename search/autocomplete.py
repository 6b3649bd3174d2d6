"""Suggestions for the header search box: titles, balanced across the kinds of content.

One search over everything lets the most numerous kind fill every place ("tim" listed eight
resources about time and none of the time-bank toolkit). So each kind is asked for its own best
matches, and the suggestions take turns: the best case study, the best toolkit or guide, the best
story, the best resource, the best other page, then the second of each, until the list is full.
Within a kind, pages whose title holds every word begun come first.
"""

import re

from casestudies.models import CaseStudyPage, ResourcePage
from stories.models import StoryPage
from toolkits.models import GuidePage, ToolkitPage

# The kinds of content that take turns, in this order; pages of other types make a last kind.
KINDS = [(CaseStudyPage,), (ToolkitPage, GuidePage), (StoryPage,), (ResourcePage,)]


def title_holds(title, words):
    """Whether each word typed begins a title word ("peer sup": "Setting up peer support")."""
    title_words = re.findall(r"\w+", title.lower())
    return all(any(word.startswith(typed) for word in title_words) for typed in words)


def titles_first(pages, terms):
    words = re.findall(r"\w+", terms.lower())
    return sorted(pages, key=lambda page: not title_holds(page.title, words))  # stable


def take_turns(kinds, limit):
    """The first of each kind, then the second of each, ..., up to `limit` in all."""
    found = []
    for position in range(max((len(pages) for pages in kinds), default=0)):
        for pages in kinds:
            if position < len(pages) and len(found) < limit:
                found.append(pages[position])
    return found


def suggestions(queryset, terms, backend, limit):
    """Up to `limit` pages of `queryset` whose titles complete `terms`, balanced by kind."""
    every_kind = [model for kind in KINDS for model in kind]
    querysets = [queryset.type(*kind) for kind in KINDS] + [queryset.not_type(*every_kind)]
    kinds = [
        titles_first(list(pages.autocomplete(terms, backend=backend)[:limit]), terms)
        for pages in querysets
    ]
    return take_turns(kinds, limit)
