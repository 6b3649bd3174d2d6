"""A circuit breaker in front of the search engine (Elasticsearch or OpenSearch).

After the engine fails (refuses, times out, errors), the breaker opens: for a cooling-off period
nothing calls the engine, searches are answered from the database index and changes to the
engine's index wait in the outbox (search/outbox.py). When the period ends, the next call tries
the engine again. The state lives in a Django cache, read by alias (HUB_SEARCH_BREAKER_CACHE),
so that every worker of every app server sees one breaker when that cache is shared (database
or Redis); with a per-process cache each worker learns of a failure on its own.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


def _cache():
    return caches[settings.HUB_SEARCH_BREAKER_CACHE]


def _key(engine):
    """One breaker per engine: its addresses and index prefix, hashed (no credentials kept)."""
    identity = repr((sorted(map(repr, engine.hosts)), engine.index_prefix))
    return "hub:search-breaker:" + hashlib.sha256(identity.encode()).hexdigest()[:24]


def is_open(engine):
    """Whether the engine is resting after a failure (a failing cache counts as closed)."""
    try:
        return _cache().get(_key(engine)) is not None
    except Exception:  # noqa: BLE001 - the cache is a helper here, never a reason to fail
        logger.exception("Search breaker: the cache could not be read")
        return False


def trip(engine, error):
    """Open the breaker for the cooling-off period after `error`."""
    seconds = settings.HUB_SEARCH_BREAKER_COOLING_OFF
    logger.warning("Search engine failed; using the database index for %s s: %s", seconds, error)
    try:
        _cache().set(_key(engine), True, timeout=seconds)
    except Exception:  # noqa: BLE001
        logger.exception("Search breaker: the cache could not be written")


def close(engine):
    """Forget a failure (after the engine has been rebuilt by hand, say)."""
    try:
        _cache().delete(_key(engine))
    except Exception:  # noqa: BLE001
        logger.exception("Search breaker: the cache could not be written")
