"""The permission policy: exactly what each of the hub's groups may do, and where.

Group permissions are policy and live in code; running the bootstrap puts them back as declared
here. Learning forums' own groups are set up by toolkits.forums.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from hub.collections import ensure_collection, root_collection
from hub.groups import EDITORS, EXPERTS, FORUM_MEMBERS, GROUPS, MODERATORS, TRANSLATORS
from stories.models import StoryIndexPage


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def submit_translation_permission():
    # wagtail-localize creates this in a data migration, which an emptied database no longer has.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    return permission


def _model_perms(app_label, model, actions):
    return [_perm(app_label, f"{action}_{model}") for action in actions]


# Page permissions (Wagtail codenames) each group holds, and on which section's pages.
# "add" lets a contributor create pages and edit their own drafts; only "publish" makes them live.
PAGE_PERMISSIONS = {
    EXPERTS: {StoryIndexPage: ["add"]},
    # Members draft only inside their own forum, through its per-forum group (toolkits.forums).
    FORUM_MEMBERS: {},
    MODERATORS: {StoryIndexPage: ["add", "change", "publish", "lock", "unlock"]},
    EDITORS: {None: ["add", "change", "publish", "bulk_delete", "lock", "unlock"]},
    TRANSLATORS: {None: ["add", "change"]},
}

# Image and document permissions, per collection (None: the root collection).
COLLECTION_PERMISSIONS = {
    EXPERTS: {"Stories": ["add", "choose"]},
    FORUM_MEMBERS: {"Toolkits": ["add", "choose"]},
    MODERATORS: {"Stories": ["add", "change", "choose", "delete"]},
    EDITORS: {None: ["add", "change", "choose", "delete"]},
    TRANSLATORS: {None: ["choose"]},
}


def _model_permissions_for(group_name):
    perms = [_perm("wagtailadmin", "access_admin")]
    if group_name == EDITORS:
        for model in ("principle", "lifefactor"):
            perms += _model_perms("hub", model, ["add", "change", "delete"])
        for model in ("sector", "clientgroup"):
            perms += _model_perms("casestudies", model, ["add", "change", "delete"])
        # Visitors' suggestions: reviewed, accepted (published) or deleted; never added here.
        perms += _model_perms("casestudies", "casestudysuggestion", ["change", "delete", "publish"])
        perms += _model_perms("taggit", "tag", ["add", "change", "delete"])
        perms += [_perm("hub", "change_hubsettings")]
        perms += _model_perms("wagtailredirects", "redirect", ["add", "change", "delete"])
        perms += _model_perms(
            "wagtailsearchpromotions", "searchpromotion", ["add", "change", "delete"]
        )
        perms += [submit_translation_permission()]
    if group_name == TRANSLATORS:
        # "Translate" in wagtail-localize needs only submit_translation; a term's translation
        # opens in its snippet edit view, hence "change" (hub.translation_review keeps
        # translators to the translations, off the English originals). No publish anywhere.
        perms += [submit_translation_permission()]
        perms += [_perm("hub", "change_principle"), _perm("hub", "change_lifefactor")]
        perms += [_perm("casestudies", "change_sector"), _perm("casestudies", "change_clientgroup")]
    return perms


def ensure_groups(sections, report):
    """Give each group exactly the permissions declared above.

    Group permissions are policy and live in code: Wagtail's own migrations create "Moderators"
    and "Editors" with edit and publish rights over the whole tree, which is not what they mean
    here, so each group's page, collection and model permissions are set, not merely added to.
    """
    root_page = Page.get_first_root_node()
    for group_name in GROUPS:
        group, created = Group.objects.get_or_create(name=group_name)
        if created:
            report.note(f"group {group_name}")
        group.permissions.set(_model_permissions_for(group_name))

        page_grants = set()
        for section_model, actions in PAGE_PERMISSIONS[group_name].items():
            pages = [root_page]
            if section_model is not None:
                pages = list(sections[section_model].get_translations(inclusive=True))
            for page in pages:
                for action in actions:
                    grant, _ = GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=_perm("wagtailcore", f"{action}_page")
                    )
                    page_grants.add(grant.pk)
        GroupPagePermission.objects.filter(group=group).exclude(pk__in=page_grants).delete()

        collection_grants = set()
        for collection_name, actions in COLLECTION_PERMISSIONS[group_name].items():
            if collection_name is None:
                collection = root_collection()
            else:
                collection = ensure_collection(collection_name)
            for action in actions:
                for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                    grant, _ = GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=collection,
                        permission=_perm(app_label, f"{action}_{model}"),
                    )
                    collection_grants.add(grant.pk)
        GroupCollectionPermission.objects.filter(group=group).exclude(
            pk__in=collection_grants
        ).delete()
