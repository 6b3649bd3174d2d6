"""Build the hub's skeleton: locales, site tree, taxonomy, groups and (in dev) demo logins.

Every step is idempotent: it creates what is missing and leaves what exists alone, so running it
twice changes nothing and never overwrites an editor's work.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from casestudies.models import CaseStudyIndexPage, PrincipleIndexPage, ResourceIndexPage
from hub.models import HomePage, HubSettings, LifeFactor, Principle
from hub.taxonomy_seed import LIFE_FACTORS, PRINCIPLES
from hub.workflows import editors_task
from search.models import SearchPage
from stories.models import StoryIndexPage
from stories.workflow import ensure_story_workflow
from toolkits.models import ToolkitIndexPage
from toolkits.workflow import ensure_guide_review

EXPERTS = "Experts by experience"
FORUM_MEMBERS = "Learning forum members"
MODERATORS = "Moderators"
EDITORS = "Editors"
TRANSLATORS = "Translators"
GROUPS = [EXPERTS, FORUM_MEMBERS, MODERATORS, EDITORS, TRANSLATORS]

# (model, slug, title, introduction, shown in the main navigation)
SECTIONS = [
    (
        CaseStudyIndexPage,
        "case-studies",
        "Case studies",
        "<p>Real examples of services designed and run with the people who use them.</p>",
        True,
    ),
    (
        PrincipleIndexPage,
        "principles",
        "Principles",
        "<p>Six principles describe what co-production looks like in practice.</p>",
        True,
    ),
    (
        StoryIndexPage,
        "stories",
        "Stories",
        "<p>A day in the life, told by people with lived experience, in their own words.</p>",
        True,
    ),
    (
        ToolkitIndexPage,
        "toolkits",
        "Toolkits",
        "<p>Practical guides and tools for working in partnership, including a "
        "self-assessment for your service.</p>",
        True,
    ),
    (
        ResourceIndexPage,
        "resources",
        "Resources",
        "<p>Research, practical tools and films about co-production.</p>",
        True,
    ),
    (SearchPage, "search", "Search", "", False),
]

# Username, display name, group (None: superuser). Pseudonymous; example.org never receives mail.
DEMO_USERS = [
    ("admin", "Ada Admin", None),
    ("editor", "Eddie Editor", EDITORS),
    ("moderator", "Mo Moderator", MODERATORS),
    ("expert", "Sam Storyteller", EXPERTS),
    ("forum", "Frankie Forum", FORUM_MEMBERS),
    ("translator", "Tal Translator", TRANSLATORS),
]

HOME_INTRODUCTION = (
    "<p>A meeting place for co-production in health and social care: real examples, stories "
    "told by people with lived experience, and practical tools for working as equals.</p>"
)


@dataclass
class BootstrapReport:
    created: list = field(default_factory=list)

    def note(self, what):
        self.created.append(what)


def demo_password(username):
    """Demo passwords are predictable on purpose; demo logins exist only in dev settings."""
    return f"{username}-demo"


@transaction.atomic
def run(report=None, demo_logins=None):
    report = report or BootstrapReport()
    if demo_logins is None:
        demo_logins = getattr(settings, "HUB_DEMO_LOGINS", False)
    ensure_locales(report)
    home = ensure_home(report)
    sections = ensure_sections(home, report)
    ensure_taxonomy(report)
    ensure_settings(report)
    ensure_groups(sections, report)
    ensure_editorial_review(report)
    ensure_story_workflow(report)
    ensure_guide_review(report)
    if demo_logins:
        ensure_demo_users(report)
    return report


def ensure_locales(report):
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        _, created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.note(f"locale {code}")


def ensure_home(report):
    default_locale = Locale.get_default()
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (e.g. after a transactional test's flush)
        root = Page.add_root(title="Root", locale=default_locale)
        report.note("root page")
    root = Page.objects.get(pk=root.pk)

    home = HomePage.objects.filter(depth=2, locale=default_locale).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page, which is a plain Page with no children.
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.is_leaf():
                placeholder.delete()
        home = HomePage(
            title="Co-production hub",
            slug="home",
            locale=default_locale,
            introduction=HOME_INTRODUCTION,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.note("home page")

    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        report.note("default site")
        return home
    if (site.hostname, site.port) != (hostname, port):
        # The address is configuration (HUB_BASE_URL), not an editor's work: follow it.
        site.hostname, site.port = hostname, port
        site.save()
        report.note(f"default site address {settings.HUB_BASE_URL}")
    if site.root_page_id != home.pk and not isinstance(site.root_page.specific, HomePage):
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
        report.note("default site points at the home page")
    return home


def site_address():
    """The default Site's host name and port, from HUB_BASE_URL (its root_url builds every link)."""
    base_url = urlsplit(settings.HUB_BASE_URL)
    default_port = 443 if base_url.scheme == "https" else 80
    return base_url.hostname or "localhost", base_url.port or default_port


def ensure_sections(home, report):
    sections = {}
    for model, slug, title, introduction, in_menu in SECTIONS:
        page = model.objects.child_of(home).first()
        if page is None:
            page = model(title=title, slug=slug, introduction=introduction, show_in_menus=in_menu)
            home.add_child(instance=page)
            page.save_revision().publish()
            report.note(f"section {title}")
        sections[model] = page
    if not home.routes:
        ensure_home_routes(home, sections)
    return sections


def ensure_home_routes(home, sections):
    home.routes = [
        (
            "route",
            {
                "heading": "Find examples",
                "description": "Browse case studies by keyword, principle and depth.",
                "page": sections[CaseStudyIndexPage],
                "url": "",
            },
        ),
        (
            "route",
            {
                "heading": "Share your story",
                "description": "Tell us about a day in your life, safely and in your own words.",
                "page": sections[StoryIndexPage],
                # The form is a route of the stories page; relative, so each language's home
                # page links to the form in its own language.
                "url": "stories/share/",
            },
        ),
        (
            "route",
            {
                "heading": "Tools and guides",
                "description": "Check where your service stands and find practical next steps.",
                "page": sections[ToolkitIndexPage],
                "url": "",
            },
        ),
    ]
    home.save_revision().publish()


def ensure_taxonomy(report):
    locale = Locale.get_default()
    for item in PRINCIPLES:
        if not Principle.objects.filter(key=item["key"], locale=locale).exists():
            Principle.objects.create(
                key=item["key"],
                name=item["name"],
                order=item["order"],
                colour=item["colour"],
                short_description=item["short_description"],
                reflective_questions=[("question", q) for q in item["questions"]],
                locale=locale,
            )
            report.note(f"principle {item['key']}")
    for order, item in enumerate(LIFE_FACTORS, start=1):
        if not LifeFactor.objects.filter(key=item["key"], locale=locale).exists():
            LifeFactor.objects.create(order=order, locale=locale, **item)
            report.note(f"life factor {item['key']}")


SAFEGUARDING_MESSAGE = (
    "<p>If you are in danger now, call 999. If you need to talk to someone, the services "
    "below are free and confidential.</p>"
)
SIGNPOSTS = [
    {
        "name": "Samaritans",
        "description": "Someone to talk to, day or night.",
        "phone": "116 123",
        "url": "https://www.samaritans.org/",
    },
    {
        "name": "NHS 111",
        "description": "Urgent health advice, including mental health.",
        "phone": "111",
        "url": "https://111.nhs.uk/",
    },
]


def ensure_settings(report):
    site = Site.objects.get(is_default_site=True)
    hub_settings = HubSettings.for_site(site)
    if not hub_settings.safeguarding_message and not hub_settings.signposts:
        hub_settings.safeguarding_message = SAFEGUARDING_MESSAGE
        hub_settings.signposts = [("signpost", signpost) for signpost in SIGNPOSTS]
        hub_settings.save()
        report.note("safeguarding signposts")


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


def root_collection():
    # Wagtail's migrations create it; an emptied database (a transactional test) has none.
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def ensure_collection(name):
    root = root_collection()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


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


def ensure_demo_users(report):
    User = get_user_model()
    for username, display_name, group_name in DEMO_USERS:
        first_name, last_name = display_name.split(" ", 1)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.org",
                is_superuser=group_name is None,
                is_staff=group_name is None,
            )
            user.set_password(demo_password(username))
            user.save()
            report.note(f"demo user {username}")
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
