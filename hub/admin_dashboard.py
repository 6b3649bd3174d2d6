"""The dashboard's page panels, naming no page hidden from the reader (hub.page_privacy).

Wagtail fills them from the user's own history (pages they edited, locked or sent for review,
tasks their groups review) without asking the permission policy; a page hidden from them since
(someone who left a forum's moderators, say) must drop out of them too.
"""

from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from hub.page_privacy import hidden_among, visible_pages


def _user(parent_context):
    return parent_context["request"].user


class PrivateRecentEditsPanel(RecentEditsPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        edits = context["last_edits"]
        hidden = hidden_among([page for _date, page in edits], _user(parent_context))
        context["last_edits"] = [(date, page) for date, page in edits if page.pk not in hidden]
        return context


class PrivateLockedPagesPanel(LockedPagesPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["locked_pages"] = visible_pages(context["locked_pages"], _user(parent_context))
        return context


class PrivateUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = list(context["workflow_states"])
        hidden = hidden_among([state.content_object for state in states], _user(parent_context))
        context["workflow_states"] = [s for s in states if s.content_object.pk not in hidden]
        return context


class PrivateWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = context["states"]
        hidden = hidden_among([state["obj"] for state in states], _user(parent_context))
        context["states"] = [state for state in states if state["obj"].pk not in hidden]
        return context


PRIVATE_PANELS = {
    RecentEditsPanel: PrivateRecentEditsPanel,
    LockedPagesPanel: PrivateLockedPagesPanel,
    UserObjectsInWorkflowModerationPanel: PrivateUserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel: PrivateWorkflowObjectsToModeratePanel,
}


def replace_page_panels(request, panels):
    """For the construct_homepage_panels hook: each of Wagtail's page panels, made private."""
    for position, panel in enumerate(panels):
        private = PRIVATE_PANELS.get(type(panel))
        if private is not None:
            panels[position] = private()
