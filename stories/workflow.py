"""The "Story review" workflow: every story passes a moderator before it goes live."""

from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from hub.groups import MODERATORS
from hub.workflows import group_approval_task
from stories.models import StoryIndexPage

WORKFLOW_NAME = "Story review"
TASK_NAME = "Moderator review"


@transaction.atomic
def ensure_story_workflow(report=None):
    """Create the workflow and assign it to every Stories section; change nothing that exists."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created and report is not None:
        report.note("workflow Story review")
    task = group_approval_task(TASK_NAME, MODERATORS)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index_page in StoryIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": workflow})
    return workflow


def story_workflow():
    return Workflow.objects.get(name=WORKFLOW_NAME)
