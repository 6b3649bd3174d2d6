"""Which pages a person may not see in the admin: one rule, applied by every admin path.

Contributors trust the hub with drafts of their own lives, so an unpublished story (or a forum's
unpublished guide) must stay out of sight of everyone who has no part in it, title and metadata
included. Wagtail's own page permissions are about acting on pages, not about seeing them: a
translator's "change" grant on the whole tree, or a contributor's "add" grant, still lets them
list, search and choose other people's drafts.

Each content app says which of its pages a person may not see by registering a function on the
`hub_private_pages` hook: it takes the user and returns a Q on Page fields for the pages hidden
from them, or None when nothing is hidden. Everything else here applies that one rule:

- `PrivatePagesPermissionPolicy` replaces Wagtail's page permission policy, so every admin view
  that asks the policy which pages a user may explore, edit, lock or review (explorer, admin API,
  page search, reports, workflow listings, dashboard panels) leaves hidden pages out;
- `PrivatePagesPermissionTester` refuses every action on a hidden page (its models use it);
- where Wagtail builds a listing without the policy, the same rule is applied by a hook or a
  replaced view: the explorer and chooser hooks (hub.wagtail_hooks), the dashboard panels
  (hub.admin_dashboard), page bulk actions (hub.admin_bulk_actions) and the page types usage
  report (hub.admin_reports); hub.page_privacy_guard refuses any admin address naming a hidden
  page.

Superusers see everything, as in Wagtail.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

PRIVATE_PAGES_HOOK = "hub_private_pages"
_CACHE_ATTRIBUTE = "_hub_hidden_pages"


def hidden_pages_q(user):
    """A Q (on Page fields) matching every page hidden from this user, or None if none is.

    Worked out once per user object, which lives as long as its request.
    """
    if not user.is_authenticated or user.is_superuser:
        return None
    if not hasattr(user, _CACHE_ATTRIBUTE):
        rules = [rule(user) for rule in hooks.get_hooks(PRIVATE_PAGES_HOOK)]
        rules = [rule for rule in rules if rule is not None]
        setattr(user, _CACHE_ATTRIBUTE, reduce(or_, rules) if rules else None)
    return getattr(user, _CACHE_ATTRIBUTE)


def hidden_page_ids(user):
    """A subquery of the ids of pages hidden from `user` (None if none is)."""
    hidden = hidden_pages_q(user)
    if hidden is None:
        return None
    return Page.objects.filter(hidden).values("pk")


def visible_pages(pages, user):
    """`pages` (a queryset of Page or of a page model) without those hidden from `user`.

    Filtered on ids, the one field every search backend can filter a page search on.
    """
    hidden = hidden_page_ids(user)
    return pages if hidden is None else pages.exclude(id__in=hidden)


def is_hidden_from(page, user):
    hidden = hidden_pages_q(user)
    if hidden is None or page.pk is None:
        return False
    return Page.objects.filter(hidden, pk=page.pk).exists()


class PrivatePagesPermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, except that hidden pages are never among the pages a
    user may explore or act on."""

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_pages(super().instances_user_has_any_permission_for(user, actions), user)

    def explorable_instances(self, user):
        return visible_pages(super().explorable_instances(user), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if is_hidden_from(instance, user):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


class PrivatePagesPermissionTester(PagePermissionTester):
    """Nothing may be done, or looked at, by a user the page is hidden from."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.hidden = is_hidden_from(page, user)
        if self.hidden:
            self.permissions = set()

    def can_edit(self):
        return not self.hidden and super().can_edit()

    def can_lock(self):
        return not self.hidden and super().can_lock()

    def can_unlock(self):
        return not self.hidden and super().can_unlock()

    def can_view_revisions(self):
        return not self.hidden and super().can_view_revisions()


class PrivatePagesMixin:
    """For page models with private drafts: their permission tester knows what is hidden."""

    def permissions_for_user(self, user):
        return PrivatePagesPermissionTester(user, self)


def any_of(conditions):
    """Q matching any of `conditions` (Q objects); one that matches nothing if there are none."""
    return reduce(or_, conditions, Q(pk__in=[]))


# Not yet published, or published with changes waiting: either way its draft is private.
UNPUBLISHED = Q(live=False) | Q(has_unpublished_changes=True)


def hidden_among(pages, user):
    """The ids, among these pages (objects of any kind; non-pages are ignored), of those hidden
    from `user`: one query, for lists Wagtail builds in Python."""
    hidden = hidden_pages_q(user)
    ids = [page.pk for page in pages if isinstance(page, Page)]
    if hidden is None or not ids:
        return set()
    return set(Page.objects.filter(hidden, pk__in=ids).values_list("pk", flat=True))
