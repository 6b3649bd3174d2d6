"""Turning what a visitor typed into a query every search backend accepts."""

import re

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(text):
    """The words of a query, lower-cased, without punctuation or backend syntax.

    SQLite FTS5 and Elasticsearch each give meaning to quotes, brackets, colons and upper-case
    operators (OR, NOT, NEAR); a visitor's text is never meant as syntax, so only words survive.
    """
    words = [w for w in WORD.findall((text or "")[:MAX_QUERY_LENGTH].lower()) if w.strip("_")]
    return " ".join(words[:MAX_TERMS])


def display_query(text):
    """What to show back to the visitor: their text, trimmed, never longer than we search."""
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]
