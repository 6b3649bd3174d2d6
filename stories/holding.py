"""The holding area: pictures of a story that has not been sent yet, kept out of the session.

A session row carries only each picture's random key, so it stays small however many pictures
are added. The files sit in private storage (settings.STORY_HOLDING_ROOT, outside MEDIA_ROOT and
never served) and live as long as the draft: each button press pushes their expiry on, sending
or removing a picture deletes it, and `manage.py daily_cleanup` sweeps what was abandoned.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stories.models import HeldPicture
from stories.uploads import ALLOWED_FORMATS

HOLDING_LIFETIME = timedelta(days=1)  # the same day an unfinished story's session lives


def hold(cleaned, upload_bytes):
    """Put a cleaned picture (stories.uploads.clean_picture) in the holding area; its key."""
    key = secrets.token_urlsafe(32)
    extension = ALLOWED_FORMATS[cleaned["format"]][1]
    picture = HeldPicture(
        key=key,
        picture_format=cleaned["format"],
        upload_bytes=upload_bytes,
        expires_at=timezone.now() + HOLDING_LIFETIME,
    )
    # The file name is random too: nothing in it comes from the contributor.
    picture.file.save(f"{secrets.token_hex(16)}.{extension}", ContentFile(cleaned["data"]), False)
    picture.save()
    return key


def held(key):
    """The held picture for a key, or None when it has expired or never existed."""
    if not isinstance(key, str) or not key:
        return None
    return HeldPicture.objects.filter(key=key, expires_at__gt=timezone.now()).first()


def read(picture):
    with picture.file.open("rb") as stored:
        return stored.read()


def keep_alive(keys):
    """The draft was touched: its pictures live as long as it does."""
    keys = [key for key in keys if isinstance(key, str) and key]
    if keys:
        HeldPicture.objects.filter(key__in=keys).update(
            expires_at=timezone.now() + HOLDING_LIFETIME
        )


def discard(keys):
    """Delete held pictures, files first so no file outlives its row by accident."""
    keys = [key for key in keys if isinstance(key, str) and key]
    if keys:
        delete_pictures(HeldPicture.objects.filter(key__in=keys))


def delete_pictures(queryset):
    pictures = list(queryset)
    for picture in pictures:
        picture.file.delete(save=False)
    HeldPicture.objects.filter(pk__in=[picture.pk for picture in pictures]).delete()
    return len(pictures)


def sweep(now=None):
    """Remove every held picture whose draft was abandoned. Returns how many went."""
    with transaction.atomic():
        return delete_pictures(
            HeldPicture.objects.filter(expires_at__lte=now or timezone.now()).select_for_update()
        )


def sweep_stray_files(now=None):
    """Files with no row (a crash between writing one and saving its row), once old enough."""
    storage = HeldPicture._meta.get_field("file").storage
    if not storage.exists(""):
        return 0
    known = set(HeldPicture.objects.values_list("file", flat=True))
    cutoff = (now or timezone.now()) - HOLDING_LIFETIME
    removed = 0
    for name in storage.listdir("")[1]:
        if name not in known and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            removed += 1
    return removed


def bytes_held(keys):
    keys = [key for key in keys if isinstance(key, str) and key]
    if not keys:
        return 0
    total = HeldPicture.objects.filter(key__in=keys).aggregate(total=Sum("upload_bytes"))
    return total["total"] or 0


class UploadBudget:
    """What one unfinished story may still upload (settings.STORY_DRAFT_MAX_UPLOAD_BYTES).

    Shared by the moment forms of one request, so pictures sent together count together.
    """

    def __init__(self, used):
        self.used = used
        self.limit = settings.STORY_DRAFT_MAX_UPLOAD_BYTES

    def take(self, size):
        self.check(size)
        self.used += size

    def check(self, size):
        if self.used + size > self.limit:
            megabytes = self.limit // (1024 * 1024)
            raise ValidationError(
                _(
                    "Your pictures together are bigger than %(megabytes)s MB. Please choose a "
                    "smaller picture, remove another one, or leave this one out."
                ),
                code="draft_too_big",
                params={"megabytes": megabytes},
            )
