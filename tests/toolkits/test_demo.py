"""The demo content: loaded once, idempotently, with a guide really in review."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, WorkflowState

from toolkits.models import GuidePage, LearningForumPage, SelfAssessmentPage, ToolkitPage

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_and_again_changes_nothing(site_tree, settings):
    settings.HUB_DEMO_LOGINS = False
    call_command("load_demo_content", "--only", "toolkits", stdout=StringIO())
    pages = Page.objects.count()
    output = StringIO()
    call_command("load_demo_content", "--only", "toolkits", stdout=output)

    assert Page.objects.count() == pages
    assert "Demo toolkits: nothing to create." in output.getvalue()
    assert ToolkitPage.objects.live().count() == 2
    forum = LearningForumPage.objects.get()
    assert forum.live
    guides = GuidePage.objects.child_of(forum)
    assert guides.live().public().count() == 1  # the co-design guide
    in_review = guides.get(slug="thanking-people-for-their-time")
    assert not in_review.live
    state = WorkflowState.objects.get(object_id=str(in_review.pk))
    assert state.status == "in_progress"
    assert "moderators" in state.current_task_state.task.name
    notes = guides.get(slug="forum-working-notes")
    assert PageViewRestriction.objects.filter(page=notes).exists()

    assessment = SelfAssessmentPage.objects.live().get()
    counts = {}
    for statement in assessment.statements.select_related("principle"):
        counts[statement.principle.key] = counts.get(statement.principle.key, 0) + 1
    assert len(counts) == 6 and all(3 <= n <= 4 for n in counts.values())
