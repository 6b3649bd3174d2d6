"""The "Guide review" workflows, for the bootstrap: one per learning forum (toolkits.forums).

Each forum has its own two-step workflow (its moderators, then the editors) rather than one
workflow shared by all forums, because a Wagtail group approval task lets every member of its
groups open the page in the editor: a shared first step would let one forum's moderators into
another forum's drafts.
"""

from hub.workflows import editors_task
from toolkits.forums import ensure_all_forums


def ensure_guide_review(report=None):
    editors_task()
    ensure_all_forums(report)
