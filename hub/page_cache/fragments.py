"""Parts of pages kept between requests: drawn listing cards, counted facets.

They live in the page cache under the content generation (hub.page_cache.generation), so they
are shared by every worker and process and never stale: any change a visitor could see (the page
a card shows, its translation, the taxonomy it names) replaces the token, and every part is made
again when next asked for. They are kept whether or not whole pages are
(`HUB_PAGE_CACHE_SECONDS`): a listing asked with a query string nobody asked before still reuses
its cards and counts. `HUB_FRAGMENT_CACHE_SECONDS` is how long one may stay (0 keeps none).
"""

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings

from hub.page_cache import generation

# Drawn HTML this process has already read or made, most recently used last. A key names its
# generation, so what is stored under it never changes: a copy here is as fresh as the shared
# one, and saves reading a file (or asking Redis) for each of fifty cards. Only strings are kept
# here, which nobody can change in place.
LOCAL_ENTRIES = 2000
_local = OrderedDict()
_local_lock = threading.Lock()


def enabled():
    return settings.HUB_FRAGMENT_CACHE_SECONDS > 0


def _remember(parts):
    with _local_lock:
        for key, value in parts.items():
            if isinstance(value, str):
                _local[key] = value
                _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


class Fragments:
    """Parts under the generation in force when this was made.

    The token is read once, so the parts of one response are all of one generation.
    """

    def __init__(self):
        self.token = generation.current() if enabled() else None

    def key(self, *parts):
        """A key for what `parts` (strings and numbers saying what the part is) identify."""
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        return f"hub:part:{self.token}:{digest}"

    def get_many(self, keys):
        if self.token is None:
            return {}
        with _local_lock:
            found = {key: _local[key] for key in keys if key in _local}
        missing = [key for key in keys if key not in found]
        if missing:
            shared = generation.cache().get_many(missing)
            _remember(shared)
            found.update(shared)
        return found

    def set_many(self, parts):
        if self.token is not None and parts:
            generation.cache().set_many(parts, settings.HUB_FRAGMENT_CACHE_SECONDS)
            _remember(parts)

    def get_or_make(self, key, make):
        """The part stored under `key`, or `make()`'s value, stored."""
        found = self.get_many([key])
        if key in found:
            return found[key]
        value = make()
        self.set_many({key: value})
        return value
