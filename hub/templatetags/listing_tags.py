"""The cards of a listing's page of results, each drawn once per content change.

    {% load listing_tags %}
    {% listing_cards listing %}

renders `listing.card_template` for each page of results (as `item`, with the template's
context) and keeps each card in the page cache (hub.page_cache.fragments). A card drawn once is
reused by every query string that shows it, in every worker, until anything a visitor could see
changes; the pages whose cards are all kept are not even loaded from the database.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def card_key(cards, listing, request, pk):
    """What a card's HTML depends on besides the content: its template, the visitor's language,
    the listing's (a page shown untranslated says so) and the site (links may be absolute)."""
    host = request.get_host() if request is not None else ""
    return cards.key("card", listing.card_template, get_language(), listing.locale_id, host, pk)


@register.simple_tag(takes_context=True)
def listing_cards(context, listing):
    ids = list(listing.page.object_list)
    cards = listing.kept_parts
    keys = {pk: card_key(cards, listing, context.get("request"), pk) for pk in ids}
    found = cards.get_many(keys.values())
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        card = context.template.engine.get_template(listing.card_template)
        drawn = {}
        for page in listing.load(missing):
            with context.push(item=page):
                drawn[keys[page.pk]] = card.render(context)
        cards.set_many(drawn)
        found.update(drawn)
    # Each card is HTML its own template escaped.
    return mark_safe("".join(found[keys[pk]] for pk in ids if keys[pk] in found))  # noqa: S308


class KeptNode(template.Node):
    def __init__(self, nodelist, listing, name):
        self.nodelist, self.listing, self.name = nodelist, listing, name

    def render(self, context):
        listing = self.listing.resolve(context)
        parts = (listing.counted_query, listing.sort_value, listing.base_url)
        return listing.kept(self.name, lambda: self.nodelist.render(context), *parts)


@register.tag
def kept(parser, token):
    """{% kept listing "name" %}...{% endkept %}: a part of a listing's page that shows only what
    the query string counts (the filters and their counts), drawn once per content change.

    It may use nothing else that varies: not the page number, not the visitor. The language,
    the listing, the values chosen, the order chosen and the listing's address are in its key.
    """
    try:
        _tag, listing, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError('usage: {% kept listing "name" %}') from None
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(listing), name.strip("\"'"))
