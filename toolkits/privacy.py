"""Which forum guides a person may not see in the admin (hub.page_privacy applies the rule).

A guide drafted in a learning forum belongs to its author, to that forum's moderators, who
review it, and to the Editors, who publish it. Until it is published (and while it has
unpublished changes) nobody else sees it: not the story Moderators, not a translator, not
another forum's people, not even the forum's other members.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from hub.bootstrap import EDITORS
from hub.page_privacy import UNPUBLISHED, any_of
from toolkits.models import ForumAccess, GuidePage, LearningForumPage


def moderated_forum_keys(user):
    return set(
        ForumAccess.objects.filter(moderators__user=user).values_list("forum_key", flat=True)
    )


def hidden_forum_guides(user):
    if user.is_superuser or user.groups.filter(name=EDITORS).exists():
        return None
    moderated = moderated_forum_keys(user)
    other_forums = [
        Q(path__startswith=forum.path)
        for forum in LearningForumPage.objects.only("path", "translation_key")
        if forum.translation_key not in moderated
    ]
    return (
        Q(content_type=ContentType.objects.get_for_model(GuidePage))
        & ~Q(owner_id=user.pk)
        & UNPUBLISHED
        & any_of(other_forums)
    )
