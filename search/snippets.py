"""Short result snippets with the visitor's words highlighted."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

SNIPPET_WORDS = 40
# Attributes that hold a page's plain summary, most specific first. Page types may instead define
# get_search_snippet() returning plain text.
SUMMARY_ATTRIBUTES = ["search_description", "summary", "introduction", "short_description"]


def snippet_source(page):
    """Plain text that best summarises a (specific) page."""
    if hasattr(page, "get_search_snippet"):
        text = page.get_search_snippet()
        if text:
            return text
    for attribute in SUMMARY_ATTRIBUTES:
        value = getattr(page, attribute, "")
        text = strip_tags(str(value or "")).strip()
        if text:
            return text
    return ""


def highlight(text, terms, words=SNIPPET_WORDS):
    """Cut text around the first match, escape it and wrap each match of the terms in <mark>."""
    text = " ".join(text.split())
    terms = [term for term in terms if term]
    if not text:
        return ""
    pattern = None
    if terms:
        # Whole words that start with a term: "support" also marks "supporting".
        alternatives = "|".join(re.escape(term) for term in terms)
        pattern = re.compile(r"\b(?:" + alternatives + r")\w*", re.IGNORECASE)
        first = pattern.search(text)
        if first and len(text[: first.start()].split()) > words // 2:
            # Start a few words before the first match rather than at the top of the text.
            before = text[: first.start()].split()
            text = "… " + " ".join(before[-5:]) + " " + text[first.start() :]
    text = Truncator(text).words(words, truncate=" …")
    if pattern is None:
        return escape(text)
    # Escape the pieces between matches separately, so a term can never split an HTML entity.
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped
