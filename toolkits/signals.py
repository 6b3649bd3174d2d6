"""Set up a learning forum's groups and workflow as soon as its page exists, in any language."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from toolkits.forums import ensure_forum
from toolkits.models import LearningForumPage


@receiver(post_save, sender=LearningForumPage)
def set_up_new_forum(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_forum(instance)
