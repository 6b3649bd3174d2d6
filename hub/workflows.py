"""Approval tasks shared by the hub's workflows (editorial review, story review, guide review)."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask

from hub.groups import EDITORS

EDITORS_TASK = "Editors approve"


def group_approval_task(name, *group_names):
    """The approval task called `name`, reviewed by exactly these groups (created if missing)."""
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
    task.groups.set(Group.objects.filter(name__in=group_names))
    return task


def editors_task():
    """One task for every last step that Editors approve: pages in general and forum guides."""
    return group_approval_task(EDITORS_TASK, EDITORS)
