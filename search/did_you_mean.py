""" "Did you mean": a close variant of a query that finds more.

The variants are made from the words actually in the index of the visitor's language: page
titles, keyword names and the taxonomy (principles, life factors), and from the terms of the
synonym sets (search/synonyms.py). Three kinds are tried:
- a misspelt word replaced by the closest known word ("sheared lives" -> "shared lives",
  "recovery collage" -> "recovery college"): by trigram similarity in PostgreSQL where its
  pg_trgm extension is installed (migration search/0006), by difflib's ratio elsewhere;
- two words joined where the joined word is known ("time bank" -> "timebank");
- a word split where its two halves follow each other in a title or keyword ("timebank" ->
  "time bank").
The search page counts what each variant finds and offers the one that finds the most, if it
finds more than the query itself.
"""

import difflib
import re

from django.core.cache import cache
from django.db import connection
from taggit.models import Tag
from wagtail.models import Page

from hub.models import LifeFactor, Principle
from search.synonyms import synonym_groups

# A query finding fewer results than this is offered a variant that finds more.
FEW_RESULTS = 3
# How many variants are counted at most (each is one search).
MAX_VARIANTS = 3
# Words this short are not corrected: too many known words are that close to them.
MIN_WORD_LENGTH = 4
# How close a known word must be to replace a typed one.
DIFFLIB_CUTOFF = 0.75  # difflib's ratio
TRIGRAM_CUTOFF = 0.4  # pg_trgm's similarity (shared trigrams over all trigrams)
VOCABULARY_SECONDS = 10 * 60

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class Vocabulary:
    """The known words of a language's index and the pairs of words that follow each other."""

    def __init__(self, texts, words=(), pairs=()):
        self.words = set(words)
        self.pairs = set(pairs)
        for text in texts:
            found = WORD.findall(text.lower())
            self.words.update(found)
            self.pairs.update(zip(found, found[1:], strict=False))

    @classmethod
    def of_locale(cls, locale_id):
        """The vocabulary of a locale's live pages (built once every few minutes, then cached)."""
        key = f"search:vocabulary:{locale_id}"
        vocabulary = cache.get(key)
        if vocabulary is None:
            texts = list(
                Page.objects.live().filter(locale_id=locale_id).values_list("title", flat=True)
            )
            texts += list(Tag.objects.values_list("name", flat=True))
            for model in (Principle, LifeFactor):
                texts += [term.name for term in model.in_language(locale_id)]
            vocabulary = cls(texts)
            cache.set(key, vocabulary, VOCABULARY_SECONDS)
        return vocabulary

    def with_texts(self, texts):
        """This vocabulary and the words of `texts`."""
        return Vocabulary(texts, self.words, self.pairs)


def has_trigrams():
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
        return cursor.fetchone()[0]


def closest_words(word, known, trigrams):
    """The known words closest to `word`, closest first (at most two).

    Trigrams miss a slip in a short word ("pear" shares two of eight trigrams with "peer"), so
    difflib answers where they find nothing.
    """
    if trigrams:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT known FROM unnest(%s::text[]) AS known "
                "WHERE similarity(known, %s) >= %s "
                "ORDER BY similarity(known, %s) DESC, known LIMIT 2",
                [sorted(known), word, TRIGRAM_CUTOFF, word],
            )
            found = [row[0] for row in cursor.fetchall()]
        if found:
            return found
    return difflib.get_close_matches(word, sorted(known), n=2, cutoff=DIFFLIB_CUTOFF)


def respelt(words, vocabulary, trigrams):
    """Variants with each unknown word replaced by a close known word (closest first)."""
    choices = []
    for word in words:
        if word in vocabulary.words or len(word) < MIN_WORD_LENGTH:
            choices.append([word])
        else:
            choices.append(closest_words(word, vocabulary.words, trigrams) or [word])
    best = [options[0] for options in choices]
    variants = [best]
    # The second-closest word for each corrected word, the others kept at their closest.
    for position, options in enumerate(choices):
        for option in options[1:]:
            variants.append(best[:position] + [option] + best[position + 1 :])
    return variants


def joined(words, vocabulary):
    return [
        words[:i] + [words[i] + words[i + 1]] + words[i + 2 :]
        for i in range(len(words) - 1)
        if words[i] + words[i + 1] in vocabulary.words
    ]


def split(words, vocabulary):
    variants = []
    for i, word in enumerate(words):
        for cut in range(2, len(word) - 1):
            if (word[:cut], word[cut:]) in vocabulary.pairs:
                variants.append(words[:i] + [word[:cut], word[cut:]] + words[i + 1 :])
    return variants


def variants(terms, vocabulary, trigrams=False):
    """Queries close to `terms` made of known words, most likely first (never `terms` itself)."""
    words = terms.lower().split()
    found = []
    for variant in [*joined(words, vocabulary), *split(words, vocabulary)] + respelt(
        words, vocabulary, trigrams
    ):
        text = " ".join(variant)
        if text != terms.lower() and text not in found:
            found.append(text)
    return found[:MAX_VARIANTS]


def suggestion(terms, found_count, count, locale_id):
    """The variant of `terms` that finds the most, if it finds more than `terms` (else None).

    `found_count`: how many results `terms` found; `count(query)`: how many a query finds.
    Asked only when `terms` finds fewer than FEW_RESULTS.
    """
    if found_count >= FEW_RESULTS:
        return None
    # The synonyms' terms are words a search understands too (saved sets apply at once).
    understood = [" ".join(term) for group in synonym_groups() for term in group]
    vocabulary = Vocabulary.of_locale(locale_id).with_texts(understood)
    best, best_count = None, found_count
    for variant in variants(terms, vocabulary, has_trigrams()):
        number = count(variant)
        if number > best_count:
            best, best_count = variant, number
    return best
