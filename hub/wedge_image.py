"""The wedge as a PNG, for link previews (Open Graph / Twitter cards).

Drawn on the server with Pillow from the same segments as the page's SVG (wedge_tags): one slice
per principle in its colour, reaching out by strength, with the rings that mark each step. It
carries no text, so one picture serves every language; the page's og:image:alt says the ratings
in words. Images are kept in the default cache, keyed by the page and when it was last
published, so a change makes a new picture and a repeat costs nothing.
"""

import io

from django.core.cache import cache
from PIL import Image, ImageDraw

from hub.templatetags.wedge_tags import MAX_STRENGTH, build_segments

WIDTH, HEIGHT = 1200, 630  # the size Open Graph and Twitter cards show best
RADIUS = 280
BACKGROUND = "#ffffff"
EDGE = "#1f2933"
RING = "#9aa5b1"
SLOT = "#eef1f4"
PREVIEW_LIFETIME = 7 * 24 * 60 * 60  # a new publish makes a new key anyway


def draw(segments):
    """PNG bytes of the wedge for `segments` (build_segments' output)."""
    scale = 2  # drawn large and reduced: smooth edges without a vector library
    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), BACKGROUND)
    pen = ImageDraw.Draw(image)
    cx, cy, radius = WIDTH * scale // 2, HEIGHT * scale // 2, RADIUS * scale
    step = 360 / max(len(segments), 1)

    def box(r):
        return [cx - r, cy - r, cx + r, cy + r]

    pen.ellipse(box(radius), fill=SLOT)
    for index, segment in enumerate(segments):
        start = -90 + index * step
        strength = segment["strength"] or 0
        if strength:
            reach = radius * strength / MAX_STRENGTH
            pen.pieslice(box(reach), start, start + step, fill=segment["principle"].colour)
    for ring in range(1, MAX_STRENGTH + 1):
        pen.ellipse(box(radius * ring / MAX_STRENGTH), outline=RING, width=2 * scale)
    for index in range(len(segments)):
        start = -90 + index * step
        pen.pieslice(box(radius), start, start + step, outline=EDGE, width=2 * scale)
    image = image.resize((WIDTH, HEIGHT), Image.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def wedge_png(page, principles):
    """The cached PNG of a case study's wedge."""
    published = page.last_published_at.timestamp() if page.last_published_at else 0
    key = f"hub:wedge-png:{page.pk}:{published}"
    png = cache.get(key)
    if png is None:
        png = draw(build_segments(page.rating_map(), principles))
        cache.set(key, png, timeout=PREVIEW_LIFETIME)
    return png
