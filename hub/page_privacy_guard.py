"""Every admin address that names a page hidden from the user is refused (403).

Wagtail's page views (explorer, edit, history, workflow history, usage, preview, move, copy,
workflow actions...) each check their own permission, and some, such as the explorer of a
page's children or its history, check none that hub.page_privacy can reach. One guard in front
of them all keeps the rule in one place: a hidden page's address shows nothing of it. (A 404
would be turned by the LocaleMiddleware into a redirect to a language-prefixed address.)
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Page

from hub.page_privacy import hidden_pages_q

# The names Wagtail's admin URLs give to a page's id.
PAGE_ID_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


class PrivatePageGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(self.admin_prefix):
            return None
        hidden = hidden_pages_q(request.user)
        if hidden is None:
            return None
        page_ids = [view_kwargs[name] for name in PAGE_ID_ARGUMENTS if name in view_kwargs]
        if page_ids and Page.objects.filter(hidden, pk__in=page_ids).exists():
            raise PermissionDenied
        return None
