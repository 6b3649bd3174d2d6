"""The moderators' withdraw action: a confirmation page, then stories.withdrawal."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from stories.models import StoryPage, StoryWithdrawal
from stories.withdrawal import withdraw_story


def withdrawn_by(user, page):
    """Who would be withdrawing, or None if this user may not withdraw this story."""
    if page.permissions_for_user(user).can_publish():
        return StoryWithdrawal.By.MODERATOR
    if user.is_authenticated and page.owner_id == user.pk:
        return StoryWithdrawal.By.CONTRIBUTOR
    return None


def withdraw(request, page_id):
    story = get_object_or_404(StoryPage, pk=page_id)
    by = withdrawn_by(request.user, story)
    if by is None:
        raise PermissionDenied
    if request.method == "POST":
        parent_id = story.get_parent().pk
        withdraw_story(story, by=by)
        messages.success(
            request,
            _("The story has been withdrawn and everything in it deleted, in every language."),
        )
        return redirect("wagtailadmin_explore", parent_id)
    return TemplateResponse(
        request, "stories/admin/withdraw_confirm.html", {"story": story, "page": story}
    )
