"""Changes owed to the search engine's index, kept in the database until the engine has them.

A change to the engine's index (a page published, edited, unpublished, deleted, a story
withdrawn) that the engine cannot take when it happens (it refuses, times out, or the circuit
breaker is open) is written here, and sent on the next successful contact (a search the engine
answers) and by `manage.py update_index`. So the engine never misses a removal the database made.
A row holds a model name and a primary key, nothing more, and is deleted once sent.
"""

import logging

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

BATCH = 100  # rows sent per attempt, so that a long backlog never holds up one request for long


class PendingIndexChange(models.Model):
    """An object whose copy in the search engine's index may be out of date."""

    model = models.CharField(max_length=200)  # "app_label.model_name"
    object_id = models.CharField(max_length=255)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "search"
        verbose_name = _("pending search index change")
        verbose_name_plural = _("pending search index changes")

    def __str__(self):
        return f"{self.model} {self.object_id}"


def queue(obj):
    """Note that the engine's copy of `obj` must be brought in line with the database."""
    if obj.pk is not None:
        PendingIndexChange.objects.create(model=obj._meta.label_lower, object_id=str(obj.pk))


def pending():
    return PendingIndexChange.objects.exists()


def send(reconcile, limit=BATCH):
    """Call reconcile(model, object_id) for the oldest pending changes; return how many were sent.

    A change is removed once `reconcile` returns; its error (the engine failing) stops the sending
    and leaves that change and the later ones for the next attempt. A change queued again while
    this runs has a later row, which stays.
    """
    rows = list(PendingIndexChange.objects.order_by("pk")[:limit])
    latest = {}
    for row in rows:
        latest[(row.model, row.object_id)] = row.pk
    sent = 0
    for (label, object_id), last_pk in latest.items():
        try:
            model = apps.get_model(label)
        except LookupError:  # the model's app has gone: nothing of it can be in the index
            logger.warning("Dropping a pending search index change for unknown model %s", label)
        else:
            reconcile(model, object_id)
        PendingIndexChange.objects.filter(
            model=label, object_id=object_id, pk__lte=last_pk
        ).delete()
        sent += 1
    return sent
