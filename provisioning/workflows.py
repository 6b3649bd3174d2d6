"""The review workflows: editorial review for the whole tree, story review, guide review, and
the Editors' queue of case-study suggestions."""

from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from casestudies.workflow import ensure_suggestion_workflow
from hub.workflows import editors_task
from stories.workflow import ensure_story_workflow
from toolkits.workflow import ensure_guide_review

EDITORIAL_REVIEW = "Editorial review"


def ensure_editorial_review(report):
    """Pages outside Stories and forums, submitted for moderation, go to the Editors.

    Wagtail's migrations assign a "Moderators approval" workflow to the whole tree; here the
    Moderators review stories, so a translation or a case study submitted by someone who cannot
    publish would land with the wrong people. Stories and forums have workflows of their own.
    """
    workflow, created = Workflow.objects.get_or_create(name=EDITORIAL_REVIEW)
    if created:
        report.note("workflow Editorial review")
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=editors_task(), defaults={"sort_order": 0}
    )
    root = Page.get_first_root_node()
    assignment = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assignment is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    elif assignment.workflow.name == "Moderators approval":  # Wagtail's own default
        assignment.workflow = workflow
        assignment.save()


def ensure_workflows(report):
    ensure_editorial_review(report)
    ensure_story_workflow(report)
    ensure_guide_review(report)
    ensure_suggestion_workflow(report)
