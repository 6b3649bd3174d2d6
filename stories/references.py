"""Private references: the unguessable link a contributor without an account keeps.

The link carries 32 random bytes; the database keeps only their SHA-256, so a leaked database
cannot be turned back into working links.
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from stories.models import StoryReference

REFERENCE_LIFETIME = timedelta(days=5 * 365)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create_reference(story):
    token = secrets.token_urlsafe(32)
    StoryReference.objects.create(
        story=story,
        token_hash=hash_token(token),
        expires_at=timezone.now() + REFERENCE_LIFETIME,
    )
    return token


def find_story(token):
    """The story a token opens, or None: missing, wrong and expired all look the same."""
    if not token or len(token) > 100:
        return None
    reference = (
        StoryReference.objects.filter(token_hash=hash_token(token), expires_at__gt=timezone.now())
        .select_related("story")
        .first()
    )
    return reference.story if reference else None
