"""Mark up the first use of each glossary term in a page's HTML.

Only the first occurrence of a term is marked, only in running text: never inside a link (a link
inside a link is invalid), a heading, code, a form control's label or an existing abbreviation.
The HTML is the hub's own rendered rich text, so it is split into tags and text rather than parsed
into a tree: the text between tags is changed, the tags are kept exactly as they were.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Elements whose text is never marked up, and nothing inside them either.
SKIPPED_ELEMENTS = frozenset(
    {"a", "abbr", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary"}
    | {"code", "pre", "script", "style", "svg", "textarea", "select", "option", "title"}
)
TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
VOID_OR_SELF_CLOSING = re.compile(r"/\s*>$")


def term_pattern(term):
    """A term as a whole word: 'ISF' or 'ISFs' but not 'ISFA'; 'person-led' but not
    'person-led-care'. Abbreviations (all capitals) match exactly, other words in any case."""
    flags = 0 if term.is_abbreviation else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(escape(term.term))}s?(?![\w-])", flags)


def definition_markup(term, matched_text, glossary_url):
    """The marked-up first use: an abbreviation carries its expansion; with a glossary page, the
    word links to its entry and is described by the definition (read out by screen readers)."""
    inner = matched_text
    if term.is_abbreviation and term.full_name:
        inner = format_html('<abbr title="{}">{}</abbr>', term.full_name, _as_html(inner))
    if not glossary_url:
        return str(inner)
    description_id = f"glossary-description-{term.key}"
    description = f"{term.full_name}: {term.definition}" if term.full_name else term.definition
    return str(
        format_html(
            '<a class="glossary-term" href="{}#{}" aria-describedby="{}">{}</a>'
            '<span id="{}" hidden>{}</span>',
            glossary_url,
            term.anchor,
            description_id,
            _as_html(inner),
            description_id,
            description,
        )
    )


def _as_html(text):
    """Text that is already escaped in the page's HTML, so format_html does not escape it twice."""
    return mark_safe(text)  # noqa: S308 - a piece of the hub's own, already escaped HTML


def mark_first_uses(html, terms, glossary_url=""):
    """`html` with the first use of each of `terms` marked up (see definition_markup)."""
    remaining = [(term, term_pattern(term)) for term in terms]
    if not remaining:
        return html
    open_skipped = []
    pieces = TAG.split(str(html))
    for position, piece in enumerate(pieces):
        if not piece:
            continue
        if piece.startswith("<"):
            _follow_element(piece, open_skipped)
            continue
        if open_skipped or not remaining:
            continue
        pieces[position], remaining = _mark_text(piece, remaining, glossary_url)
    return "".join(pieces)


def _follow_element(tag, open_skipped):
    found = TAG_NAME.match(tag)
    if not found:
        return  # a comment or a doctype
    closing, name = found.group(1) == "/", found.group(2).lower()
    if name not in SKIPPED_ELEMENTS or VOID_OR_SELF_CLOSING.search(tag):
        return
    if not closing:
        open_skipped.append(name)
    elif name in open_skipped:
        # Close up to the matching element (tolerates an element left unclosed inside it).
        del open_skipped[len(open_skipped) - 1 - open_skipped[::-1].index(name) :]


def _mark_text(text, remaining, glossary_url):
    """Mark the terms first used in one run of text; returns it and the terms still unused."""
    marked = []
    while remaining:
        matches = [(pattern.search(text), term, pattern) for term, pattern in remaining]
        matches = [match for match in matches if match[0]]
        if not matches:
            break
        match, term, pattern = min(matches, key=lambda found: found[0].start())
        marked.append(text[: match.start()])
        marked.append(definition_markup(term, match.group(0), glossary_url))
        text = text[match.end() :]
        remaining = [(other, p) for other, p in remaining if other.pk != term.pk]
    marked.append(text)
    return "".join(marked), remaining
