"""Wagtail's page bulk actions (delete, move, publish, unpublish), blind to hidden pages.

A bulk action's confirmation lists the chosen pages, including those the user may not act on
("you don't have permission to..."), by title; and "select all" takes every child of a page.
Here pages hidden from the user (hub.page_privacy) are dropped from both lists, so they are
neither named nor acted on. Registered after Wagtail's own, which they replace.
"""

from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)

from hub.page_privacy import hidden_among


class PrivatePagesBulkActionMixin:
    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        no_access = extra.get("items_with_no_access", [])
        hidden = hidden_among([*objects, *no_access], user)
        objects = [page for page in objects if page.pk not in hidden]
        extra["items_with_no_access"] = [page for page in no_access if page.pk not in hidden]
        return objects, extra


def _private(action_class):
    return type(f"Private{action_class.__name__}", (PrivatePagesBulkActionMixin, action_class), {})


PRIVATE_BULK_ACTIONS = [
    _private(action)
    for action in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction)
]
