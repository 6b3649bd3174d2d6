"""Learning forums: each forum's own groups, review workflow and members-only pages.

A forum is set up when its page is created (toolkits.signals) and again by the bootstrap, always
idempotently: a members group that may draft guides in this forum only, a moderators group that
reviews and edits them, and a "Guide review" workflow (forum moderators, then editors) on the
forum's pages in every language. Moderators hold no publish permission: only the workflow's last
step (an editor's approval) publishes, so nobody can skip review.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from hub.collections import ensure_collection
from hub.groups import EDITORS
from hub.workflows import editors_task, group_approval_task
from toolkits.models import ForumAccess, LearningForumPage

MEMBER_PAGE_ACTIONS = ["add"]
MODERATOR_PAGE_ACTIONS = ["add", "change", "lock", "unlock"]
COLLECTION_ACTIONS = ["add", "choose"]
GROUP_NAME_TITLE_LENGTH = 100


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _unique_group(name):
    """A new group called `name`, or `name (2)`... if a group of that name exists already."""
    candidate, number = name, 1
    while Group.objects.filter(name=candidate).exists():
        number += 1
        candidate = f"{name} ({number})"
    return Group.objects.create(name=candidate)


def _create_workflow(title, moderators):
    workflow = Workflow.objects.create(name=f"Guide review: {title}"[:255])
    moderator_task = group_approval_task(f"{title}: forum moderators review"[:255], moderators.name)
    WorkflowTask.objects.create(workflow=workflow, task=moderator_task, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=editors_task(), sort_order=1)
    return workflow


def access_for(forum):
    return ForumAccess.objects.filter(forum_key=forum.translation_key).first()


@transaction.atomic
def ensure_forum(forum):
    """Create whatever this forum's groups, permissions and workflow are missing. Idempotent."""
    access = access_for(forum)
    if access is None:
        title = forum.title[:GROUP_NAME_TITLE_LENGTH]
        members = _unique_group(f"Forum members: {title}")
        moderators = _unique_group(f"Forum moderators: {title}")
        access = ForumAccess.objects.create(
            forum_key=forum.translation_key,
            members=members,
            moderators=moderators,
            workflow=_create_workflow(title, moderators),
        )

    admin_access = _permission("wagtailadmin", "access_admin")
    collection = ensure_collection("Toolkits")
    grants = [(access.members, MEMBER_PAGE_ACTIONS), (access.moderators, MODERATOR_PAGE_ACTIONS)]
    pages = list(forum.get_translations(inclusive=True))
    for group, actions in grants:
        group.permissions.add(admin_access)
        for page in pages:
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_permission("wagtailcore", f"{action}_page")
                )
        for action in COLLECTION_ACTIONS:
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=_permission(app_label, f"{action}_{model}"),
                )
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": access.workflow})
    return access


def ensure_all_forums(report=None):
    """Set up every learning forum that exists (used by the bootstrap)."""
    seen = set()
    for forum in LearningForumPage.objects.order_by("pk"):
        if forum.translation_key in seen:
            continue
        seen.add(forum.translation_key)
        created = access_for(forum) is None
        ensure_forum(forum)
        if created and report is not None:
            report.note(f"learning forum groups and workflow for {forum.title}")


def viewer_groups(forum):
    """Who may read a forum's members-only pages: its members, its moderators and the editors."""
    access = ensure_forum(forum)
    return [access.members, access.moderators, *Group.objects.filter(name=EDITORS)]


def make_members_only(page, forum=None):
    """Restrict a page (and so everything below it) to its forum's groups. Idempotent."""
    forum = forum or page.get_parent().specific
    restriction = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set(viewer_groups(forum))
    return restriction
