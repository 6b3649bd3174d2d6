"""Which stories a person may not see in the admin (hub.page_privacy applies the rule).

A story belongs to its contributor and to those who review it: the Moderators and the Editors.
Anyone else who works in the admin (a translator, a forum moderator) sees a story only once it is
published and has no unpublished changes; a contributor sees no one else's stories at all.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import GroupPagePermission

from hub.bootstrap import EDITORS, MODERATORS
from hub.page_privacy import UNPUBLISHED
from stories.models import StoryPage

STORY_REVIEWERS = (MODERATORS, EDITORS)


def reviews_stories(user):
    return user.is_superuser or user.groups.filter(name__in=STORY_REVIEWERS).exists()


def works_on_others_pages(user):
    """Holds a grant to change or publish pages other than their own (not merely "add")."""
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename__in=["change_page", "publish_page"]
    ).exists()


def hidden_stories(user):
    if reviews_stories(user):
        return None
    others = Q(content_type=ContentType.objects.get_for_model(StoryPage)) & ~Q(owner_id=user.pk)
    if not works_on_others_pages(user):
        return others
    return others & UNPUBLISHED
