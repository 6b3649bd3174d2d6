"""The wedge: a server-rendered picture of how strongly something shows each principle.

One segment per principle, like slices of a round chart. A segment reaches further out the stronger
the rating (0 none ... 3 strong) against rings marking each step, so the picture reads without
colour; every segment is labelled with the principle's name and rating, and a table says the same
in text. The picture itself is hidden from assistive technology because the table carries it.

Usage (case studies, cards, principle pages, and later the self-assessment with a visitor's
own ratings):

    {% load wedge_tags %}
    {% wedge ratings %}                          ratings: {Principle or principle key: 0-3}
    {% wedge ratings principles=all_principles %}  show unrated principles as "not rated"
    {% wedge ratings compact=True %}              for cards: small picture, short list
    {% wedge ratings link_base=listing_url %}     principle names link to the filtered catalogue
    {% wedge ratings assessed=page.principles_assessed %}
                                                  not assessed: "not yet assessed" and why, in
                                                  place of an empty picture that would read as
                                                  "none" in all six
"""

import math

from django import template
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from hub.models import Principle, Strength

register = template.Library()

RADIUS = 100  # outer ring, in SVG units
LABEL_GAP = 14
MAX_STRENGTH = Strength.STRONG


def _point(angle_degrees, radius):
    angle = math.radians(angle_degrees)
    return round(radius * math.cos(angle), 2), round(radius * math.sin(angle), 2)


def sector_path(start, end, radius):
    """An SVG path for a pie slice from the centre, between two angles (0 = 3 o'clock)."""
    if radius <= 0:
        return ""
    radius = round(radius, 2)
    x1, y1 = _point(start, radius)
    x2, y2 = _point(end, radius)
    return f"M0,0 L{x1},{y1} A{radius},{radius} 0 0 1 {x2},{y2} Z"


def principles_in_active_language():
    return Principle.in_language(Locale.get_active().pk)


def _resolve(ratings, principles):
    """[(Principle, strength or None)] in principle order, whatever form `ratings` came in."""
    ratings = dict(ratings or {})
    if any(isinstance(key, str) for key in ratings):
        # Keys given as strings (e.g. a visitor's self-assessment): look the principles up.
        by_key = {p.key: p for p in (principles or principles_in_active_language())}
        resolved = {}
        for key, strength in ratings.items():
            principle = by_key.get(key) if isinstance(key, str) else key
            if principle is not None:
                resolved[principle] = strength
        ratings = resolved
    # A translated page's ratings may still point at the source language's principles (they are
    # synchronised, not translated): name them as in `principles`, which is in the page's language.
    shown = {principle.key: principle for principle in principles or []}
    items = {
        principle.key: (shown.get(principle.key, principle), strength)
        for principle, strength in ratings.items()
    }
    for principle in principles or []:
        items.setdefault(principle.key, (principle, None))
    return sorted(items.values(), key=lambda item: (item[0].order, item[0].name))


def build_segments(ratings, principles=None, link_base=None):
    items = _resolve(ratings, principles)
    labels = dict(Strength.choices)
    step = 360 / max(len(items), 1)
    segments = []
    for index, (principle, strength) in enumerate(items):
        start = -90 + index * step  # the first principle starts at 12 o'clock
        end = start + step
        middle = start + step / 2
        value = None if strength is None else max(0, min(int(strength), MAX_STRENGTH))
        label_x, label_y = _point(middle, RADIUS + LABEL_GAP)
        # Labels above and below the centre are centred; the others lean away from the chart.
        anchor = "middle" if abs(label_x) < 5 else ("start" if label_x > 0 else "end")
        link = None
        if link_base and value:
            query = QueryDict(mutable=True)
            query["principle"] = principle.key
            query["strength"] = str(value)
            link = f"{link_base}?{query.urlencode()}"
        segments.append(
            {
                "principle": principle,
                "strength": value,
                "strength_label": labels[value] if value is not None else _("Not rated"),
                "outline": sector_path(start, end, RADIUS),
                "fill": sector_path(start, end, RADIUS * (value or 0) / MAX_STRENGTH),
                "label_x": label_x,
                "label_y": round(label_y + (6 if label_y > 0 else 0), 2),
                "anchor": anchor,
                "link": link,
            }
        )
    return segments


@register.inclusion_tag("includes/wedge.html")
def wedge(ratings, principles=None, compact=False, link_base=None, caption=None, assessed=True):
    return {
        "assessed": assessed,
        "segments": build_segments(ratings, principles, link_base) if assessed else [],
        "rings": [round(RADIUS * step / MAX_STRENGTH, 2) for step in range(1, MAX_STRENGTH + 1)],
        "compact": compact,
        "caption": caption,
        "max_strength": int(MAX_STRENGTH),
    }
