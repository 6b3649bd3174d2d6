"""The content generation: one token that every cached page and fragment is keyed by.

It is a random token rather than a counter because the file cache has no atomic increment: two
processes bumping 5 to 6 at once would collide, and a page rendered between the two changes
would survive the second one. Two random tokens never collide.
"""

import uuid

from django.core.cache import caches
from django.db import transaction

CACHE_ALIAS = "pages"
LOCAL_ALIAS = "pages_local"  # this process's copies of shared entries (see settings)
KEY = "hub:generation"


def cache():
    return caches[CACHE_ALIAS]


def local_cache():
    return caches[LOCAL_ALIAS]


def current():
    """The token in force; a new one is made if the cache lost it (a cold or culled cache)."""
    token = cache().get(KEY)
    if token is None:
        token = uuid.uuid4().hex
        # add(): if another process made one in the meantime, theirs wins and is read back.
        if not cache().add(KEY, token, timeout=None):
            token = cache().get(KEY) or token
    return token


def bump():
    """Make every cached page stale now, and again once the change is committed.

    The second token matters: a visitor served between the first and the commit sees (and caches)
    the old content under the first token. Inside a test's never-committed transaction the first
    is the one that counts.
    """
    _replace()
    transaction.on_commit(_replace, robust=True)


def _replace():
    cache().set(KEY, uuid.uuid4().hex, timeout=None)
