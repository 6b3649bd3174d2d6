"""Absolute links come from HUB_BASE_URL, never from the request's Host header.

A link that is copied, printed or emailed must point at the site's one public address, whatever
name the request happened to arrive by (a proxy's internal name, an IP address).
"""

from django.conf import settings


def absolute_url(path):
    """`path` is a site-absolute path such as /en/stories/status/abc/."""
    return settings.HUB_BASE_URL + path
