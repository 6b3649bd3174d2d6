"""The "Case study suggestions" workflow: the Editors' review queue for visitors' suggestions."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from casestudies.suggestion_models import CaseStudySuggestion
from hub.groups import EDITORS
from hub.workflows import group_approval_task

WORKFLOW_NAME = "Case study suggestions"
TASK_NAME = "Editors review a suggestion"


@transaction.atomic
def ensure_suggestion_workflow(report=None):
    """Create the workflow and assign it to suggestions; change nothing that exists."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created and report is not None:
        report.note(f"workflow {WORKFLOW_NAME}")
    task = group_approval_task(TASK_NAME, EDITORS)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    content_type = ContentType.objects.get_for_model(CaseStudySuggestion)
    WorkflowContentType.objects.get_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )
    return workflow
