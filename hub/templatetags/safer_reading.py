"""{% quick_exit %}: a link that leaves the site at once, for pages about abuse or violence.

Without JavaScript it is a plain link to a neutral page (HUB_QUICK_EXIT_URL). With JavaScript
(static/js/quick-exit.js, under the Content-Security-Policy nonce) it replaces the page and its
history entry, so the Back button does not return to what was being read.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/quick_exit.html")
def quick_exit():
    return {"quick_exit_url": settings.HUB_QUICK_EXIT_URL}
