"""A per-address rate limit kept in Django's cache: no puzzles for people, a wall for scripts."""

import hashlib

from django.core.cache import cache

# Each public form names its own scope and limit: (attempts allowed, window in seconds).
SEND_LIMIT = (5, 60 * 60)  # five stories an hour from one address
STATUS_LIMIT = (30, 10 * 60)  # thirty private-link look-ups in ten minutes
EMAIL_LIMIT = (3, 60 * 60)  # three emails of a private link an hour: not a way to send spam
CONTACT_LIMIT = (5, 60 * 60)  # five contact messages an hour
SUGGEST_LIMIT = (5, 60 * 60)  # five case-study suggestions an hour


def client_address(request):
    # REMOTE_ADDR only: a forwarded header is whatever the client says unless a trusted proxy
    # rewrites it, and trusting it would let anyone reset their own limit.
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope, limit):
    """Count one attempt for this address and say whether it is within the limit."""
    allowed, window = limit
    # Only a hash of the address goes in the cache key.
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"hub:ratelimit:{scope}:{address}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= allowed
